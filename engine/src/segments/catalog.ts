/**
 * The saved segments, parsed and in evaluation order, cached per process. Every ingested call
 * needs them, so the cache is checked with one tiny query (count and latest update) instead of
 * re-reading and re-parsing every definition.
 */
import type { Db, Prisma } from '@cairn/db';
import { evaluationOrder } from '@cairn/core/internal/segments/graph';
import { SegmentGroup } from '@cairn/core/internal/segments/schema';

export type Tx = Prisma.TransactionClient | Db;

/** A saved segment with its parsed definition. */
export interface LoadedSegment {
  id: string;
  name: string;
  definition: SegmentGroup;
}

let cache: { key: string; segments: LoadedSegment[] } | undefined;

/** Every segment, each after the segments it references. Definitions that no longer parse are left out (and logged once). */
export async function loadSegments(db: Tx): Promise<LoadedSegment[]> {
  const [v] = await db.$queryRaw<Array<{ n: number; latest: Date | null }>>`SELECT count(*)::int AS n, max("updatedAt") AS latest FROM "Segment"`;
  const key = `${v?.n ?? 0}:${v?.latest?.getTime() ?? 0}`;
  if (cache?.key === key) return cache.segments;
  const rows = await db.segment.findMany({ select: { id: true, name: true, definition: true }, orderBy: { id: 'asc' } });
  const parsed: LoadedSegment[] = [];
  for (const r of rows) {
    const def = SegmentGroup.safeParse(r.definition);
    if (def.success) parsed.push({ id: r.id, name: r.name, definition: def.data });
    else console.warn(`segment ${r.id} ("${r.name}") has a definition that no longer parses; it is not kept current: ${def.error.issues[0]?.message}`);
  }
  cache = { key, segments: evaluationOrder(parsed) };
  return cache.segments;
}

/** Forget the cache (after a write in this process whose updatedAt may tie with the cached one). */
export function forgetSegments(): void {
  cache = undefined;
}
