/**
 * Asks your lead-scoring service for the customer's score and branches on it: "high" at or above
 * the threshold, "low" below it, and "unknown" when the service does not answer in time or fails
 * (the customer is never held up by it). The service gets `{ customerId, attributes, event }` as
 * JSON (a bearer token from `CAIRN_SECRET_SCORING_TOKEN` when set) and answers `{ "score": 82 }`.
 */
import { z } from 'zod';
import { defineCondition } from '../define-condition.js';

const Answer = z.object({ score: z.number().finite() });

export const leadScore = defineCondition({
  type: 'score.lead',
  title: 'Lead score',
  description: 'Asks your scoring service; high or low by a threshold, "unknown" when it does not answer within 2 s.',
  category: 'Scoring',
  icon: 'gauge',
  // Version 2 renamed `minimum` to `threshold`; journeys saved with version 1 keep working.
  version: 2,
  migrate: (old, from) => {
    if (from === 1) {
      const { minimum, ...rest } = old;
      return { ...rest, threshold: minimum ?? 70 };
    }
    throw new Error(`unknown version ${from}`);
  },
  config: z.object({
    url: z.url({ protocol: /^https?$/, error: 'the scoring service must be an http(s) URL' }),
    threshold: z.number().min(0, 'at least 0').max(1000).default(70),
  }),
  outputs: ['high', 'low', 'unknown'],
  fallbackOutput: 'unknown',
  timeoutMs: 2000,
  async decide(ctx, config) {
    const token = ctx.secret('SCORING_TOKEN');
    const res = await ctx.fetch(config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ customerId: ctx.customer.id, attributes: ctx.customer.attributes, event: ctx.event ?? null }),
      signal: ctx.signal,
    });
    if (!res.ok) throw new Error(`${config.url} answered HTTP ${res.status}`);
    const answer = Answer.safeParse(await res.json().catch(() => undefined));
    if (!answer.success) throw new Error('the answer has no numeric "score"');
    const { score } = answer.data;
    return score >= config.threshold
      ? { output: 'high', reason: `score ${score}, at least ${config.threshold}` }
      : { output: 'low', reason: `score ${score}, below ${config.threshold}` };
  },
  // The simulator cannot ask the service: a test customer's own `leadScore` attribute stands in.
  simulate: (ctx, config) => {
    const score = Number(ctx.customer.attributes.leadScore);
    if (!Number.isFinite(score)) return { output: 'unknown', reason: 'no leadScore on the test customer: would ask the scoring service' };
    return score >= config.threshold ? { output: 'high', reason: `test score ${score}, at least ${config.threshold}` } : { output: 'low', reason: `test score ${score}, below ${config.threshold}` };
  },
});
