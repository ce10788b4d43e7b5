/**
 * What every message node shares: a topic (for consent and caps), Liquid content, translations
 * picked by the customer's `locale` attribute, and the simulated send that honours suppression.
 */
import { z } from 'zod';
import type { Channel } from '../../journey/primitives.js';
import { Topic } from '../../journey/primitives.js';
import type { EffectOutcome, SimulationContext } from '../define.js';

/** Fields common to message nodes. `content` fields are Liquid templates. */
export const messageBase = {
  topic: Topic.default('promotions'),
  /** Transactional messages skip frequency caps, never hard suppression. */
  transactional: z.boolean().default(false),
  /**
   * When a frequency cap is reached: drop this message ('skip', the default) or wait for the
   * next time the caps (and quiet hours) allow it ('defer').
   */
  onCap: z.enum(['skip', 'defer']).optional(),
};

/** Translations: locale (e.g. "vi") to the same fields as the node's default content. */
export function translations<S extends z.ZodObject>(content: S) {
  const locale = 'must be a locale like "vi" or "pt-BR"';
  // zod reports a bad record key as "Invalid key in record" unless the record itself says why.
  return z
    .record(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, locale), content.partial(), {
      error: (issue) => (issue.code === 'invalid_key' ? locale : undefined),
    })
    .default({});
}

/** The content for the customer's locale: exact match, then language, then the default. */
export function localised<C extends Record<string, unknown>>(
  base: C,
  byLocale: Record<string, Partial<C>>,
  locale: unknown,
): C {
  if (typeof locale !== 'string' || !locale) return base;
  const exact = byLocale[locale];
  const lang = byLocale[locale.split('-')[0] ?? ''];
  return { ...base, ...(lang ?? {}), ...(exact ?? {}) };
}

/** A send in simulation: suppressed if the customer refused the channel, else rendered. */
export function simulateSend(
  channel: Channel,
  fields: Record<string, string>,
  ctx: SimulationContext,
): EffectOutcome {
  if (ctx.suppressed.has(channel) || ctx.suppressed.has('all')) {
    return { output: 'next', status: 'suppressed', reason: `the customer refused contact on ${channel}` };
  }
  const rendered: Record<string, string> = {};
  try {
    for (const [k, v] of Object.entries(fields)) rendered[k] = ctx.render(v);
  } catch (err) {
    return { output: 'next', status: 'failed', reason: `template error: ${(err as Error).message}` };
  }
  return { output: 'next', status: 'sent', reason: `would send ${channel}`, detail: rendered };
}
