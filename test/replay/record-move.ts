/**
 * Records the histories of a customer moved to a newer version (publish with "move waiting
 * customers", README "Moving waiting customers to a new version"): the run that receives the
 * `moveVersion` signal at its wait and continues as new (behind patched('cairn-move-version')),
 * and the run that goes on in version 2 to the end. Written beside the template histories, which
 * it leaves alone; replay.test.ts replays them all.
 *
 *   npx tsx replay/record-move.ts   (in test/)
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
import { parseJourney } from '@cairn/core';
import { addCustomer, enrol, journeyOf, publish } from '../engine/support/fixtures.js';
import { harness, skipToEnd, statusOf, until } from '../engine/support/harness.js';

const { History } = proto.temporal.api.history.v1;
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'histories');
Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
const v = process.env.RECORD_INPUT_VERSION ? Number(process.env.RECORD_INPUT_VERSION) : undefined;
const suffix = v !== undefined ? `--input-v${v}` : '';

const id = 'replay-version-move';
const v1 = journeyOf(
  id,
  [
    { id: 'start', type: 'trigger.manual' },
    { id: 'wait', type: 'wait.delay', duration: { amount: 1, unit: 'days' } },
    { id: 'mail', type: 'action.email', subject: 'Version 1', body: 'Hello from v1' },
    { id: 'done', type: 'exit' },
  ],
  [['start', 'wait'], ['wait', 'mail'], ['mail', 'done']],
);
// Version 2: the wait is longer (the moved customer keeps their deadline) and an SMS follows it.
const v2 = journeyOf(
  id,
  [
    { id: 'start', type: 'trigger.manual' },
    { id: 'wait', type: 'wait.delay', duration: { amount: 2, unit: 'days' } },
    { id: 'text', type: 'action.sms', body: 'Hello from v2' },
    { id: 'done', type: 'exit' },
  ],
  [['start', 'wait'], ['wait', 'text'], ['text', 'done']],
);

const h = await harness();
try {
  const p = await publish(h.db, v1);
  const parsed = parseJourney(v2);
  if (!parsed.ok) throw new Error('version 2 is not valid');
  const row = await h.db.journeyVersion.create({ data: { journeyId: id, version: 2, definition: parsed.journey as unknown as object } });
  await addCustomer(h.db, { id: 'mover' });
  const handle = await enrol(h.client, p, { id: 'mover' }, { taskQueue: h.taskQueue, ...(v !== undefined ? { v } : {}) });
  await until(() => statusOf(handle), (s) => s.status === 'waiting' && s.idle);
  const first = (await handle.describe()).runId;
  await handle.signal('moveVersion', { versionId: row.id, version: 2, journey: parsed.journey, nodeMap: { wait: 'wait' } });
  const latest = h.client.workflow.getHandle(handle.workflowId);
  await until(() => latest.describe(), (d) => d.runId !== first);
  await skipToEnd(h, latest, 60_000);
  const moved = await h.client.workflow.getHandle(handle.workflowId, first).fetchHistory();
  const continued = await latest.fetchHistory();
  for (const [name, history] of [['version-move--moved', moved], ['version-move--continued', continued]] as const) {
    await writeFile(path.join(out, `${name}${suffix}.history.pb`), History.encode(history).finish());
    console.log(`recorded ${name}${suffix} (${history.events?.length ?? 0} events)`);
  }
  const sent = await h.db.message.findMany({ where: { journeyId: id }, select: { channel: true } });
  console.log(`messages: ${sent.map((m) => m.channel).join(', ')}`);
} finally {
  await h.teardown();
}
process.exit(0);
