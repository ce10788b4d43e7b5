/**
 * Every public name of this package's entry points carries TSDoc: the entries are what the editor,
 * the API and extension authors read, and a name without a comment is a name someone must open
 * the source to understand. Read with the TypeScript checker, following re-exports to the
 * declaration, so a comment on the declaration counts wherever the name is exported from.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

const entries = Object.values(pkg.exports)
  // Wildcard entries (the core's internals for the engine) are not public.
  .filter((p) => !p.includes('*'))
  .map((p) => fileURLToPath(new URL(`../${p}`, import.meta.url)));

it('every exported name of every entry point has a doc comment', () => {
  const program = ts.createProgram(entries, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const undocumented = new Set<string>();
  let names = 0;
  for (const entry of entries) {
    const file = program.getSourceFile(entry);
    const module = file && checker.getSymbolAtLocation(file);
    expect(module, `entry ${entry} is a module`).toBeDefined();
    for (const exported of checker.getExportsOfModule(module as ts.Symbol)) {
      names++;
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (symbol.getDocumentationComment(checker).length) continue;
      const at = symbol.declarations?.[0];
      const where = at ? `${at.getSourceFile().fileName.replace(/^.*\/(engine|core)\/src\//, '$1/')}:${at.getSourceFile().getLineAndCharacterOfPosition(at.getStart()).line + 1}` : '?';
      undocumented.add(`${exported.name} (${where})`);
    }
  }
  expect(names).toBeGreaterThan(100);
  expect([...undocumented].sort()).toEqual([]);
});
