import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { screenInput } from './screen.js';

function refusal(raw: unknown): { code: string; issues: Array<{ path: Array<string | number>; message: string }> } | undefined {
  try {
    screenInput(raw);
    return undefined;
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    return { code: err.code, issues: JSON.parse(err.message) as Array<{ path: Array<string | number>; message: string }> };
  }
}

describe('screenInput', () => {
  it('lets ordinary input through, line breaks and emoji included', () => {
    expect(refusal(undefined)).toBeUndefined();
    expect(refusal({ note: 'line one\nline two 🙂', list: [1, true, null] })).toBeUndefined();
  });

  it('refuses like a tRPC input error: BAD_REQUEST, the message a JSON list of issues with paths', () => {
    expect(refusal({ a: [{ b: 'x\u0000' }] })).toEqual({
      code: 'BAD_REQUEST',
      issues: [expect.objectContaining({ path: ['a', 0, 'b'], message: 'contains a control character (U+0000) at character 2' })],
    });
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(refusal({ draft: deep })?.issues[0]?.message).toBe('nested deeper than 64 levels');
  });
});
