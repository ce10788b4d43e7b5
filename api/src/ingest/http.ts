/**
 * POST /v1/identify, /v1/track, /v1/page, /v1/screen, /v1/group, /v1/alias, /v1/batch. Order of work: write key (401), JSON and schema (400
 * with every reason), store every call (200 only after it is committed), then route the stored
 * events. A routing failure does not fail the request: the events are stored and unprocessed,
 * and the sweep (sweep.ts) routes them again.
 * Customers with an identify call in the request go one call at a time (profile merge under the
 * customer's lock, attribute rows, routing with the new profile); every other call of the request
 * is stored in one statement and routed together (store-batch.ts, route-batch.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, BodyError } from '../http/body.js';
import type { RouteDeps } from '../enrol/route.js';
import { routeRows } from '../enrol/route.js';
import { routeStoredBatch } from '../enrol/route-batch.js';
import { liveJourneys } from '../enrol/live.js';
import { wants } from '../enrol/interest.js';
import type { IngestCall } from './segment.js';
import { parseBatch, parseIdentify, parseOther, parseTrack } from './segment.js';
import { storeCall, storedRows, type Stored } from './store.js';
import { storeBatch } from './store-batch.js';
import { segmentsAfterBatch } from '../segments/after-batch.js';
import { writeKeyFrom } from './auth.js';
import type { MergeOutcome } from '../identity/merge.js';
import { onlyLookup, resolveIdentities } from '../identity/resolve.js';
import { tellRuns } from '../identity/tell.js';
import { trackGroups, type GroupAnswer } from './groups.js';

/** Segment's limits: 32 KB per call, 500 KB per batch. */
const MAX_BODY = 512 * 1024;

export interface IngestDeps extends RouteDeps {
  isValidKey(key: string | undefined): Promise<boolean>;
  log?: (message: string) => void;
  /** Single-call requests stored and routed in groups (groups.ts, made by `ingestGroups`); without it each request goes alone. */
  together?: (calls: IngestCall[]) => Promise<GroupAnswer>;
}

/** The group commit of single-call requests for one server (groups.ts): identities, store and routing as one request would. */
export function ingestGroups(deps: IngestDeps): (calls: IngestCall[]) => Promise<GroupAnswer> {
  return trackGroups(async (calls) => {
    const now = deps.clock.now();
    // Calls that can only be looked up are keyed by the store statement itself: one round trip less.
    if (calls.every(onlyLookup)) return storeAndRouteCalls(deps, calls, now, 'in-statement');
    await routeMerges(deps, await resolveIdentities(deps.db, calls, now));
    return storeAndRouteCalls(deps, calls, now);
  });
}

/** Segment's HTTP tracking API: one endpoint per call type, and the batch. */
export const INGEST_PATHS = ['/v1/identify', '/v1/track', '/v1/page', '/v1/screen', '/v1/group', '/v1/alias', '/v1/batch'] as const;

export async function handleIngest(deps: IngestDeps, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { success: false, error: 'use POST' }, { Allow: 'POST' });
  const unauthorised = () =>
    sendJson(res, 401, { success: false, error: 'missing or unknown write key: send it as the HTTP Basic user name with an empty password, or as writeKey in the body' }, { 'WWW-Authenticate': 'Basic realm="cairn"' });
  // The key normally comes in the Authorization header, checked before the body is read. Segment's
  // HTTP API also takes it as `writeKey` in the body (for clients that cannot set headers).
  const headerKey = writeKeyFrom(req.headers.authorization);
  if (headerKey !== undefined && !(await deps.isValidKey(headerKey))) return unauthorised();
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req, MAX_BODY));
  } catch (err) {
    if (headerKey === undefined) return unauthorised();
    if (err instanceof BodyError) return sendJson(res, err.status, { success: false, error: err.message });
    return sendJson(res, 400, { success: false, error: `body is not valid JSON: ${(err as Error).message}` });
  }
  if (headerKey === undefined) {
    const bodyKey = typeof body === 'object' && body !== null ? (body as { writeKey?: unknown }).writeKey : undefined;
    if (typeof bodyKey !== 'string' || !(await deps.isValidKey(bodyKey))) return unauthorised();
  }
  const parsed = parseFor(path, body);
  if (!parsed.ok) {
    const reason = parsed.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
    return sendJson(res, 400, { success: false, error: reason, problems: parsed.problems });
  }
  // One track-like call: with the calls of other requests arriving meanwhile (groups.ts).
  const [only] = parsed.calls;
  if (deps.together && parsed.calls.length === 1 && only && only.type !== 'identify') {
    return sendJson(res, 200, { success: true, ...(await deps.together(parsed.calls)) });
  }
  // One customer per person: merges (identify with an anonymousId, alias) and the surviving
  // profile of each call, before anything is stored under an id.
  const now = deps.clock.now();
  await routeMerges(deps, await resolveIdentities(deps.db, parsed.calls, now));
  const identified = new Set(parsed.calls.filter((c) => c.type === 'identify').map((c) => c.customerId));
  const oneByOne = parsed.calls.filter((c) => identified.has(c.customerId));
  const together = parsed.calls.filter((c) => !identified.has(c.customerId));
  // Calls of different customers are independent: handle them side by side; one customer's calls
  // stay in order (their attribute changes and entries depend on what came before).
  const [single, batch] = await Promise.all([
    forEachCustomer(oneByOne, async (call) => {
      const stored = await storeCall(deps.db, call, now);
      return { stored, routed: stored.rows.every((r) => r.processedAt) ? true : await route(deps, stored) };
    }),
    together.length ? storeAndRouteTogether(deps, together, now) : { stored: 0, duplicates: 0, routed: true },
  ]);
  const singleDuplicates = single.filter((r) => r.stored.duplicate).length;
  const routed = single.every((r) => r.routed) && batch.routed;
  sendJson(res, 200, {
    success: true,
    stored: single.length - singleDuplicates + batch.stored,
    duplicates: singleDuplicates + batch.duplicates,
    routed,
  });
}

/**
 * Track-like calls: stored in one statement, then routed together. A duplicate stored before but
 * never routed (a crash, a failed start) is routed now, one call at a time (rare).
 */
export async function storeAndRouteTogether(deps: IngestDeps, calls: IngestCall[], now: number): Promise<{ stored: number; duplicates: number; routed: boolean }> {
  const { storedNow, routed } = await storeAndRouteCalls(deps, calls, now);
  const stored = storedNow.filter(Boolean).length;
  return { stored, duplicates: calls.length - stored, routed };
}

/** storeAndRouteTogether, saying per call whether it was stored now (`storedNow[i]`) or was a duplicate. */
export async function storeAndRouteCalls(
  deps: IngestDeps,
  calls: IngestCall[],
  now: number,
  resolve: 'resolved' | 'in-statement' = 'resolved',
): Promise<{ storedNow: boolean[]; routed: boolean }> {
  const live = await liveJourneys(deps.db);
  const routable = (name: string) => live.some((j) => wants(j.entryInterest, name));
  const { rows, messageIds } = await storeBatch(deps.db, calls, now, (c) => routable(c.name), resolve);
  const fresh = rows.filter((r) => r !== undefined);
  // Segment entries and exits these events caused are routed with them (the "enters segment" trigger).
  const segmentRows = await segmentsAfterBatch(deps.db, fresh, now);
  let routed = await routeStoredBatch(deps, [...fresh, ...segmentRows], (r) => routable(r.name));
  const storedNow = new Set(fresh.map((r) => r.messageId));
  const dupIds = [...new Set(messageIds.filter((m, i) => rows[i] === undefined && !storedNow.has(m)))];
  if (dupIds.length) {
    const unrouted = await deps.db.event.findMany({ where: { messageId: { in: dupIds }, processedAt: null }, select: { messageId: true } });
    for (const { messageId } of unrouted) {
      const stored = await storedRows(deps.db, messageId);
      if (stored.length && !(await route(deps, { rows: stored, duplicate: true }))) routed = false;
    }
  }
  return { storedNow: rows.map((r) => r !== undefined), routed };
}

/**
 * After the request's merges: segment entries and exits they recorded reach journeys like any
 * other ("enters segment" triggers, exits on leaving), and later entries into once-only journeys
 * they ended are told to end (identity/tell.ts); a failure leaves the rows to the sweep. The
 * identify calls that follow send the merged profile to the runs.
 */
export async function routeMerges(deps: IngestDeps, outcomes: readonly MergeOutcome[]): Promise<void> {
  const merged = outcomes.filter((o) => o.merged);
  if (!merged.length) return;
  await tellRuns(deps, { segmentRows: merged.flatMap((o) => o.segmentRows), ended: merged.flatMap((o) => o.ended) });
}

/**
 * Routes a stored call. A duplicate already routed needs nothing; one stored but never routed (a
 * crash, a failed start) is routed now: entries are claimed per event, so this never enrols twice.
 * A failure leaves the rows unprocessed for the sweep; the request still succeeds (they are stored).
 */
async function route(deps: IngestDeps, s: Stored): Promise<boolean> {
  try {
    await routeRows(deps, s.rows);
    return true;
  } catch (err) {
    deps.log?.(`ingest: routing ${s.rows[0]?.messageId} failed (kept for the sweep): ${(err as Error).message}`);
    return false;
  }
}

const PARALLEL_CUSTOMERS = 8;

/** Runs `fn` over calls, in order per customer, up to PARALLEL_CUSTOMERS customers at once. */
async function forEachCustomer<T>(calls: IngestCall[], fn: (c: IngestCall) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(calls.length);
  const groups = new Map<string, number[]>();
  calls.forEach((c, i) => groups.set(c.customerId, [...(groups.get(c.customerId) ?? []), i]));
  const queue = [...groups.values()];
  const worker = async () => {
    for (let g = queue.shift(); g; g = queue.shift()) {
      for (const i of g) results[i] = await fn(calls[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_CUSTOMERS, queue.length) }, worker));
  return results;
}

function parseFor(path: string, body: unknown) {
  switch (path) {
    case '/v1/batch':
      return parseBatch(body);
    case '/v1/track':
      return wrap(parseTrack(body));
    case '/v1/identify':
      return wrap(parseIdentify(body));
    default:
      return wrap(parseOther(path.slice('/v1/'.length) as 'page' | 'screen' | 'group' | 'alias', body));
  }
}

function wrap(r: { ok: true; call: IngestCall } | { ok: false; problems: Array<{ path: string; message: string }> }) {
  return r.ok ? { ok: true as const, calls: [r.call] } : r;
}
