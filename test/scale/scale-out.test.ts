/**
 * Scale-out (issue 18): the API with CAIRN_WORKER=off and two workers in their own OS processes
 * (`npm run worker`'s entry, the same settings), one Temporal dev server, one embedded PostgreSQL
 * and a real SMTP server. CUSTOMERS customers go through email -> wait 1 minute -> email. Once a
 * quarter of the first emails have arrived, the mail server holds its answers for a moment (a slow
 * server), so that sends pile up on both workers, and worker A is killed with SIGKILL. Then:
 *
 * - every customer completes, and both workers ran journeys (worker identities in the histories);
 * - every message is received once, except repeats that at-least-once delivery allows: a send
 *   killed after the SMTP server took the message but before Cairn recorded it is sent again by
 *   the surviving worker under the same idempotency key, hence the same Message-ID. Repeats are
 *   counted, and each one must be a send that was in flight on the killed worker when it died
 *   (Temporal's pending activities, by worker identity), so there are at most that many.
 *
 * Timing: a wait's shortest duration in the journey model is 1 minute, and Temporal hands a dead
 * worker's activity to another worker only when its start-to-close timeout passes (60 s for sends
 * by default), and its journeys' next steps after the sticky-queue timeout (10 s). The enrolment
 * here sets the workflow's `effectTimeoutMs` option to 10 s, so the retries happen during the
 * customers' wait and the run takes about 1.5 minutes instead of 2.5.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCaller, parseApiEnv, startCairn, type Cairn, type JourneyRunner } from '@cairn/api';
import { workflowIdFor } from '@cairn/engine/workflow';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort } from '../api/support/stack.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startWorkerProcess, stopWorkerProcess, type WorkerProcess } from './support/worker-process.js';

const CUSTOMERS = 80;
const EFFECT_TIMEOUT_MS = 10_000;
/**
 * At most this long the mail server holds its answers before the kill; well below
 * EFFECT_TIMEOUT_MS, so no send on the surviving worker times out (which would be a repeat too).
 */
const MAX_HOLD_MS = 2_000;
/** Messages waiting for an answer at the kill: with two workers sending, some are worker A's. */
const HELD_AT_KILL = 10;
const JOURNEY_ID = 'scale-out';
const TASK_QUEUE = `scale-out-${process.pid}`;

const journey = {
  id: JOURNEY_ID,
  name: 'Scale-out',
  nodes: [
    { id: 'start', type: 'trigger.manual' },
    { id: 'first', type: 'action.email', subject: 'first', body: 'Hello' },
    { id: 'wait', type: 'wait.delay', duration: { amount: 1, unit: 'minutes' } },
    { id: 'second', type: 'action.email', subject: 'second', body: 'Hello again' },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'first' },
    { id: 'e2', source: 'first', target: 'wait' },
    { id: 'e3', source: 'wait', target: 'second' },
    { id: 'e4', source: 'second', target: 'done' },
  ],
};

const customerIds = Array.from({ length: CUSTOMERS }, (_, i) => `c${String(i).padStart(3, '0')}`);
const emailOf = (id: string) => `${id}@scale.test`;

let dir: string | undefined;
let smtp: SmtpSink | undefined;
let cairn: Cairn | undefined;
let connection: Connection | undefined;
let client: Client;
let workers: WorkerProcess[] = [];
const startedAt = Date.now();
const timings: Record<string, number> = {};
const mark = (name: string) => (timings[name] = Math.round((Date.now() - startedAt) / 100) / 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cairn-scale-'));
  smtp = await startSmtpSink({ holdRepliesAfter: CUSTOMERS / 4 });
  const env = parseApiEnv({
    PORT: '0',
    CAIRN_WORKER: 'off',
    CAIRN_DATA_DIR: dir,
    CAIRN_PG_PORT: String(await freePort()),
    CAIRN_TEMPORAL_PORT: String(await freePort()),
    CAIRN_TEMPORAL_UI: '0',
    CAIRN_EDITOR_DIR: path.join(dir, 'no-editor'),
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    CAIRN_ADMIN_EMAIL: 'admin@scale.test',
    CAIRN_ADMIN_PASSWORD: 'a long walk on the shingle',
  });
  const logs: string[] = [];
  cairn = await startCairn(env, (l) => logs.push(l));
  mark('stack');
  // The settings a worker deployment gets: where PostgreSQL, Temporal and the mail server are.
  const settings = {
    DATABASE_URL: cairn.databaseUrl,
    TEMPORAL_ADDRESS: cairn.temporalAddress,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Cairn <no-reply@scale.test>',
  };
  workers = [startWorkerProcess('A', settings), startWorkerProcess('B', settings)];
  connection = await Connection.connect({ address: cairn.temporalAddress });
  client = new Client({ connection });
  // Both must be polling workflow and activity tasks before anyone enrols, or the first one up
  // would take every journey.
  await pollersReady(workers, 120_000);
  mark('workers');
}, 240_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => stopWorkerProcess(w)));
  await connection?.close();
  await cairn?.stop();
  await smtp?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 90_000);

describe('scale-out: two worker processes, one killed mid-journey', () => {
  it('every customer completes; repeats are only sends in flight on the killed worker', async () => {
    const stack = cairn!;
    const sink = smtp!;
    const [killed, survivor] = workers as [WorkerProcess, WorkerProcess];

    // The journey and the customers, through the API.
    const admin = await stack.db.user.findUniqueOrThrow({ where: { email: 'admin@scale.test' } });
    const runner: JourneyRunner = {
      ...stack.runner,
      enrol: (workflowId, input) => stack.runner.enrol(workflowId, { ...input, options: { ...input.options, effectTimeoutMs: EFFECT_TIMEOUT_MS } }),
    };
    const caller = createCaller({ db: stack.db, runner, clock: { now: () => Date.now() }, user: { id: admin.id, email: admin.email, name: admin.name, role: 'admin' } });
    await caller.journeys.saveDraft({ id: JOURNEY_ID, draft: journey });
    await caller.journeys.publish({ id: JOURNEY_ID, note: 'scale-out test' });
    const identified = await post(stack, '/v1/batch', { batch: customerIds.map((id) => ({ type: 'identify', userId: id, traits: { email: emailOf(id) } })) });
    expect(identified.status).toBe(200);

    // Worker A is killed hard while both workers have first emails in flight (enrolment may still
    // be going on). From the CUSTOMERS / 4-th message on, the mail server keeps messages but holds
    // its answers, so sends pile up at the SMTP stage on both workers; once HELD_AT_KILL of them
    // wait (or MAX_HOLD_MS passed), A is killed and the answers are released. What A had in
    // flight is then counted from Temporal, by worker identity.
    const ids = customerIds.map((c) => workflowIdFor(JOURNEY_ID, c, 1));
    const atKill = (async () => {
      await eventually(async () => sink.held(), (n) => n > 0, 90_000);
      const holdUntil = Date.now() + MAX_HOLD_MS;
      while (sink.held() < HELD_AT_KILL && Date.now() < holdUntil) await sleep(20);
      killed.kill('SIGKILL');
      const killedAt = Date.now();
      mark('killed');
      await sleep(300);
      sink.releaseReplies();
      // Its sends stay "started" in Temporal until their start-to-close timeout (10 s): a look a
      // second after the kill (tasks matched to its dying pollers included) finds them all.
      await sleep(700);
      return { killedAt, received: sink.received.length, inFlight: await inFlightOn(killed, ids) };
    })();
    atKill.catch(() => undefined); // awaited below; a failure before that is the enrolment's to report

    const workflowIds: string[] = [];
    for (let i = 0; i < customerIds.length; i += 20) {
      const answers = await Promise.all(customerIds.slice(i, i + 20).map((customerId) => caller.journeys.enrol({ journeyId: JOURNEY_ID, customerId })));
      for (const a of answers) {
        if (!a.enrolled) throw new Error(`not enrolled: ${a.reason}`);
        workflowIds.push(a.workflowId);
      }
    }
    mark('enrolled');
    expect(new Set(workflowIds)).toEqual(new Set(ids));
    const { killedAt, received: receivedAtKill, inFlight } = await atKill;
    expect(await killed.exited).toBe('SIGKILL');
    mark('in-flight counted');
    // Without a send in flight on the killed worker this run would prove nothing about repeats.
    expect(inFlight.size, 'sends in flight on the killed worker').toBeGreaterThan(0);

    // No customer lost: all complete, on the surviving worker.
    await eventually(
      () => stack.db.enrolment.count({ where: { journeyId: JOURNEY_ID, status: 'completed' } }),
      (n) => n === CUSTOMERS,
      150_000,
    ).catch(async (err: Error) => {
      const byStatus = await stack.db.enrolment.groupBy({ by: ['status', 'currentNodeId'], where: { journeyId: JOURNEY_ID }, _count: { _all: true } });
      const where = byStatus.map((g) => `${g.status} at ${g.currentNodeId}: ${g._count._all}`).join(', ');
      throw new Error(`${err.message}\nenrolments: ${where}\nsurviving worker's last lines:\n${survivor.output()}`);
    });
    mark('all completed');
    for (const id of workflowIds) expect((await client.workflow.getHandle(id).describe()).status.name).toBe('COMPLETED');

    // Every message recorded as sent once per customer and step.
    const rows = await stack.db.message.findMany({ where: { journeyId: JOURNEY_ID } });
    expect(rows).toHaveLength(2 * CUSTOMERS);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    const rowByMessageId = new Map(rows.map((r) => [r.providerId ?? '', r]));
    expect(rowByMessageId.size).toBe(2 * CUSTOMERS);

    // At the mail server: each message at least once, under the Message-ID Cairn recorded.
    await eventually(async () => new Set(sink.received.map((m) => m.messageId)).size, (n) => n >= 2 * CUSTOMERS, 10_000);
    const copies = new Map<string, number>();
    for (const m of sink.received) {
      const row = rowByMessageId.get(m.messageId);
      expect(row, `received ${m.messageId} (${m.subject} to ${m.to}) that no message row names`).toBeDefined();
      expect(m.to).toBe(emailOf(row!.customerId));
      expect(m.subject).toBe(row!.nodeId);
      copies.set(m.messageId, (copies.get(m.messageId) ?? 0) + 1);
    }
    expect(copies.size).toBe(2 * CUSTOMERS);
    const repeated = [...copies].filter(([, n]) => n > 1);
    const repeats = sink.received.length - copies.size;
    // Each repeat is a send the killed worker had in flight (the key is workflowId:node:visit),
    // resent once by the survivor: never twice, never anything else.
    for (const [messageId, n] of repeated) {
      const row = rowByMessageId.get(messageId)!;
      expect(n, `${messageId} received ${n} times`).toBe(2);
      expect(row.nodeId).toBe('first');
      expect([...inFlight].some((wf) => row.idempotencyKey.startsWith(`${wf}:`)), `${messageId} was not in flight on the killed worker`).toBe(true);
    }
    expect(repeats).toBeLessThanOrEqual(inFlight.size);

    // Both workers ran journeys (the first workflow task of each journey, among those started
    // before the kill: every later one can only go to the survivor), the survivor finished every
    // one, and it took over each one the killed worker had run.
    const histories = await Promise.all(workflowIds.map((id) => historyIdentities(id)));
    const beforeKill = histories.filter((h) => h.firstTaskAt < killedAt);
    const startedOn = (w: WorkerProcess, hs = histories) => hs.filter((h) => h.firstTask === w.identity).length;
    const handedOver = histories.filter((h) => h.all.has(killed.identity) && h.all.has(survivor.identity)).length;
    expect(startedOn(killed) + startedOn(survivor)).toBe(CUSTOMERS);
    expect(beforeKill.length).toBeGreaterThanOrEqual(CUSTOMERS / 4);
    expect(startedOn(killed, beforeKill)).toBeGreaterThanOrEqual(beforeKill.length / 5);
    expect(startedOn(survivor, beforeKill)).toBeGreaterThanOrEqual(beforeKill.length / 5);
    expect(histories.filter((h) => h.lastTask !== survivor.identity)).toEqual([]);
    expect(handedOver).toBeGreaterThanOrEqual(startedOn(killed));
    mark('done');

    // The figures, one JSON line (the README's delivery section quotes a run of it).
    console.log(
      JSON.stringify({
        customers: CUSTOMERS,
        startedBeforeKill: { killed: startedOn(killed, beforeKill), survivor: startedOn(survivor, beforeKill) },
        startedInAll: { killed: startedOn(killed), survivor: startedOn(survivor) },
        handedOver,
        receivedAtKill,
        sendsInFlightOnKilled: inFlight.size,
        received: sink.received.length,
        distinct: copies.size,
        repeats,
        smtpConnectionErrors: sink.errors.length,
        seconds: timings,
      }),
    );
  }, 200_000);
});

/** Waits until every worker polls both the workflow and the activity task queue. */
async function pollersReady(ws: WorkerProcess[], timeoutMs: number): Promise<void> {
  const kinds = [temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const dead = ws.find((w) => !w.alive());
    if (dead) throw new Error(`worker ${dead.name} exited before polling:\n${dead.output()}`);
    const polling = await Promise.all(
      kinds.map(async (taskQueueType) => {
        const r = await client.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: TASK_QUEUE }, taskQueueType });
        return new Set((r.pollers ?? []).map((p) => p.identity));
      }),
    );
    if (ws.every((w) => polling.every((ids) => ids.has(w.identity)))) return;
    if (Date.now() > until) throw new Error(`workers not polling after ${timeoutMs} ms:\n${ws.map((w) => `${w.name}:\n${w.output()}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The workflows with an activity started on worker `w` and not answered: in this journey's first
 * part that is the first email's send (counting every activity type keeps the count an upper
 * bound whatever the activities are called). Workflow ids are deterministic, so this need not
 * wait for enrolment to finish.
 */
async function inFlightOn(w: WorkerProcess, workflowIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  await Promise.all(
    workflowIds.map(async (id) => {
      const d = await client.workflow.getHandle(id).describe().catch((err: unknown) => {
        if (err instanceof WorkflowNotFoundError) return undefined; // not enrolled yet
        throw err;
      });
      for (const a of d?.raw.pendingActivities ?? []) {
        const started = a.state === temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;
        if (started && a.lastWorkerIdentity === w.identity) found.add(id);
      }
    }),
  );
  return found;
}

/** Which worker identities completed a workflow's tasks and started its activities. */
async function historyIdentities(workflowId: string): Promise<{ firstTask?: string; firstTaskAt: number; lastTask?: string; all: Set<string> }> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const tasks: Array<{ identity: string; at: number }> = [];
  const all = new Set<string>();
  for (const e of history.events ?? []) {
    const task = e.workflowTaskCompletedEventAttributes?.identity;
    const activity = e.activityTaskStartedEventAttributes?.identity;
    if (task) tasks.push({ identity: task, at: Number(e.eventTime?.seconds?.toString() ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6 });
    for (const id of [task, activity]) if (id) all.add(id);
  }
  const first = tasks[0];
  const last = tasks.at(-1);
  return { ...(first ? { firstTask: first.identity } : {}), firstTaskAt: first?.at ?? Infinity, ...(last ? { lastTask: last.identity } : {}), all };
}

async function post(stack: Cairn, pathname: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${stack.url}${pathname}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${stack.writeKey}:`).toString('base64')}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}
