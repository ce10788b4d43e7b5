/**
 * How many customers a broadcast's audience reaches now, and a few of them, while the marketer
 * is still choosing it (nothing is saved). The audience is read as a segment definition, so the
 * count is the segment estimate's: one exact SQL count where the conditions translate, else a
 * bounded JS pass marked approximate.
 */
import { TRPCError } from '@trpc/server';
import type { Db } from '@cairn/db';
import { isGroup, SegmentGroup, type Audience, type RuleGroup, type Rule } from '@cairn/core';
import { estimateSegment } from '@cairn/engine/runtime';

const bad = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

/** A rules audience as a segment definition; a condition on an event's properties has no event to read here. */
function asSegment(group: RuleGroup): SegmentGroup {
  const convert = (g: RuleGroup): SegmentGroup => ({
    op: g.op,
    rules: g.rules.map((r: Rule | RuleGroup) => {
      if (isGroup(r)) return convert(r);
      if (r.kind === 'property') throw bad(`"${r.property}" is an event property: a broadcast has no triggering event, use an attribute or an event-history condition`);
      return r;
    }),
  });
  const parsed = SegmentGroup.safeParse(convert(group));
  if (!parsed.success) throw bad(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

export async function audienceSize(db: Db, audience: Audience, now: number, previewSize = 5) {
  let definition: SegmentGroup;
  if (audience.kind === 'all') definition = { op: 'and', rules: [] };
  else if (audience.kind === 'segment') {
    if (!(await db.segment.findUnique({ where: { id: audience.segmentId }, select: { id: true } }))) throw bad(`no saved segment "${audience.segmentId}": choose one from the segments page`);
    definition = { op: 'and', rules: [{ kind: 'segment', segmentId: audience.segmentId, member: true }] };
  } else definition = asSegment(audience.group);
  return estimateSegment(db, definition, now, { previewSize });
}
