/**
 * The broadcast workflow's activities (workflow/broadcast-workflow.ts): the plan, one page of
 * sends, deferred retries and the status row. Every send goes through `deliver`, the one send
 * path journeys use: policy (suppression, consent, caps, quiet hours) and the idempotency claim
 * in one transaction, then the provider. The key is `broadcast:<id>:<customer>`, so a retried
 * page never messages anyone twice. A broadcast's messages have no journey; their `nodeId` is
 * the broadcast's id.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { Prisma, type Db } from '@cairn/db';
import { Audience, BROADCAST_RATE } from '@cairn/core/internal/broadcast/audience';
import { localInstant } from '@cairn/core/internal/broadcast/local-time';
import { deliver, type DeliveryDeps } from '../delivery/deliver.js';
import type { MessageNode } from '../delivery/content.js';
import { evaluateGroup, eventsReferenced } from '@cairn/core/internal/rules/evaluate';
import type { CustomerEvent } from '@cairn/core/internal/rules/facts';
import { isFinalAttempt } from './attempt.js';
import { MANUAL_ENROL } from '@cairn/core/internal/nodes/trigger/manual';

/** One pass of a broadcast: the customers of one time zone (`zone`; null: without one), or every customer ('*'). */
export interface BroadcastPass {
  zone: string | null;
  every: boolean;
  at: number;
}

/**
 * How a broadcast goes out: the customers to go through and the passes (one per local send time) to send
 * them in.
 */
export interface BroadcastPlan {
  /** Customers to go through (every live customer of the passes; a rules audience is narrowed page by page). */
  total: number;
  passes: BroadcastPass[];
}

export interface SendPageInput {
  broadcastId: string;
  pass: BroadcastPass;
  after: string | null;
  /** Customers handled before this page (the workflow's count): the row's progress is set, not added, so a retry never counts twice. */
  processedBefore: number;
  /** The workflow's clock (epoch ms): sends are judged at the later of it and the activity's. */
  at: number;
}

export interface SendPageResult {
  /** The last id of the page, or null when the pass is finished. */
  next: string | null;
  scanned: number;
  members: number;
}

export type BroadcastStatusInput = { broadcastId: string; status: 'scheduled' | 'sending' | 'paused' | 'done' | 'cancelled'; total?: number };

/** Concurrent sends within a page (each holds a database connection for its claim). */
const CONCURRENCY = 4;

/**
 * Customers per page: about five seconds of sending at the broadcast's rate, within bounds. The
 * workflow sees pause and cancel between pages, so this is also how soon they take effect.
 */
export function pageSize(ratePerSecond: number): number {
  return Math.min(1_000, Math.max(10, ratePerSecond * 5));
}

interface Loaded {
  id: string;
  /** Null for a broadcast that only enrols into a journey. */
  message: MessageNode | null;
  journeyId: string | null;
  audience: Audience;
  rate: number;
}

async function load(db: Db, id: string): Promise<Loaded | null> {
  const b = await db.broadcast.findUnique({ where: { id } });
  if (!b) return null;
  const audience = Audience.safeParse(b.audience);
  if (!audience.success) throw ApplicationFailure.nonRetryable(`broadcast ${id}: its audience is not valid (${audience.error.message})`);
  // The message node carries the broadcast's id: its messages are found by it (Message.nodeId).
  const message = b.message && typeof b.message === 'object' ? { ...(b.message as unknown as MessageNode), id } : null;
  return { id, message, journeyId: b.journeyId, audience: audience.data, rate: Math.min(BROADCAST_RATE.max, Math.max(BROADCAST_RATE.min, b.ratePerSecond)) };
}

/** The customers a broadcast goes through (alias `c`): everyone, or a saved segment's members. */
function candidates(a: Audience): Prisma.Sql {
  return a.kind === 'segment'
    ? Prisma.sql`"Customer" c JOIN "SegmentMember" m ON m."customerId" = c.id AND m."segmentId" = ${a.segmentId}`
    : Prisma.sql`"Customer" c`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function heartbeat(detail?: unknown): void {
  try {
    Context.current().heartbeat(detail);
  } catch {
    // Called directly (tests, the benchmark's baseline): no activity context.
  }
}

export function broadcastActivities(deps: DeliveryDeps) {
  const { db } = deps;
  const sendOne = async (b: Loaded, customerId: string, at: number, idempotencyKey = `broadcast:${b.id}:${customerId}`) => {
    if (b.message) await deliver(deps, { idempotencyKey, customerId, node: b.message, at, finalAttempt: isFinalAttempt() });
  };
  /**
   * A journey broadcast's entry: one "$enrol" event per customer, named by broadcast and customer
   * so a retried page writes it once; the API routes it to that journey's manual trigger, where
   * the entry rules decide (api enrol/broadcast-entries.ts). Stored unrouted, it survives a crash.
   */
  const enrolOne = async (b: Loaded, customerId: string, at: number) => {
    if (!b.journeyId) return;
    await db.event.createMany({
      data: [{ messageId: `broadcast:${b.id}:${customerId}`, customerId, type: 'track', name: MANUAL_ENROL, properties: { journeyId: b.journeyId, broadcastId: b.id }, timestamp: new Date(at) }],
      skipDuplicates: true,
    });
  };

  /** Audience members among a page of customers. */
  async function members(b: Loaded, rows: Array<{ id: string; attributes: unknown }>, now: number): Promise<string[]> {
    const a = b.audience;
    // A segment's members are chosen by the page query itself (its membership rows).
    if (a.kind === 'all' || a.kind === 'segment') return rows.map((r) => r.id);
    const names = [...eventsReferenced(a.group)];
    const history = new Map<string, CustomerEvent[]>();
    if (names.length) {
      const events = await db.event.findMany({ where: { customerId: { in: rows.map((r) => r.id) }, name: { in: names } }, select: { customerId: true, name: true, timestamp: true, properties: true } });
      for (const e of events) history.set(e.customerId, [...(history.get(e.customerId) ?? []), { name: e.name, at: e.timestamp.getTime(), properties: (e.properties ?? {}) as Record<string, unknown> }]);
    }
    return rows.filter((r) => evaluateGroup(a.group, { attributes: (r.attributes ?? {}) as Record<string, unknown>, history: history.get(r.id) ?? [], now }).matched).map((r) => r.id);
  }

  return {
    async broadcastPlan(input: { broadcastId: string }): Promise<BroadcastPlan | null> {
      const b = await db.broadcast.findUnique({ where: { id: input.broadcastId } });
      if (!b) return null;
      const now = deps.clock.now();
      const audience = Audience.safeParse(b.audience);
      const from = candidates(audience.success ? audience.data : { kind: 'all' });
      // One pass per time zone present ("local"), in the order their local time comes; else one.
      const zones = await db.$queryRaw<Array<{ zone: string | null; n: bigint }>>`
        SELECT c."timeZone" AS zone, count(*) AS n FROM ${from} WHERE c."mergedInto" IS NULL GROUP BY 1`;
      if (b.timing !== 'local' || !b.localDate || !b.localTime) {
        const total = zones.reduce((n, z) => n + Number(z.n), 0);
        return { total, passes: [{ zone: null, every: true, at: b.timing === 'at' && b.sendAt ? b.sendAt.getTime() : now }] };
      }
      const passes = zones.map((z) => ({ zone: z.zone, every: false, at: localInstant(b.localDate!, b.localTime!, z.zone, b.timeZone) })).sort((x, y) => x.at - y.at);
      return { total: zones.reduce((n, z) => n + Number(z.n), 0), passes };
    },

    async broadcastSendPage(input: SendPageInput): Promise<SendPageResult> {
      const b = await load(db, input.broadcastId);
      if (!b) return { next: null, scanned: 0, members: 0 };
      const limit = pageSize(b.rate);
      const zone = input.pass.every ? Prisma.empty : input.pass.zone === null ? Prisma.sql`AND c."timeZone" IS NULL` : Prisma.sql`AND c."timeZone" = ${input.pass.zone}`;
      const after = input.after === null ? Prisma.empty : Prisma.sql`AND c.id > ${input.after}`;
      const rows = await db.$queryRaw<Array<{ id: string; attributes: unknown }>>`
        SELECT c.id, c.attributes FROM ${candidates(b.audience)} WHERE c."mergedInto" IS NULL ${zone} ${after} ORDER BY c.id LIMIT ${limit}`;
      const at = Math.max(input.at, deps.clock.now());
      const ids = await members(b, rows, at);
      // The rate: send i starts no earlier than start + i / rate (a retried page resends nothing
      // already final, and only paces what it sends again).
      const start = Date.now();
      const interval = 1000 / b.rate;
      let nextIndex = 0;
      const worker = async () => {
        for (let i = nextIndex++; i < ids.length; i = nextIndex++) {
          const due = start + i * interval - Date.now();
          if (due > 0) await sleep(due);
          const when = Math.max(at, deps.clock.now());
          await enrolOne(b, ids[i]!, when);
          await sendOne(b, ids[i]!, when);
          heartbeat(i);
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
      await db.broadcast.update({ where: { id: b.id }, data: { processed: input.processedBefore + rows.length } });
      return { next: rows.length < limit ? null : (rows.at(-1)?.id ?? null), scanned: rows.length, members: ids.length };
    },

    /** Sends again the broadcast's deferred messages that are due; when the next one is due (null: none left). */
    async broadcastRetryDeferred(input: { broadcastId: string; at: number }): Promise<{ nextAt: number | null; retried: number }> {
      const b = await load(db, input.broadcastId);
      if (!b) return { nextAt: null, retried: 0 };
      const at = Math.max(input.at, deps.clock.now());
      const due = await db.message.findMany({
        where: { journeyId: null, nodeId: b.id, status: 'deferred', deferredUntil: { lte: new Date(at) } },
        select: { customerId: true, idempotencyKey: true },
        take: 500,
      });
      for (const m of due) {
        await sendOne(b, m.customerId, at, m.idempotencyKey);
        heartbeat();
      }
      const next = await db.message.findFirst({ where: { journeyId: null, nodeId: b.id, status: 'deferred' }, orderBy: { deferredUntil: 'asc' }, select: { deferredUntil: true } });
      return { nextAt: next ? (next.deferredUntil?.getTime() ?? at) : null, retried: due.length };
    },

    /** The status row the editor shows (the workflow is its only writer once it runs). */
    async broadcastStatus(input: BroadcastStatusInput): Promise<void> {
      const now = new Date(deps.clock.now());
      const ended = input.status === 'done' || input.status === 'cancelled';
      // startedAt: the first time it sends (a resume keeps it).
      await db.$executeRaw`
        UPDATE "Broadcast" SET status = ${input.status}::"BroadcastStatus", "updatedAt" = ${now},
          total = COALESCE(${input.total ?? null}::int, total),
          "startedAt" = CASE WHEN ${input.status} = 'sending' THEN COALESCE("startedAt", ${now}) ELSE "startedAt" END,
          "finishedAt" = CASE WHEN ${ended} THEN ${now} ELSE "finishedAt" END
        WHERE id = ${input.broadcastId}`;
    },
  };
}

/**
 * The activities of the broadcast workflow: plan it, send a page, retry deferred sends, record its status.
 */
export type BroadcastActivities = ReturnType<typeof broadcastActivities>;
