/**
 * Output shapes of the REST API (the OpenAPI document's responses). The REST surface is a public
 * contract, kept stable while the editor's tRPC calls change freely, so its answers are declared
 * here and checked by tRPC's output validation. Times are ISO-8601 strings.
 */
import { z } from 'zod';

export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

const Time = z.string().meta({ description: 'ISO-8601 time', format: 'date-time' });

export const JourneyStatus = z.enum(['draft', 'active', 'paused', 'stopped', 'archived']);

export const JourneySummary = z.object({
  id: z.string(),
  name: z.string(),
  status: JourneyStatus,
  liveVersion: z.number().int().nullable().meta({ description: 'The version customers enter now (null: never published)' }),
  updatedAt: Time,
});

export const Problem = z
  .object({
    code: z.string().meta({ description: 'Stable kind, e.g. "dangling-output"' }),
    severity: z.enum(['error', 'warning']).meta({ description: 'Errors block publishing; warnings do not' }),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
    field: z.string().optional(),
    message: z.string(),
  })
  .meta({ description: 'A graph check problem, in words (engine/core/src/checks/codes.ts)' });

export const JourneyDetail = JourneySummary.extend({
  draft: z.record(z.string(), z.unknown()).meta({ description: 'The draft journey JSON ({ schemaVersion, id, name, settings, nodes, edges })' }),
  problems: z.array(Problem),
});

export const Customer = z.object({
  id: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  timeZone: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  createdAt: Time,
  updatedAt: Time,
});

export const Suppression = z.object({
  id: z.string(),
  customerId: z.string(),
  channel: z.string(),
  reason: z.string(),
  source: z.string(),
  note: z.string().nullable(),
  hard: z.boolean().nullable(),
  createdAt: Time,
  removedAt: Time.nullable(),
  removedReason: z.string().nullable(),
});

export function customerOut(c: { id: string; email: string | null; phone: string | null; timeZone: string | null; attributes: unknown; createdAt: Date; updatedAt: Date }) {
  return { id: c.id, email: c.email, phone: c.phone, timeZone: c.timeZone, attributes: (c.attributes ?? {}) as Record<string, unknown>, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) };
}

export function suppressionOut(s: { id: string; customerId: string; channel: string; reason: string; source: string; note: string | null; hard: boolean | null; createdAt: Date; removedAt: Date | null; removedReason: string | null }) {
  return {
    id: s.id, customerId: s.customerId, channel: s.channel, reason: s.reason, source: s.source, note: s.note, hard: s.hard,
    createdAt: iso(s.createdAt), removedAt: isoOrNull(s.removedAt), removedReason: s.removedReason,
  };
}
