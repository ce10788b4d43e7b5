/**
 * Records the history of a run whose input has version 2 (SETTLED_PATCHES_INPUT_VERSION): it
 * keeps its books locally without asking patched('cairn-local-bookkeeping') (patches.ts), so the
 * history has no patch marker and no TemporalChangeVersion upsert. An email, a one-day wait, an
 * email. Written beside the other histories, which it leaves alone; replay.test.ts replays them
 * all (and checks this one asked no patch while version 1 runs did).
 *
 *   npx tsx replay/record-input-v2.ts   (in test/)
 *
 * Re-record only under the same rule as record.ts.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import proto from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { addCustomer, enrol, journeyOf, publish } from '../engine/support/fixtures.js';
import { harness, skipToEnd } from '../engine/support/harness.js';

const { History } = proto.temporal.api.history.v1;
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'histories');
Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });

const id = 'replay-input-v2';
const h = await harness();
try {
  const journey = journeyOf(id, [
    { id: 'start', type: 'trigger.manual' },
    { id: 'hello', type: 'action.email', subject: 'Hello {{ customer.firstName }}', body: 'Welcome' },
    { id: 'wait', type: 'wait.delay', duration: { amount: 1, unit: 'days' } },
    { id: 'tips', type: 'action.email', subject: 'Tips', body: 'Three tips' },
    { id: 'done', type: 'exit' },
  ], [['start', 'hello'], ['hello', 'wait'], ['wait', 'tips'], ['tips', 'done']]);
  const p = await publish(h.db, journey);
  const customer = 'minh';
  await addCustomer(h.db, { id: customer, email: `${customer}@example.test`, attributes: { firstName: 'Minh' } });
  // Version 2 written as such, not WORKFLOW_INPUT_VERSION: this file records that version's path.
  const handle = await enrol(h.client, p, { id: customer }, { taskQueue: h.taskQueue, v: 2 });
  const result = await skipToEnd(h, handle, 60_000);
  const history = await handle.fetchHistory();
  const name = 'input-v2--wait';
  await writeFile(path.join(out, `${name}.history.pb`), History.encode(history).finish());
  const markers = (history.events ?? []).filter((e) => e.markerRecordedEventAttributes).map((e) => e.markerRecordedEventAttributes?.markerName);
  console.log(`recorded ${name}: ${JSON.stringify(result)}; ${history.events?.length} events; markers: ${markers.join(', ')}`);
} finally {
  await h.teardown();
}
process.exit(0);
