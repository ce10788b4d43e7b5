import type { EffectOutcome } from '../nodes/define.js';

/** The outcome of a step whose customer no longer exists (deleted meanwhile). */
export const unknownCustomer = (id: string, output: string): EffectOutcome => ({ output, status: 'failed', reason: `unknown customer ${id}` });
