/**
 * Stores one ingested call before it is acknowledged: the customer's profile (identify traits,
 * addresses, time zone) and the event row(s), in one transaction. An identify that changes
 * attributes also stores one "$attribute_changed" event per attribute (for attribute triggers).
 * Saved segments the call can affect are re-evaluated for the customer in the same transaction,
 * and their "$segment_entered" / "$segment_exited" rows come back with the call's rows.
 * A messageId seen before is a duplicate: nothing is written, the stored rows are returned.
 */
import { randomUUID } from 'node:crypto';
import type { Db, EventRow } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { ATTRIBUTE_CHANGED } from '@cairn/core';
import { mergeAttributes, pushDeviceKind, updateCustomerSegments } from '@cairn/engine/runtime';
import type { IngestCall } from './segment.js';
import { escapeLike } from '../validation/like.js';

export interface Stored {
  /** The call's own row first, then its "$attribute_changed" rows. */
  rows: EventRow[];
  duplicate: boolean;
}

/** Child rows of a call share its messageId as a prefix. */
const childId = (messageId: string, attribute: string) => `${messageId}#${attribute}`;

export async function storeCall(db: Db, call: IngestCall, now: number): Promise<Stored> {
  const messageId = call.messageId ?? `cairn-${randomUUID()}`;
  const existing = await storedRows(db, messageId);
  if (existing.length) return { rows: existing, duplicate: true };
  try {
    const rows = await db.$transaction(async (tx) => {
      // A profile made by a call naming only an anonymousId is an anonymous visitor's (never merged by address).
      const created = await tx.$executeRaw`INSERT INTO "Customer" (id, anonymous, "updatedAt") VALUES (${call.customerId}, ${!call.userId}, now()) ON CONFLICT (id) DO NOTHING`;
      // Lock the customer: concurrent identify calls merge traits one after the other.
      const [customer] = await tx.$queryRaw<Array<{ attributes: unknown; anonymous: boolean }>>`SELECT attributes, anonymous FROM "Customer" WHERE id = ${call.customerId} FOR UPDATE`;
      const before = isRecord(customer?.attributes) ? customer.attributes : {};
      const traits = call.traits ?? {};
      const changes = call.type === 'identify' ? changedAttributes(before, traits) : [];
      const profile = profileFields(call);
      // An id that came as a userId is a known customer from now on.
      if (customer?.anonymous && call.userId) profile.anonymous = false;
      if (Object.keys(profile).length) await tx.customer.update({ where: { id: call.customerId }, data: profile });
      // An app's token (or a browser's subscription) sent as a trait is one more device push reaches.
      if (typeof profile.pushToken === 'string') {
        const address = profile.pushToken;
        await tx.pushDevice.upsert({ where: { customerId_address: { customerId: call.customerId, address } }, create: { customerId: call.customerId, address, kind: pushDeviceKind(address) }, update: {} });
      }
      // The one attribute writer (engine), like the journeys' updates.
      if (changes.length) await mergeAttributes(tx, call.customerId, traits);
      const at = new Date(call.timestamp ?? now);
      const main = await tx.event.create({
        data: {
          messageId,
          customerId: call.customerId,
          type: call.type,
          name: call.name,
          properties: call.properties as Prisma.InputJsonObject,
          ...(call.context ? { context: call.context as Prisma.InputJsonObject } : {}),
          timestamp: at,
        },
      });
      const children: EventRow[] = [];
      for (const c of changes) {
        children.push(
          await tx.event.create({
            data: {
              messageId: childId(messageId, c.attribute),
              customerId: call.customerId,
              type: 'attribute',
              name: ATTRIBUTE_CHANGED,
              properties: { attribute: c.attribute, from: c.from ?? null, to: c.to ?? null } as Prisma.InputJsonObject,
              timestamp: at,
            },
          }),
        );
      }
      // Saved segments this call can affect, for this customer only (engine/src/segments/update.ts):
      // their entries and exits are child rows too, routed like the call (the "enters segment" trigger).
      const segments = await updateCustomerSegments(tx, call.customerId, { events: [call.name], attributes: changes.map((c) => c.attribute), newCustomer: created > 0 }, at, now, messageId);
      return [main, ...children, ...segments.rows];
    });
    return { rows, duplicate: false };
  } catch (err) {
    // The same messageId stored concurrently by another request: that one wins.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      const rows = await storedRows(db, messageId);
      if (rows.length) return { rows, duplicate: true };
    }
    throw err;
  }
}

/** A call's stored rows by its messageId: its own row, then its "$attribute_changed" rows (none when never stored). */
export async function storedRows(db: Db, messageId: string): Promise<EventRow[]> {
  const main = await db.event.findUnique({ where: { messageId } });
  if (!main) return [];
  const children = await db.event.findMany({ where: { messageId: { startsWith: `${escapeLike(messageId)}#` } }, orderBy: { messageId: 'asc' } });
  return [main, ...children];
}

export interface AttributeChange {
  attribute: string;
  from: unknown;
  to: unknown;
}

export function changedAttributes(before: Record<string, unknown>, traits: Record<string, unknown>): AttributeChange[] {
  return Object.entries(traits)
    .filter(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v))
    .map(([attribute, to]) => ({ attribute, from: before[attribute], to }));
}

/** Addresses and time zone from Segment's reserved traits and context. */
function profileFields(call: IngestCall): Prisma.CustomerUpdateInput {
  const t = call.traits ?? {};
  const ctx = call.context ?? {};
  const device = isRecord(ctx.device) ? ctx.device : {};
  const out: Prisma.CustomerUpdateInput = {};
  if (call.anonymousId && call.userId) out.anonymousId = call.anonymousId;
  if (call.type !== 'identify') return out;
  if (typeof t.email === 'string') out.email = t.email;
  if (typeof t.phone === 'string') out.phone = t.phone;
  const tz = [t.timeZone, t.timezone, ctx.timezone].find((z) => typeof z === 'string' && isTimeZone(z));
  if (typeof tz === 'string') out.timeZone = tz;
  const push = t.pushToken ?? device.token;
  if (typeof push === 'string') out.pushToken = push;
  if (typeof t.chatId === 'string') out.chatId = t.chatId;
  return out;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
