/**
 * Every public name of this package's entry points carries TSDoc (the same check as the core's,
 * engine/core/src/public-docs.test.ts).
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { undocumentedExports } from '@cairn/core/internal/testing/public-docs';
import pkg from '../package.json' with { type: 'json' };

it('every exported name of every entry point has a doc comment', () => {
  const entries = Object.values(pkg.exports).map((p) => fileURLToPath(new URL(`../${p}`, import.meta.url)));
  const { names, undocumented } = undocumentedExports(entries, [fileURLToPath(new URL('.', import.meta.url)), fileURLToPath(new URL('../core/src/', import.meta.url))]);
  expect(names).toBeGreaterThan(50);
  expect(undocumented).toEqual([]);
});
