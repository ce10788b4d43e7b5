/**
 * Saved segments as the API offers them: validation (definition schema, references, cycles),
 * storage, the recompute after a change, the estimate while editing, the members and which
 * journeys use a segment. The routers and REST call these; other features read membership
 * through @cairn/engine/runtime (membersOf, eachMember, isMember).
 */
import { TRPCError } from '@trpc/server';
import type { Db, EventRow, Prisma } from '@cairn/db';
import { checkSegmentGraph, SegmentGroup, type SegmentRef } from '@cairn/core';
import { estimateSegment, forgetSegments, membersOf, recomputeSegment } from '@cairn/engine/runtime';
import { z } from 'zod';
import { line, text } from '../validation/text.js';

export const SegmentInput = z.object({
  name: line({ min: 1, max: 120 }),
  description: text({ max: 2000 }).optional(),
  definition: SegmentGroup,
});
export type SegmentInput = z.infer<typeof SegmentInput>;

export const SegmentPatch = z.object({
  id: line({ min: 1, max: 100 }),
  name: line({ min: 1, max: 120 }).optional(),
  description: text({ max: 2000 }).optional(),
  definition: SegmentGroup.optional(),
});

/** Route entries/exits a recompute found to the journeys they start (the "enters segment" trigger). */
export type RouteRows = (rows: EventRow[]) => Promise<void>;

const bad = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

async function allRefs(db: Db): Promise<SegmentRef[]> {
  const rows = await db.segment.findMany({ select: { id: true, name: true, definition: true } });
  return rows.map((r) => ({ id: r.id, name: r.name, definition: SegmentGroup.safeParse(r.definition).data ?? { op: 'and', rules: [] } }));
}

/** Refuses a definition that names a missing segment or closes a cycle, in words. */
async function checkReferences(db: Db, candidate: SegmentRef): Promise<void> {
  const refs = (await allRefs(db)).filter((r) => r.id !== candidate.id);
  const problems = checkSegmentGraph([candidate, ...refs]).filter((p) => (p.kind === 'missing' ? p.segmentId === candidate.id : p.path.includes(candidate.id)));
  if (problems.length) throw bad(problems.map((p) => p.message).join('; '));
}

async function nameFree(db: Db, name: string, id?: string): Promise<void> {
  const other = await db.segment.findUnique({ where: { name }, select: { id: true } });
  if (other && other.id !== id) throw new TRPCError({ code: 'CONFLICT', message: `a segment named "${name}" already exists` });
}

export async function listSegments(db: Db) {
  const rows = await db.segment.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, description: true, size: true, computedAt: true, updatedAt: true } });
  return rows;
}

/** Journeys whose draft or live version names the segment (a trigger or a condition by reference). */
export async function journeysUsing(db: Db, segmentId: string): Promise<Array<{ id: string; name: string; status: string; live: boolean }>> {
  const path = '$.nodes[*] ? (@.segmentId == $id)';
  return db.$queryRaw<Array<{ id: string; name: string; status: string; live: boolean }>>`
    SELECT j.id, j.name, j.status::text AS status,
           EXISTS (SELECT 1 FROM "JourneyVersion" v WHERE v."journeyId" = j.id AND v.version = j."liveVersion"
                   AND jsonb_path_exists(v.definition, ${path}::jsonpath, jsonb_build_object('id', ${segmentId}::text))) AS live
      FROM "Journey" j
     WHERE j.status <> 'archived' AND (
           jsonb_path_exists(j.draft, ${path}::jsonpath, jsonb_build_object('id', ${segmentId}::text))
        OR EXISTS (SELECT 1 FROM "JourneyVersion" v WHERE v."journeyId" = j.id AND v.version = j."liveVersion"
                   AND jsonb_path_exists(v.definition, ${path}::jsonpath, jsonb_build_object('id', ${segmentId}::text))))
     ORDER BY j.name`;
}

export async function getSegment(db: Db, id: string) {
  const row = await db.segment.findUnique({ where: { id } });
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `no segment ${id}` });
  const [sizes, usedBy, usedBySegments] = await Promise.all([
    db.segmentSize.findMany({ where: { segmentId: id }, orderBy: { at: 'asc' }, take: 24 * 90, select: { at: true, size: true } }),
    journeysUsing(db, id),
    segmentsUsing(db, id),
  ]);
  return { ...row, definition: row.definition as unknown as SegmentGroup, sizes, usedBy, usedBySegments };
}

async function segmentsUsing(db: Db, id: string): Promise<Array<{ id: string; name: string }>> {
  return db.$queryRaw<Array<{ id: string; name: string }>>`
    SELECT id, name FROM "Segment" WHERE jsonb_path_exists(definition, '$.**.segmentId ? (@ == $id)'::jsonpath, jsonb_build_object('id', ${id}::text)) ORDER BY name`;
}

export async function createSegment(db: Db, input: SegmentInput, by: string, now: number, route?: RouteRows) {
  await nameFree(db, input.name);
  const id = `seg_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await checkReferences(db, { id, name: input.name, definition: input.definition });
  await db.segment.create({ data: { id, name: input.name, description: input.description ?? '', definition: input.definition as unknown as Prisma.InputJsonObject, createdBy: by } });
  forgetSegments();
  const computed = await recomputeSegment(db, id, now, route);
  return { id, name: input.name, size: computed.size };
}

/** A changed definition is recomputed at once: every journey using the segment sees the new membership. */
export async function updateSegment(db: Db, patch: z.infer<typeof SegmentPatch>, now: number, route?: RouteRows) {
  const row = await db.segment.findUnique({ where: { id: patch.id } });
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `no segment ${patch.id}` });
  const name = patch.name ?? row.name;
  if (patch.name) await nameFree(db, patch.name, row.id);
  if (patch.definition) await checkReferences(db, { id: row.id, name, definition: patch.definition });
  await db.segment.update({
    where: { id: row.id },
    data: { name, ...(patch.description !== undefined ? { description: patch.description } : {}), ...(patch.definition ? { definition: patch.definition as unknown as Prisma.InputJsonObject } : {}) },
  });
  forgetSegments();
  const computed = patch.definition ? await recomputeSegment(db, row.id, now, route) : undefined;
  return { id: row.id, name, size: computed?.size ?? row.size, usedBy: await journeysUsing(db, row.id) };
}

/** Refused while a journey or another segment uses it (they would lose their audience silently). */
export async function deleteSegment(db: Db, id: string) {
  const row = await db.segment.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `no segment ${id}` });
  const [journeys, segments] = await Promise.all([journeysUsing(db, id), segmentsUsing(db, id)]);
  const users = [...journeys.map((j) => `journey "${j.name}"`), ...segments.filter((s) => s.id !== id).map((s) => `segment "${s.name}"`)];
  if (users.length) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `"${row.name}" is used by ${users.join(', ')}: remove it there first` });
  await db.segment.delete({ where: { id } });
  forgetSegments();
  return { id, deleted: true };
}

/** A page of the segment's members with their email and attributes, for the segment page's preview. */
export async function previewMembers(db: Db, input: { id: string; after?: string | undefined; limit?: number | undefined }) {
  const ids = await membersOf(db, input.id, { ...(input.after ? { after: input.after } : {}), limit: input.limit ?? 20 });
  const rows = ids.length ? await db.customer.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, attributes: true }, orderBy: { id: 'asc' } }) : [];
  return { members: rows.map((r) => ({ id: r.id, email: r.email, attributes: r.attributes as Record<string, unknown> })), next: ids.length === (input.limit ?? 20) ? ids[ids.length - 1] : undefined };
}

export async function estimate(db: Db, definition: SegmentGroup, now: number, selfId?: string) {
  if (selfId) await checkReferences(db, { id: selfId, name: 'this segment', definition });
  else {
    const missing = checkSegmentGraph([...(await allRefs(db)), { id: '$draft', name: 'this segment', definition }]).filter((p) => p.kind === 'missing' && p.segmentId === '$draft');
    if (missing.length) throw bad(missing.map((p) => p.message).join('; '));
  }
  return estimateSegment(db, definition, now);
}
