import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from './codes.js';

describe('PROBLEM_CODES', () => {
  it('lists exactly the codes the checks emit, with their severities', () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const emitted = new Map<string, string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const src = readFileSync(join(dir, file), 'utf8');
      // error({ code: 'x' … }) / warning({ code: 'x' … }), and template verdicts { severity, code }.
      for (const m of src.matchAll(/(error|warning)\(\{\s*code: '([a-z-]+)'/g)) emitted.set(m[2]!, m[1]!);
      for (const m of src.matchAll(/severity: '(error|warning)',\s*code: '([a-z-]+)'/g)) emitted.set(m[2]!, m[1]!);
    }
    emitted.set('schema', 'error');
    expect(Object.fromEntries([...emitted].sort())).toEqual(
      Object.fromEntries(Object.entries(PROBLEM_CODES).map(([code, v]) => [code, v.severity]).sort()),
    );
  });
});
