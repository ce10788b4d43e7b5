/**
 * Signals and long runs on a real Temporal (time-skipping) server with real activities: goal and
 * exit events mid-wait, pause/resume, stop and remove, a template error, continue-as-new, and the
 * trigger event delivered twice by signalWithStart.
 */
import { JOURNEY_WORKFLOW, WORKFLOW_INPUT_VERSION, workflowIdFor, type JourneyWorkflowInput } from '@cairn/engine/workflow';
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCustomer, enrol, journeyOf, publish, type Published } from './support/fixtures.js';
import { finished, freshServerPerTest, harness, skipToEnd, statusOf, until, type Harness } from './support/harness.js';

const DAY = 86_400_000;
let h: Harness;
let cart: Published;

beforeAll(async () => {
  h = await harness();
  cart = await publish(
    h.db,
    journeyOf(
      'cart',
      [
        { id: 't', type: 'trigger.event', event: 'Cart Abandoned' },
        { id: 'email1', type: 'action.email', subject: 'You left something', body: '{{ event.properties.item }}' },
        { id: 'wait', type: 'wait.delay', duration: { amount: 3, unit: 'days' } },
        { id: 'email2', type: 'action.email', subject: 'Still thinking?', body: 'x' },
        { id: 'done', type: 'exit' },
        { id: 'goal', type: 'goal', event: 'Order Completed' },
      ],
      [['t', 'email1'], ['email1', 'wait'], ['wait', 'email2'], ['email2', 'done']],
      { exitEvents: ['Account Deleted'] },
    ),
  );
}, 180_000);

freshServerPerTest(() => h);

afterAll(async () => h?.teardown());

const now = () => h.ts.env.currentTimeMs();
const status = statusOf;
const waitingAt = (handle: WorkflowHandle, node: string) => until(() => status(handle), (s) => s.node === node && s.status === 'waiting' && s.idle);
const sent = async (customerId: string) =>
  (await h.db.message.findMany({ where: { customerId }, orderBy: { createdAt: 'asc' } })).map((m) => `${m.nodeId}:${m.status}`);

async function enterCart(id: string) {
  await addCustomer(h.db, { id });
  return enrol(h.client, cart, { id }, { taskQueue: h.taskQueue, event: { name: 'Cart Abandoned', at: await now(), properties: { item: 'lamp' } } });
}

describe('journey workflow: signals mid-journey', () => {
  it('a goal event mid-wait exits at once as converted; the second email never goes', async () => {
    const handle = await enterCart('goal-1');
    await waitingAt(handle, 'wait');
    await h.ts.env.sleep(DAY);
    await handle.signal('customerEvent', { event: { name: 'Order Completed', at: await now(), properties: {} } });
    expect(await finished(handle)).toMatchObject({ status: 'completed', exit: { reason: 'goal', nodeId: 'goal' } });
    expect(await sent('goal-1')).toEqual(['email1:sent']);
    const e = await h.db.enrolment.findFirstOrThrow({ where: { customerId: 'goal-1' } });
    expect(e).toMatchObject({ status: 'completed', exitReason: 'goal' });
    // The conversion is recorded once, with the same bookkeeping call: a day (and a bit) after
    // entering, the wait being the last node entered and email1 the last message sent.
    const email1 = await h.db.message.findFirstOrThrow({ where: { customerId: 'goal-1', nodeId: 'email1' } });
    const conversions = await h.db.conversion.findMany({ where: { enrolmentId: e.id } });
    expect(conversions).toHaveLength(1);
    expect(conversions[0]).toMatchObject({
      journeyId: 'cart', versionId: e.versionId, version: e.version, customerId: 'goal-1', source: 'goal-node',
      goalNodeId: 'goal', goalEvent: 'Order Completed', lastNodeId: 'wait', lastMessageId: email1.id,
    });
    expect(conversions[0]!.secondsToConvert).toBeGreaterThanOrEqual(86_400);
    expect(conversions[0]!.secondsToConvert).toBeLessThan(86_400 + 60);
  }, 60_000);

  it('an exit event mid-wait exits without converting', async () => {
    const handle = await enterCart('exit-1');
    await waitingAt(handle, 'wait');
    await handle.signal('customerEvent', { event: { name: 'Account Deleted', at: await now(), properties: {} } });
    expect(await finished(handle)).toMatchObject({ status: 'exited', exit: { reason: 'exit-event' } });
    expect(await sent('exit-1')).toEqual(['email1:sent']);
    expect(await h.db.enrolment.findFirstOrThrow({ where: { customerId: 'exit-1' } })).toMatchObject({ status: 'exited', exitReason: 'exit-event' });
    expect(await h.db.conversion.count({ where: { customerId: 'exit-1' } })).toBe(0);
  }, 60_000);

  it('an unrelated event neither ends nor disturbs the wait', async () => {
    const handle = await enterCart('noise-1');
    const { deadline } = await waitingAt(handle, 'wait');
    await handle.signal('customerEvent', { event: { name: 'Page Viewed', at: await now(), properties: {} } });
    const after = await until(() => status(handle), (s) => s.status === 'waiting');
    expect(after.deadline).toBe(deadline);
    expect(await skipToEnd(h, handle)).toMatchObject({ status: 'completed', exit: { reason: 'completed' } });
    expect(await sent('noise-1')).toEqual(['email1:sent', 'email2:sent']);
  }, 60_000);

  it('pause holds the customer past the deadline; resume sends the overdue step', async () => {
    const handle = await enterCart('pause-1');
    await waitingAt(handle, 'wait');
    await handle.signal('pause');
    await until(() => status(handle), (s) => s.status === 'paused' && s.idle);
    await h.ts.env.sleep(4 * DAY);
    expect((await status(handle)).status).toBe('paused');
    expect(await sent('pause-1')).toEqual(['email1:sent']);
    await handle.signal('resume');
    expect(await skipToEnd(h, handle)).toMatchObject({ status: 'completed' });
    expect(await sent('pause-1')).toEqual(['email1:sent', 'email2:sent']);
  }, 60_000);

  it('stop and remove end the run with their reasons', async () => {
    const a = await enterCart('stop-1');
    const b = await enterCart('remove-1');
    await Promise.all([waitingAt(a, 'wait'), waitingAt(b, 'wait')]);
    await a.signal('stop');
    await b.signal('remove', { reason: 'removed by support' });
    expect(await finished(a)).toMatchObject({ status: 'exited', exit: { reason: 'stopped', nodeId: 'wait' } });
    expect(await finished(b)).toMatchObject({ status: 'exited', exit: { reason: 'removed by support' } });
    expect(await h.db.enrolment.findFirstOrThrow({ where: { customerId: 'stop-1' } })).toMatchObject({ status: 'exited', exitReason: 'stopped' });
  }, 60_000);
});

describe('journey workflow: failures, long runs, duplicates', () => {
  it('a template error is a recorded failure, not a retry loop', async () => {
    const p = await publish(h.db, journeyOf('bad-template', [
      { id: 't', type: 'trigger.manual' },
      { id: 'email1', type: 'action.email', subject: 'Hi {{ customer.firstName | no_such_filter }}', body: 'x' },
      { id: 'done', type: 'exit' },
    ], [['t', 'email1'], ['email1', 'done']]));
    await addCustomer(h.db, { id: 'tpl-1' });
    const handle = await enrol(h.client, p, { id: 'tpl-1' }, { taskQueue: h.taskQueue, at: await now() });
    expect(await finished(handle)).toMatchObject({ status: 'completed' });
    const [m] = await h.db.message.findMany({ where: { customerId: 'tpl-1' } });
    expect(m).toMatchObject({ status: 'failed', nodeId: 'email1' });
    expect(m?.reason).toMatch(/template error in subject: .*no_such_filter/);
    const history = await handle.fetchHistory();
    const attempts = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes?.attempt && e.activityTaskStartedEventAttributes.attempt > 1);
    expect(attempts).toHaveLength(0);
    const step = await h.db.nodeEvent.findFirstOrThrow({ where: { nodeId: 'email1', kind: 'left', enrolment: { customerId: 'tpl-1' } } });
    expect(step).toMatchObject({ status: 'failed' });
  }, 60_000);

  it('continues as new on a long run, keeping the deadline, the visit count and the trace', async () => {
    // Driven by events, not timers: each Ping releases the wait and sends one email.
    const p = await publish(h.db, journeyOf('loop', [
      { id: 't', type: 'trigger.manual' },
      { id: 'wait', type: 'wait.event', event: 'Ping', timeout: { amount: 30, unit: 'days' } },
      { id: 'email1', type: 'action.email', subject: 'Pong', body: 'x' },
      { id: 'done', type: 'exit' },
      { id: 'goal', type: 'goal', event: 'Stop Loop' },
    ], [['t', 'wait'], ['wait', 'email1', 'event'], ['email1', 'wait'], ['wait', 'done', 'timeout']]));
    await addCustomer(h.db, { id: 'loop-1' });
    const handle = await enrol(h.client, p, { id: 'loop-1' }, { taskQueue: h.taskQueue, at: await now(), options: { historyThreshold: 25 } });
    const firstRun = (await handle.describe()).runId;
    for (let i = 1; i <= 6; i++) {
      await until(() => status(handle), (v) => v.status === 'waiting' && v.idle && v.steps >= 2 + (i - 1) * 4);
      await handle.signal('customerEvent', { event: { name: 'Ping', at: await now(), properties: { i } } });
    }
    const last = await until(() => status(handle), (v) => v.status === 'waiting' && v.idle && v.steps >= 2 + 6 * 4);
    await handle.signal('customerEvent', { event: { name: 'Stop Loop', at: await now(), properties: {} } });
    expect(await finished(handle)).toMatchObject({ status: 'completed', exit: { reason: 'goal' } });
    expect((await handle.describe()).runId).not.toBe(firstRun);

    const messages = await h.db.message.findMany({ where: { customerId: 'loop-1' }, orderBy: { createdAt: 'asc' } });
    expect(messages.map((m) => m.idempotencyKey)).toEqual([1, 2, 3, 4, 5, 6].map((v) => `${handle.workflowId}:email1:${v}`));
    expect(messages.every((m) => m.status === 'sent')).toBe(true);
    const steps = await h.db.nodeEvent.findMany({ where: { enrolment: { customerId: 'loop-1' } }, orderBy: { seq: 'asc' } });
    expect(steps.map((s) => s.seq)).toEqual(steps.map((_, i) => i));
    expect(steps.filter((s) => s.nodeId === 'email1' && s.kind === 'left')).toHaveLength(6);
    // The last wait was armed in one run and observed from a later one: its deadline is the
    // absolute instant set on arrival (30 days after), not re-computed after continuing as new.
    const arrivals = steps.filter((s) => s.nodeId === 'wait' && s.kind === 'entered');
    const lastArrival = arrivals[arrivals.length - 1];
    expect(last.deadline).toBe((lastArrival?.at.getTime() ?? 0) + 30 * DAY);
    for (const a of arrivals) expect(a.reason).toBe(`waiting until ${new Date(a.at.getTime() + 30 * DAY).toISOString()}`);
  }, 90_000);

  it('signalWithStart delivering the trigger event as a signal too does not count it twice', async () => {
    const p = await publish(h.db, journeyOf('post-purchase', [
      { id: 't', type: 'trigger.event', event: 'Order Completed' },
      { id: 'wait', type: 'wait.delay', duration: { amount: 1, unit: 'days' } },
      { id: 'email1', type: 'action.email', subject: 'How was it?', body: 'x' },
      { id: 'goal', type: 'goal', event: 'Order Completed' },
    ], [['t', 'wait'], ['wait', 'email1']]));
    await addCustomer(h.db, { id: 'pp-1' });
    const order = { name: 'Order Completed', at: await now(), properties: { total: 10 } };
    const input: JourneyWorkflowInput = {
      journeyId: p.journey.id, versionId: p.versionId, journey: p.journey, customerId: 'pp-1', entry: 1, enterEventId: 'msg-1',
      enter: { type: 'cairn.enter', at: order.at, triggerId: 't', profile: { attributes: {} }, history: [], event: order },
    };
    const start = () => h.client.workflow.signalWithStart(JOURNEY_WORKFLOW, {
      workflowId: workflowIdFor(p.journey.id, 'pp-1', 1), taskQueue: h.taskQueue, args: [input],
      signal: 'customerEvent', signalArgs: [{ event: order, id: 'msg-1' }],
    });
    const handle = await start();
    await start(); // a retried ingest request: same id, same event
    await waitingAt(handle, 'wait');
    expect(await skipToEnd(h, handle)).toMatchObject({ status: 'completed', exit: { reason: 'end-of-path' } });
    expect(await sent('pp-1')).toEqual(['email1:sent']);
  }, 60_000);

  it('refuses an input or carried state written by a newer Cairn, in words, instead of misreading it', async () => {
    const p = await publish(h.db, journeyOf('versions', [
      { id: 't', type: 'trigger.event', event: 'Signed Up' },
      { id: 'email1', type: 'action.email', subject: 'Hi', body: 'x' },
    ], [['t', 'email1']]));
    await addCustomer(h.db, { id: 'v-1' });
    const at = await now();
    const input: JourneyWorkflowInput = {
      v: WORKFLOW_INPUT_VERSION + 1, journeyId: p.journey.id, versionId: p.versionId, journey: p.journey, customerId: 'v-1', entry: 1,
      enter: { type: 'cairn.enter', at, triggerId: 't', profile: { attributes: {} }, history: [] },
    };
    const handle = await h.client.workflow.start(JOURNEY_WORKFLOW, { workflowId: workflowIdFor(p.journey.id, 'v-1', 1), taskQueue: h.taskQueue, args: [input] });
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(String((err as WorkflowFailedError).cause?.message)).toContain(`workflow input has version ${WORKFLOW_INPUT_VERSION + 1}, newer than this worker reads (${WORKFLOW_INPUT_VERSION})`);
    expect(await sent('v-1')).toEqual([]);
  }, 60_000);
});
