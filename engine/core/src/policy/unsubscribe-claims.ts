/**
 * What an unsubscribe token says: whose link it is and what it unsubscribes from. No channel
 * means every channel; no topic means every topic on that scope. Browser-safe; signing and
 * verifying live in token.node.ts (Node's crypto).
 */
import { z } from 'zod';
import { Channel, Topic } from '../journey/primitives.js';

/**
 * What an unsubscribe link says: which customer, optionally which channel or topic, and when it was issued.
 */
export const UnsubscribeClaims = z.object({
  customerId: z.string().min(1).max(256),
  channel: Channel.optional(),
  topic: Topic.optional(),
  /** Epoch ms when the link was issued (the send time). */
  issuedAt: z.number().int().nonnegative(),
});
export type UnsubscribeClaims = z.infer<typeof UnsubscribeClaims>;

/** The compact JSON carried in the token (short keys keep links short). */
export const WireClaims = z.strictObject({
  c: z.string().min(1).max(256),
  ch: Channel.optional(),
  t: Topic.optional(),
  iat: z.number().int().nonnegative(),
});

export function toWire(c: UnsubscribeClaims): z.infer<typeof WireClaims> {
  return { c: c.customerId, ...(c.channel ? { ch: c.channel } : {}), ...(c.topic ? { t: c.topic } : {}), iat: c.issuedAt };
}

export function fromWire(w: z.infer<typeof WireClaims>): UnsubscribeClaims {
  return { customerId: w.c, ...(w.ch ? { channel: w.ch } : {}), ...(w.t ? { topic: w.t } : {}), issuedAt: w.iat };
}
