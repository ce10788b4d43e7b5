/** Issues a unique coupon code and stores it on the customer, for later messages to use. */
import { z } from 'zod';
import { defineAction, PermanentActionError } from '../define-action.js';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: codes get read aloud and typed

/** A code derived from the step's key and a salt: a retry of the same step proposes the same codes. */
export function candidateCode(prefix: string, key: string, salt: number, length: number): string {
  let h = 0x811c9dc5 ^ salt;
  let code = '';
  for (let i = 0; code.length < length; i++) {
    const ch = key.charCodeAt(i % Math.max(1, key.length)) + i * 31 + salt * 7;
    h = Math.imul(h ^ ch, 0x01000193) >>> 0;
    code += ALPHABET[h % ALPHABET.length];
  }
  return prefix ? `${prefix}-${code}` : code;
}

export const issueCoupon = defineAction({
  type: 'coupon.issue',
  title: 'Issue coupon code',
  description: 'Creates a unique coupon code and stores it on the customer (e.g. {{ customer.couponCode }} in later messages).',
  category: 'Promotions',
  icon: 'ticket',
  config: z.object({
    prefix: z.string().regex(/^[A-Z0-9]{0,12}$/, 'upper-case letters and digits, at most 12').default('WELCOME'),
    length: z.number().int().min(6).max(16).default(8),
    attribute: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'letters, digits and "_" only').default('couponCode'),
    /** Keep a code the customer already has instead of issuing another. */
    keepExisting: z.boolean().default(true),
  }),
  outputs: ['success', 'failure'],
  async run(ctx, config) {
    const existing = ctx.customer.attributes[config.attribute];
    if (config.keepExisting && typeof existing === 'string' && existing) {
      return { output: 'success', reason: `kept existing code ${existing}` };
    }
    for (let salt = 0; salt < 20; salt++) {
      const code = candidateCode(config.prefix, ctx.idempotencyKey, salt, config.length);
      if (await ctx.claimUnique(`coupon:${config.prefix}`, code)) {
        return { output: 'success', reason: `issued ${code}`, attributes: { [config.attribute]: code } };
      }
    }
    throw new PermanentActionError('could not find a free coupon code in 20 tries: use a longer code');
  },
  simulate: (_ctx, config) => {
    const code = candidateCode(config.prefix, 'simulation', 0, config.length);
    return { output: 'success', reason: `would issue a code like ${code}`, attributes: { [config.attribute]: code } };
  },
});
