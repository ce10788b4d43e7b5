/**
 * Every public name of this package's entry points carries TSDoc: the entries are what the editor,
 * the API and extension authors read, and a name without a comment is a name someone must open
 * the source to understand.
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { undocumentedExports } from './testing/public-docs.js';

it('every exported name of every entry point has a doc comment', () => {
  // Wildcard entries (the core's internals for the engine) are not public.
  const entries = Object.values(pkg.exports).filter((p) => !p.includes('*')).map((p) => fileURLToPath(new URL(`../${p}`, import.meta.url)));
  const { names, undocumented } = undocumentedExports(entries, [fileURLToPath(new URL('.', import.meta.url))]);
  expect(names).toBeGreaterThan(100);
  expect(undocumented).toEqual([]);
});
