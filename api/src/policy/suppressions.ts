/**
 * Suppressions as the API manages them: add (effective for the very next send, since the send
 * path reads them inside its transaction), remove with a reason (the row is kept, marked removed),
 * list and search. A customer is named by id, or by email / phone (every customer with that address).
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Db } from '@cairn/db';
import { normalisePhone, SuppressionChannel, SuppressionReason } from '@cairn/core';
import { escapeLike } from '../validation/like.js';
import { liftSuppressions, suppress } from './suppress.js';
import { line, text } from '../validation/text.js';

export const CustomerRef = z
  .object({ customerId: line({ min: 1, max: 256 }).optional(), email: line({ min: 3, max: 320 }).optional(), phone: line({ min: 3, max: 64 }).optional() })
  .refine((r) => r.customerId || r.email || r.phone, { message: 'name the customer by customerId, email or phone' });

/** What a suppression records besides the customer (shared with the REST body, rest/suppressions.ts). */
export const SuppressionFields = z.object({
  channel: SuppressionChannel.default('all'),
  reason: SuppressionReason,
  source: line({ min: 1, max: 200 }).default('api'),
  note: text({ max: 1000 }).optional(),
  hard: z.boolean().optional(),
});

export const AddSuppressionInput = CustomerRef.and(SuppressionFields);
export type AddSuppressionInput = z.input<typeof AddSuppressionInput>;

/** The ids of the customers a reference names (none: NOT_FOUND). */
export async function resolveCustomers(db: Pick<Db, 'customer'>, ref: z.infer<typeof CustomerRef>): Promise<string[]> {
  if (ref.customerId) {
    const c = await db.customer.findUnique({ where: { id: ref.customerId }, select: { id: true } });
    if (!c) throw new TRPCError({ code: 'NOT_FOUND', message: `no customer ${ref.customerId}` });
    return [c.id];
  }
  const where = ref.email
    ? { email: { equals: ref.email.trim(), mode: 'insensitive' as const } }
    : { phone: { in: phoneForms(ref.phone ?? '') } };
  const rows = await db.customer.findMany({ where, select: { id: true } });
  if (rows.length === 0) throw new TRPCError({ code: 'NOT_FOUND', message: `no customer with ${ref.email ? `email ${ref.email}` : `phone ${ref.phone}`}` });
  return rows.map((r) => r.id);
}

/** The spellings a phone number may be stored under. */
export function phoneForms(raw: string): string[] {
  const n = normalisePhone(raw);
  return [...new Set([raw.trim(), n, n.replace(/^\+/, ''), `+${n.replace(/^\+/, '')}`])];
}

/**
 * Adds a suppression for each customer named. Idempotent: an active suppression with the same
 * channel and reason is returned instead of a second one (`suppress`).
 */
export async function addSuppression(db: Db, raw: AddSuppressionInput) {
  const input = AddSuppressionInput.parse(raw);
  const ids = await resolveCustomers(db, input);
  const out = [];
  for (const customerId of ids) {
    out.push(
      await suppress(db, {
        customerId,
        channel: input.channel,
        reason: input.reason,
        source: input.source,
        ...(input.note ? { note: input.note } : {}),
        ...(input.hard !== undefined ? { hard: input.hard } : {}),
      }),
    );
  }
  return out;
}

export const RemoveSuppressionInput = z.object({
  id: line({ min: 1, max: 100 }),
  reason: z.string().trim().min(3, 'say why the suppression is removed').pipe(text({ max: 1000 })),
  by: line({ min: 1, max: 200 }).default('api'),
});

export async function removeSuppression(db: Db, raw: z.input<typeof RemoveSuppressionInput>, now: number) {
  const input = RemoveSuppressionInput.parse(raw);
  const lifted = await liftSuppressions(db, { id: input.id }, { reason: input.reason, by: input.by, at: new Date(now) });
  if (lifted === 0) {
    const row = await db.suppression.findUnique({ where: { id: input.id } });
    throw new TRPCError({ code: row ? 'CONFLICT' : 'NOT_FOUND', message: row ? `suppression ${input.id} was already removed` : `no suppression ${input.id}` });
  }
  return db.suppression.findUniqueOrThrow({ where: { id: input.id } });
}

export const ListSuppressionsInput = z.object({
  customerId: line({ min: 1, max: 256 }).optional(),
  channel: SuppressionChannel.optional(),
  reason: SuppressionReason.optional(),
  /** Active only (default), removed only, or both. */
  state: z.enum(['active', 'removed', 'all']).default('active'),
  /** Matches customer id, email or phone (case-insensitive substring; `%` and `_` match themselves). */
  q: z.string().trim().min(1).pipe(line({ max: 200 })).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  cursor: line({ min: 1, max: 100 }).optional(),
});

export async function listSuppressions(db: Db, raw: z.input<typeof ListSuppressionsInput>) {
  const input = ListSuppressionsInput.parse(raw);
  const contains = (v: string) => ({ contains: escapeLike(v), mode: 'insensitive' as const });
  const rows = await db.suppression.findMany({
    where: {
      ...(input.customerId ? { customerId: input.customerId } : {}),
      ...(input.channel ? { channel: input.channel } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.state === 'active' ? { removedAt: null } : input.state === 'removed' ? { removedAt: { not: null } } : {}),
      ...(input.q ? { OR: [{ customerId: contains(input.q) }, { customer: { email: contains(input.q) } }, { customer: { phone: contains(input.q) } }] } : {}),
    },
    include: { customer: { select: { email: true, phone: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const more = rows.length > input.limit;
  const items = more ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: more ? items[items.length - 1]?.id : undefined };
}
