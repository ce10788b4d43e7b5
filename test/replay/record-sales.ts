/**
 * Records the histories of journeys waiting on a sales task (docs/sales-handoff.md, behind
 * patched('cairn-sales-task')): a run whose rep records "won" (the salesTaskOutcome signal) and
 * a run whose task times out and is escalated. Written beside the template histories, which it
 * leaves alone; replay.test.ts replays them all.
 *
 *   npx tsx replay/record-sales.ts   (in test/)
 *
 * Re-record only under the same rule as record.ts.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import proto from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { addCustomer, enrol, journeyOf, publish } from '../engine/support/fixtures.js';
import { harness, skipToEnd, statusOf, until } from '../engine/support/harness.js';

const { History } = proto.temporal.api.history.v1;
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'histories');
Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });

const id = 'replay-sales-task';
const journey = journeyOf(
  id,
  [
    { id: 'start', type: 'trigger.manual' },
    { id: 'assign', type: 'action.assignRep', taskTitle: 'Call {{ customer.firstName }}', waitForOutcome: true, dueIn: { amount: 1, unit: 'hours' }, timeoutAfter: { amount: 1, unit: 'days' } },
    { id: 'thanks', type: 'action.email', subject: 'Thank you', body: 'Glad we talked' },
    { id: 'done', type: 'exit' },
  ],
  [['start', 'assign'], ['assign', 'thanks', 'won'], ['assign', 'done', 'timeout'], ['thanks', 'done']],
);

const h = await harness();
try {
  const p = await publish(h.db, journey);
  const runs: Array<[string, string]> = [];
  for (const [customer, name] of [['won', 'sales-task--won'], ['late', 'sales-task--timeout']] as const) {
    await addCustomer(h.db, { id: customer, email: `${customer}@example.test`, attributes: { firstName: customer } });
    const handle = await enrol(h.client, p, { id: customer }, { taskQueue: h.taskQueue });
    await until(() => statusOf(handle), (s) => s.status === 'waiting' && s.idle);
    if (customer === 'won') {
      const task = await h.db.salesTask.findFirstOrThrow({ where: { customerId: customer } });
      await handle.signal('salesTaskOutcome', { taskId: task.id, outcome: 'won' });
    }
    await skipToEnd(h, handle, 60_000);
    await writeFile(path.join(out, `${name}.history.pb`), History.encode(await handle.fetchHistory()).finish());
    runs.push([name, handle.workflowId]);
  }
  for (const [name] of runs) console.log(`recorded ${name}`);
  const tasks = await h.db.salesTask.findMany({ where: { journeyId: id }, select: { customerId: true, status: true } });
  console.log(`tasks: ${tasks.map((t) => `${t.customerId}=${t.status}`).join(', ')}`);
  const sent = await h.db.message.findMany({ where: { journeyId: id }, select: { customerId: true } });
  console.log(`messages: ${sent.map((m) => m.customerId).join(', ')}`);
} finally {
  await h.teardown();
}
process.exit(0);
