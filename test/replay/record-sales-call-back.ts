/**
 * Records the history of a journey waiting on a sales task whose rep records "call back at"
 * (behind patched('cairn-sales-call-back')): the wait's deadline moves to the agreed time plus
 * the step's grace, and with no outcome by then the task is escalated and the run takes timeout.
 * Written beside the other histories, which it leaves alone; replay.test.ts replays them all.
 *
 *   npx tsx replay/record-sales-call-back.ts   (in test/)
 *
 * Re-record only under the same rule as record.ts.
 *
 * `RECORD_INPUT_VERSION=2` enrols with that input version (asking no settled patch,
 * engine/src/workflow/patches.ts) and writes the files with `--input-v2` after their names.
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
const v = process.env.RECORD_INPUT_VERSION ? Number(process.env.RECORD_INPUT_VERSION) : undefined;
const suffix = v !== undefined ? `--input-v${v}` : '';

const id = 'replay-sales-call-back';
const DAY = 86_400_000;
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
  await addCustomer(h.db, { id: 'later', email: 'later@example.test', attributes: { firstName: 'later' } });
  const handle = await enrol(h.client, p, { id: 'later' }, { taskQueue: h.taskQueue, ...(v !== undefined ? { v } : {}) });
  await until(() => statusOf(handle), (s) => s.status === 'waiting' && s.idle);
  const task = await h.db.salesTask.findFirstOrThrow({ where: { customerId: 'later' } });
  const callBackAt = (await h.ts.env.currentTimeMs()) + 5 * 3_600_000;
  await handle.signal('salesTaskOutcome', { taskId: task.id, outcome: 'call_back', callBackAt });
  const moved = await until(() => statusOf(handle), (s) => s.status === 'waiting' && s.idle && s.deadline === callBackAt + DAY);
  await skipToEnd(h, handle, 60_000);
  await writeFile(path.join(out, `sales-task--call-back${suffix}.history.pb`), History.encode(await handle.fetchHistory()).finish());
  const after = await h.db.salesTask.findUniqueOrThrow({ where: { id: task.id } });
  const late = (after.escalatedAt?.getTime() ?? 0) >= callBackAt + DAY;
  console.log(`recorded sales-task--call-back${suffix}: deadline moved to ${new Date(moved.deadline ?? 0).toISOString()}, escalated at ${after.escalatedAt?.toISOString()} (${late ? 'after' : 'BEFORE'} the moved deadline)`);
  if (!late) process.exitCode = 1;
} finally {
  await h.teardown();
}
process.exit(process.exitCode ?? 0);
