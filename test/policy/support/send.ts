/**
 * The real send path (`deliver`) on a real PostgreSQL, with a spy provider that records every
 * message handed to it and a clock the test moves.
 */
import type { Db } from '@cairn/db';
import { definitionOf, type PolicySettingsInput } from '@cairn/core';
import { allChannels, deliver, POLICY_SETTINGS_KEY, type DeliveryResult, type LinkConfig, type MessageNode, type OutboundMessage } from '@cairn/engine/runtime';

export interface SendWorld {
  db: Db;
  /** Every message a provider received, in order. */
  delivered: OutboundMessage[];
  clock: { t: number };
  /** One attempt of the send path; `journeyTimeZone` is the journey's fallback zone. */
  send(key: string, customerId: string, node: MessageNode, at?: number, journeyTimeZone?: string): Promise<DeliveryResult>;
  settings(s: PolicySettingsInput): Promise<void>;
}

export function sendWorld(db: Db, start = Date.parse('2026-06-10T12:00:00Z'), links?: LinkConfig): SendWorld {
  const delivered: OutboundMessage[] = [];
  const clock = { t: start };
  const provider = {
    name: 'spy',
    async send(m: OutboundMessage) {
      delivered.push(m);
      return { providerId: `spy-${delivered.length}` };
    },
  };
  const deps = { db, providers: allChannels(provider), clock: { now: () => clock.t }, ...(links ? { links: async () => links } : {}) };
  return {
    db,
    delivered,
    clock,
    send: (key, customerId, node, at, journeyTimeZone) =>
      deliver(deps, { idempotencyKey: key, customerId, node, ...(at !== undefined ? { at } : {}), ...(journeyTimeZone ? { journeyTimeZone } : {}) }),
    settings: async (s) => {
      await db.workspaceSetting.upsert({ where: { key: POLICY_SETTINGS_KEY }, create: { key: POLICY_SETTINGS_KEY, value: s as object }, update: { value: s as object } });
    },
  };
}

/** A message node of `type` with the given topic and options. */
export function messageNode(
  type: 'action.email' | 'action.sms' | 'action.push' | 'action.chat',
  over: { id?: string; topic?: string; transactional?: boolean; onCap?: 'skip' | 'defer'; body?: string } = {},
): MessageNode {
  const base = definitionOf(type).create(over.id ?? `${type.slice(7)}-node`) as MessageNode;
  return {
    ...base,
    topic: over.topic ?? 'promotions',
    transactional: over.transactional ?? false,
    ...(over.onCap ? { onCap: over.onCap } : {}),
    ...(over.body !== undefined ? { body: over.body } : {}),
  } as MessageNode;
}

export async function customer(db: Db, id: string, over: { timeZone?: string; email?: string; phone?: string } = {}): Promise<string> {
  await db.customer.create({ data: { id, email: over.email ?? `${id}@example.test`, phone: over.phone ?? '+15550100', ...(over.timeZone ? { timeZone: over.timeZone } : {}) } });
  return id;
}
