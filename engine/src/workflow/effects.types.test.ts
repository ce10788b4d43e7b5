/**
 * The runtime's tables are exhaustive by construction. These are type-level checks (run by the
 * typecheck step of `npm test`); the runtime assertions only keep vitest from reporting empty tests.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { BUILTIN_ACTIONS } from '../actions/index.js';
import type { BuiltinActionKind, EffectKind } from '@cairn/core/internal/nodes/registry';
import type { EFFECTS } from './effects.js';

type Table = typeof EFFECTS;
type Actions = typeof BUILTIN_ACTIONS;

describe('the effect table and the actions table', () => {
  it('cover every effect kind of the registry between them, each kind once', () => {
    expectTypeOf<keyof Table | keyof Actions>().toEqualTypeOf<EffectKind>();
    expectTypeOf<Extract<keyof Table, keyof Actions>>().toEqualTypeOf<never>();
    expectTypeOf<keyof Actions>().toEqualTypeOf<BuiltinActionKind>();
  });
  it('would not compile with a kind left out', () => {
    // A table missing a kind is not assignable to the table's type: the compiler refuses it.
    expectTypeOf<Omit<Table, 'action.email'>>().not.toExtend<Table>();
    expectTypeOf<Omit<Actions, 'action.tag'>>().not.toExtend<Actions>();
  });
  it('run the built-in non-message actions through the actions contract, messages and custom actions through the effect table', () => {
    expectTypeOf<'action.tag' | 'action.updateAttribute' | 'action.webhook' | 'action.assignRep'>().toEqualTypeOf<BuiltinActionKind>();
    expectTypeOf<'action.email' | 'action.sms' | 'action.push' | 'action.chat' | 'action.custom'>().toEqualTypeOf<keyof Table>();
    expectTypeOf<'exit'>().not.toExtend<EffectKind>();
  });
});
