/**
 * The public names of a package's entry points that carry no TSDoc, read with the TypeScript
 * checker following re-exports to each declaration (a comment on the declaration counts wherever
 * the name is exported from). Only the package's own sources are parsed: every other file (node
 * modules, the standard library, other packages' sources) reads as empty, since a doc comment is
 * syntax and no type needs resolving, which keeps this to a second or two, not a full type-check.
 */
import ts from 'typescript';

const relative = (file: string, roots: readonly string[]) => file.slice(roots.find((r) => file.startsWith(r))?.length ?? 0);

export interface DocsReport {
  /** Names exported by the entries. */
  names: number;
  /** "name (file:line)" for each exported name without a doc comment, sorted. */
  undocumented: string[];
}

/** `sourceRoots`: the folders whose files are parsed (the package's, and those of packages it re-exports from). */
export function undocumentedExports(entries: readonly string[], sourceRoots: readonly string[]): DocsReport {
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, noLib: true, noEmit: true, types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) =>
    sourceRoots.some((root) => fileName.startsWith(root)) ? read(fileName, languageVersion, onError, shouldCreate) : ts.createSourceFile(fileName, '', languageVersion);
  const program = ts.createProgram({ rootNames: [...entries], options, host });
  const checker = program.getTypeChecker();
  const undocumented = new Set<string>();
  let names = 0;
  for (const entry of entries) {
    const file = program.getSourceFile(entry);
    const module = file && checker.getSymbolAtLocation(file);
    if (!module) throw new Error(`entry ${entry} is not a module`);
    for (const exported of checker.getExportsOfModule(module)) {
      names++;
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (symbol.getDocumentationComment(checker).length) continue;
      const at = symbol.declarations?.[0];
      const where = at ? `${relative(at.getSourceFile().fileName, sourceRoots)}:${at.getSourceFile().getLineAndCharacterOfPosition(at.getStart()).line + 1}` : '?';
      undocumented.add(`${exported.name} (${where})`);
    }
  }
  return { names, undocumented: [...undocumented].sort() };
}
