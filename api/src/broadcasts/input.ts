/** What a marketer submits for a broadcast, validated: the message, the audience, when, how fast. */
import { z } from 'zod';
import { Audience, BROADCAST_RATE, BroadcastTiming, JourneyNode, messageSpecOf, definitionOf } from '@cairn/core';
import { line } from '../validation/text.js';

/**
 * The message: a message node of the journey model (`action.email`, `action.sms`, `action.push`,
 * `action.chat`) without its canvas fields, so content, topic, translations and Liquid work as
 * in a journey.
 */
export const BroadcastMessage = z
  .record(z.string(), z.unknown())
  .transform((raw, ctx) => {
    const parsed = JourneyNode.safeParse({ ...raw, id: 'broadcast', position: { x: 0, y: 0 } });
    if (!parsed.success) {
      for (const i of parsed.error.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path });
      return z.NEVER;
    }
    if (!messageSpecOf(definitionOf(parsed.data.type))) {
      ctx.addIssue({ code: 'custom', message: `${parsed.data.type} does not send a message: use action.email, action.sms, action.push or action.chat`, path: ['type'] });
      return z.NEVER;
    }
    return parsed.data;
  });

export const BroadcastInput = z
  .object({
    name: line({ min: 1, max: 200 }),
    /** Optional when the broadcast enrols into a journey. */
    message: BroadcastMessage.optional(),
    /** A live journey with a manual trigger: each customer of the audience is enrolled once (entry rules apply). */
    journeyId: line({ min: 1, max: 200 }).optional(),
    audience: Audience,
    timing: BroadcastTiming.default({ mode: 'now' }),
    ratePerSecond: z.number().int().min(BROADCAST_RATE.min).max(BROADCAST_RATE.max).default(BROADCAST_RATE.default),
  })
  .refine((b) => b.message !== undefined || b.journeyId !== undefined, { message: 'a broadcast sends a message, enrols into a journey, or both: give a message or a journey', path: ['message'] });
export type BroadcastInput = z.infer<typeof BroadcastInput>;
