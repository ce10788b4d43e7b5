/**
 * "Also enrol the customers who match now": a journey triggered by entering a segment only sees
 * customers who enter after it is published. On publishing, the editor offers to enrol the
 * current members too: the count first (`matchingNow`), then a throttled run (`enrolMatching`)
 * that records one "$segment_entered" (via "backfill") per member and routes it to that journey
 * only. Each row's messageId names journey, segment and customer, so a repeated or resumed run
 * never enrols anyone twice.
 */
import { TRPCError } from '@trpc/server';
import type { Db } from '@cairn/db';
import { parseJourney, SEGMENT_ENTERED } from '@cairn/core';
import { countMembers, eachMember } from '@cairn/engine/runtime';
import type { RouteDeps } from '../enrol/route.js';
import { routeRows } from '../enrol/route.js';
import { storeCall } from '../ingest/store.js';

/** The live version's "enters a saved segment" triggers (segment ids). */
async function triggerSegments(db: Db, journeyId: string): Promise<string[]> {
  const j = await db.journey.findUnique({ where: { id: journeyId }, select: { status: true, liveVersion: true } });
  if (!j) throw new TRPCError({ code: 'NOT_FOUND', message: `no journey ${journeyId}` });
  if (j.liveVersion === null) return [];
  const v = await db.journeyVersion.findUnique({ where: { journeyId_version: { journeyId, version: j.liveVersion } }, select: { definition: true } });
  const parsed = v ? parseJourney(v.definition) : undefined;
  if (!parsed?.ok) return [];
  return [...new Set(parsed.journey.nodes.flatMap((n) => (n.type === 'trigger.segment-entered' && n.segmentId ? [n.segmentId] : [])))];
}

export async function matchingNow(db: Db, journeyId: string) {
  const ids = await triggerSegments(db, journeyId);
  const segments = await db.segment.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const out = [];
  for (const s of segments) out.push({ segmentId: s.id, name: s.name, count: await countMembers(db, s.id) });
  return { segments: out, total: out.reduce((n, s) => n + s.count, 0) };
}

export interface BackfillProgress {
  total: number;
  done: number;
  enrolled: number;
  finished: boolean;
  error?: string;
}

/** Runs in this process; the editor polls `backfillStatus`. Keyed by journey. */
const runs = new Map<string, BackfillProgress>();

export function backfillStatus(journeyId: string): BackfillProgress | undefined {
  return runs.get(journeyId);
}

/**
 * Starts enrolling every current member, at most `perSecond` customers a second, and returns at
 * once with the count. Refused for a journey that is not active or has no segment trigger.
 */
export async function enrolMatching(deps: RouteDeps, journeyId: string, perSecond = 20): Promise<BackfillProgress> {
  const j = await deps.db.journey.findUnique({ where: { id: journeyId }, select: { status: true } });
  if (!j) throw new TRPCError({ code: 'NOT_FOUND', message: `no journey ${journeyId}` });
  if (j.status !== 'active') throw new TRPCError({ code: 'BAD_REQUEST', message: `the journey is ${j.status}: publish it first` });
  const running = runs.get(journeyId);
  if (running && !running.finished) return running;
  const { segments, total } = await matchingNow(deps.db, journeyId);
  if (!segments.length) throw new TRPCError({ code: 'BAD_REQUEST', message: 'the journey has no "Enters a saved segment" trigger' });
  const progress: BackfillProgress = { total, done: 0, enrolled: 0, finished: false };
  runs.set(journeyId, progress);
  const gap = 1000 / Math.max(1, perSecond);
  void (async () => {
    try {
      for (const s of segments) {
        for await (const page of eachMember(deps.db, s.segmentId, 100)) {
          for (const customerId of page) {
            const started = Date.now();
            const stored = await storeCall(
              deps.db,
              { type: 'track', customerId, userId: customerId, messageId: `backfill:${journeyId}:${s.segmentId}:${customerId}`, name: SEGMENT_ENTERED, properties: { segmentId: s.segmentId, segmentName: s.name, via: 'backfill' } },
              deps.clock.now(),
            );
            const routed = await routeRows(deps, stored.rows.slice(0, 1), { onlyJourneyId: journeyId, signalRunning: false });
            progress.done++;
            progress.enrolled += routed.enrolled.length;
            // The throttle: a broadcast-sized segment must not flood Temporal or the providers.
            const wait = gap - (Date.now() - started);
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          }
        }
      }
    } catch (err) {
      progress.error = (err as Error).message;
    } finally {
      progress.finished = true;
    }
  })();
  return { ...progress };
}
