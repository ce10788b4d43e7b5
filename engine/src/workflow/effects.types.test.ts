/**
 * The effect table is exhaustive by construction. These are type-level checks (run by the
 * typecheck step of `npm test`); the runtime assertion only keeps vitest from reporting an empty test.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { EffectKind } from '@cairn/core/internal/nodes/registry';
import type { EFFECTS } from './effects.js';

type Table = typeof EFFECTS;

describe('the effect table', () => {
  it('has exactly one entry per effect kind of the registry', () => {
    expectTypeOf<keyof Table>().toEqualTypeOf<EffectKind>();
  });
  it('would not compile with a kind left out', () => {
    // A table missing 'action.tag' is not assignable to the table's type: the compiler refuses it.
    expectTypeOf<Omit<Table, 'action.tag'>>().not.toExtend<Table>();
  });
  it('includes every message kind and the built-in actions', () => {
    expectTypeOf<'action.email' | 'action.webhook' | 'action.custom'>().toExtend<EffectKind>();
    expectTypeOf<'exit'>().not.toExtend<EffectKind>();
  });
});
