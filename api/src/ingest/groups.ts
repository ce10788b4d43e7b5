/**
 * Group commit for single-call track-like requests (/v1/track, /v1/page, /v1/screen, /v1/group):
 * the calls of requests that arrive while earlier groups are being stored wait and go together
 * in the next group: one identity query, one INSERT, one segment check and one routing pass for
 * the group, instead of one of each per call (per-call round trips and the database client's
 * per-query work were most of a track call's time: docs/ingest-speed.md).
 * Each request is still answered only after its own row is committed and routed, as when it
 * was alone. No timer: a group starts as soon as fewer than MAX_IN_FLIGHT groups are running,
 * so a call on an idle server goes at once; under load, groups grow with the load.
 * If a group fails as a whole (a merge failing, the database refusing the statement), each of
 * its requests is tried again alone, so one bad call fails only its own request.
 */
import type { IngestCall } from './segment.js';

export interface GroupAnswer {
  stored: number;
  duplicates: number;
  routed: boolean;
}

/** Stores and routes `calls` together; `storedNow[i]` says whether call i was stored now (else a duplicate). */
export type StoreTogether = (calls: IngestCall[]) => Promise<{ storedNow: boolean[]; routed: boolean }>;

/** Groups at once: while some wait for the database, the next ones are prepared and sent. */
const MAX_IN_FLIGHT = 4;
/** A group's INSERT carries at most this many rows (bounded statement size and lock set). */
const MAX_GROUP_CALLS = 500;

interface Waiting {
  calls: IngestCall[];
  resolve(answer: GroupAnswer): void;
  reject(err: unknown): void;
}

export function trackGroups(storeTogether: StoreTogether): (calls: IngestCall[]) => Promise<GroupAnswer> {
  const queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  const take = (): Waiting[] => {
    const group: Waiting[] = [];
    let size = 0;
    while (queue.length && (group.length === 0 || size + queue[0]!.calls.length <= MAX_GROUP_CALLS)) {
      const next = queue.shift()!;
      size += next.calls.length;
      group.push(next);
    }
    return group;
  };

  const alone = async (w: Waiting) => {
    try {
      w.resolve(answerOf(await storeTogether(w.calls), 0, w.calls.length));
    } catch (err) {
      w.reject(err);
    }
  };

  const run = async (group: Waiting[]) => {
    let result: Awaited<ReturnType<StoreTogether>>;
    try {
      result = await storeTogether(group.flatMap((w) => w.calls));
    } catch (err) {
      if (group.length === 1) return group[0]!.reject(err);
      // Who failed it is unknown: each request on its own (storing is idempotent per messageId).
      await Promise.all(group.map(alone));
      return;
    }
    let at = 0;
    for (const w of group) {
      w.resolve(answerOf(result, at, w.calls.length));
      at += w.calls.length;
    }
  };

  const pump = () => {
    scheduled = false;
    while (inFlight < MAX_IN_FLIGHT && queue.length) {
      inFlight++;
      void run(take()).finally(() => {
        inFlight--;
        pump();
      });
    }
  };

  return (calls) =>
    new Promise<GroupAnswer>((resolve, reject) => {
      queue.push({ calls, resolve, reject });
      // Calls whose requests were read in the same turn of the event loop join one group.
      if (!scheduled && inFlight < MAX_IN_FLIGHT) {
        scheduled = true;
        setImmediate(pump);
      }
    });
}

/**
 * One request's answer: its own calls' slice of the group. `routed` is the group's: a routing
 * failure anywhere in it says false to each of its requests (their events wait for the sweep).
 */
function answerOf(result: Awaited<ReturnType<StoreTogether>>, at: number, count: number): GroupAnswer {
  let stored = 0;
  for (let i = at; i < at + count; i++) if (result.storedNow[i]) stored++;
  return { stored, duplicates: count - stored, routed: result.routed };
}
