import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonObject, jsonProblems, jsonValue } from './json.js';

const limits = { maxDepth: 32, maxBytes: 32 * 1024 };

/** `{ a: { a: … 1 } }`, `depth` objects deep, built without recursion. */
function nested(depth: number): Record<string, unknown> {
  let v: Record<string, unknown> = { leaf: 1 };
  for (let i = 1; i < depth; i++) v = { a: v };
  return v;
}

describe('jsonProblems', () => {
  it('accepts depth up to the limit and names the path where it is passed', () => {
    expect(jsonProblems(nested(32), limits)).toEqual([]);
    const [p] = jsonProblems({ properties: nested(40) }, limits);
    expect(p?.message).toBe('nested deeper than 32 levels');
    expect(p?.path).toEqual(['properties', ...Array(31).fill('a')]);
  });

  it('walks 200,000 levels without overflowing the stack', () => {
    let v: unknown = [];
    for (let i = 0; i < 200_000; i++) v = [v];
    expect(jsonProblems(v, limits)[0]?.message).toBe('nested deeper than 32 levels');
  });

  it('refuses NUL and lone surrogates in values and in keys, by path', () => {
    const problems = jsonProblems({ a: ['ok', 'x\u0000'], ['b\ud800']: 1, c: { d: 'e\udfff' } }, limits);
    expect(problems.map((p) => `${p.path.join('.')}: ${p.message}`).sort()).toEqual([
      'a.1: contains a control character (U+0000) at character 2',
      'b\ud800: its name contains invalid Unicode (a lone surrogate U+D800) at character 2',
      'c.d: contains invalid Unicode (a lone surrogate U+DFFF) at character 2',
    ]);
  });

  it('refuses values larger than the limit, and what is not JSON', () => {
    expect(jsonProblems({ s: 'x'.repeat(40_000) }, limits)).toEqual([{ path: [], message: 'is larger than 32 KB' }]);
    expect(jsonProblems({ n: Number.NaN, f: () => 1, d: new Date(0), b: 1n }, limits).map((p) => p.message)).toEqual([
      'must be a finite number',
      'is not a JSON value (function)',
      'is not a JSON value (Date)',
      'is not a JSON value (bigint)',
    ]);
  });

  it('refuses keys longer than maxKeyLength (default 256)', () => {
    expect(jsonProblems({ ['k'.repeat(257)]: 1 }, limits)[0]?.message).toBe('its name is longer than 256 characters');
    expect(jsonProblems({ ['k'.repeat(257)]: 1 }, { ...limits, maxKeyLength: 300 })).toEqual([]);
  });

  it('reports at most 10 problems', () => {
    expect(jsonProblems(Array(1000).fill('\u0001'), limits)).toHaveLength(10);
  });

  it('accepts every JSON value within the limits whose strings are safe', () => {
    // eslint-disable-next-line no-control-regex
    const safeString = fc.string({ unit: 'grapheme', maxLength: 10 }).filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), safeString, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(safeString, tie('value'), { maxKeys: 4 }),
    })).value;
    fc.assert(
      fc.property(json, (v) => {
        expect(jsonProblems(v, { maxDepth: 100, maxBytes: 1e9 })).toEqual([]);
      }),
    );
  });
});

describe('jsonObject and jsonValue schemas', () => {
  it('carry the problems as zod issues with their paths', () => {
    const r = jsonObject(limits).safeParse({ a: nested(40) });
    expect(r.error?.issues[0]).toMatchObject({ path: ['a', ...Array(31).fill('a')], message: 'nested deeper than 32 levels' });
    expect(jsonObject(limits).safeParse([1]).success).toBe(false);
    expect(jsonValue(limits).parse([1, 'two', { three: null }])).toEqual([1, 'two', { three: null }]);
    expect(jsonValue(limits).optional().parse(undefined)).toBeUndefined();
  });
});
