/**
 * A worker killed (SIGKILL) mid-journey, on the real Temporal dev server: a second worker takes
 * over, nobody is skipped and nothing is recorded twice. Workers are the real `npm run worker`
 * entry (engine/src/worker/main.ts) in their own processes, delivering through the signed
 * webhook provider to a receiver here that sees every delivery with its idempotency key.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { verify } from '@cairn/engine/runtime';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestDb, type TestDb } from './support/db.js';
import { addCustomer, enrol, journeyOf, publish } from './support/fixtures.js';
import { repoRoot, startDevServer, type RunningServer } from './support/tools.js';
import { webhookServer } from './support/webhook-server.js';

const CUSTOMERS = 30;
const taskQueue = 'restart-test';
let pg: TestDb;
let server: RunningServer;
let client: Client;
let hook: Awaited<ReturnType<typeof webhookServer>>;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  [pg, server, hook] = await Promise.all([startTestDb(), startDevServer(), webhookServer(() => 200)]);
  client = new Client({ connection: await Connection.connect({ address: server.address }) });
}, 20 * 60_000); // a first run builds the Temporal CLI (minutes); CI should run scripts/tools first

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await client?.connection.close();
  await hook?.close();
  await server?.stop();
  await pg?.stop();
});

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'engine/src/worker/main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DELIVERY_WEBHOOK_URL: `${hook.url}/deliver`,
      WEBHOOK_SECRET: 'restart-secret',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', () => {});
  child.stdout?.on('data', () => {});
  workers.push(child);
  return child;
}

it('a worker killed mid-journey: no recorded duplicate, no lost send', async () => {
  const p = await publish(pg.db, journeyOf('restart', [
    { id: 't', type: 'trigger.manual' },
    { id: 'wait', type: 'wait.delay', duration: { amount: 1, unit: 'minutes' } },
    { id: 'email1', type: 'action.email', subject: 'One', body: '{{ customer.id }}' },
    { id: 'email2', type: 'action.email', subject: 'Two', body: '{{ customer.id }}' },
    { id: 'done', type: 'exit' },
  ], [['t', 'wait'], ['wait', 'email1'], ['email1', 'email2'], ['email2', 'done']]));
  const ids = Array.from({ length: CUSTOMERS }, (_, i) => `r-${i}`);
  for (const id of ids) await addCustomer(pg.db, { id });

  const first = startWorkerProcess();
  // Entered 58 s ago: each customer's 1-minute wait ends about 2 s from now (deadlines are absolute).
  const at = Date.now() - 58_000;
  await Promise.all(ids.map((id) => enrol(client, p, { id }, { taskQueue, at, options: { effectTimeoutMs: 5_000 } })));

  // Kill the first worker while sends are under way.
  const deadline = Date.now() + 120_000;
  while (hook.received.length < CUSTOMERS / 2) {
    if (Date.now() > deadline) throw new Error(`only ${hook.received.length} deliveries before the kill`);
    await new Promise((r) => setTimeout(r, 20));
  }
  first.kill('SIGKILL');
  const atKill = hook.received.length;
  startWorkerProcess();

  while ((await pg.db.enrolment.count({ where: { journeyId: 'restart', status: 'completed' } })) < CUSTOMERS) {
    if (Date.now() > deadline + 60_000) throw new Error('the second worker did not finish the journey');
    await new Promise((r) => setTimeout(r, 200));
  }

  const messages = await pg.db.message.findMany({ where: { journeyId: 'restart' } });
  expect(messages).toHaveLength(2 * CUSTOMERS);
  expect(messages.every((m) => m.status === 'sent')).toBe(true);
  const expected = ids.flatMap((id) => ['email1', 'email2'].map((n) => `journey:restart:customer:${id}:entry:1:${n}:1`)).sort();
  expect(messages.map((m) => m.idempotencyKey).sort()).toEqual(expected);

  // Every send reached the receiver, signed; a repeat can only be a send whose outcome the killed
  // worker had not recorded yet, and it carries the same key (receivers drop it).
  const keys = hook.received.map((r) => String(r.headers['x-cairn-idempotency-key']));
  expect([...new Set(keys)].sort()).toEqual(expected);
  expect(hook.received.every((r) => verify(r.body, 'restart-secret', r.headers['x-cairn-signature'] as string))).toBe(true);
  const repeats = keys.length - new Set(keys).size;
  console.log(`restart: ${atKill} deliveries before the kill, ${keys.length} in all, ${repeats} repeated key(s) (at most the sends in flight at the kill)`);
  expect(repeats).toBeLessThanOrEqual(CUSTOMERS);
}, 300_000);
