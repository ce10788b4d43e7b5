/**
 * Records the history of a journey whose built-in non-message actions (tag, update attribute,
 * webhook, assign rep) run through the actions contract: the one `runAction` activity, behind
 * patched('cairn-actions-contract'). Written beside the other histories, which it leaves alone;
 * replay.test.ts replays them all (and checks this one took the new path).
 *
 *   npx tsx replay/record-actions.ts   (in test/)
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
import { harness, skipToEnd } from '../engine/support/harness.js';
import { webhookServer } from '../engine/support/webhook-server.js';

const { History } = proto.temporal.api.history.v1;
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'histories');
Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
const v = process.env.RECORD_INPUT_VERSION ? Number(process.env.RECORD_INPUT_VERSION) : undefined;
const suffix = v !== undefined ? `--input-v${v}` : '';

const id = 'replay-actions-contract';
const [h, hook] = await Promise.all([harness(), webhookServer()]);
try {
  const journey = journeyOf(
    id,
    [
      { id: 'start', type: 'trigger.manual' },
      { id: 'tag', type: 'action.tag', tag: 'onboarded' },
      { id: 'wait', type: 'wait.delay', duration: { amount: 1, unit: 'days' } },
      { id: 'stage', type: 'action.updateAttribute', attribute: 'stage', value: 'customer' },
      { id: 'hook', type: 'action.webhook', url: `${hook.url}/hooks/cairn`, body: '{"customer":"{{ customer.id }}"}' },
      { id: 'rep', type: 'action.assignRep', team: 'sales', taskTitle: 'Call {{ customer.firstName }}' },
      { id: 'done', type: 'exit' },
      { id: 'failed', type: 'exit', reason: 'webhook-failed' },
    ],
    [['start', 'tag'], ['tag', 'wait'], ['wait', 'stage'], ['stage', 'hook'], ['hook', 'rep', 'success'], ['hook', 'failed', 'failure'], ['rep', 'done']],
  );
  const p = await publish(h.db, journey);
  const customer = 'lan';
  await addCustomer(h.db, { id: customer, email: `${customer}@example.test`, attributes: { firstName: 'Lan' } });
  const handle = await enrol(h.client, p, { id: customer }, { taskQueue: h.taskQueue, ...(v !== undefined ? { v } : {}) });
  const result = await skipToEnd(h, handle, 60_000);
  const history = await handle.fetchHistory();
  const name = `actions-contract--all${suffix}`;
  await writeFile(path.join(out, `${name}.history.pb`), History.encode(history).finish());
  const scheduled = (history.events ?? []).flatMap((e) => (e.activityTaskScheduledEventAttributes?.activityType?.name ? [e.activityTaskScheduledEventAttributes.activityType.name] : []));
  console.log(`recorded ${name}: ${JSON.stringify(result)}; activities: ${scheduled.join(', ')}; webhook calls: ${hook.received.length}`);
  const row = await h.db.customer.findUniqueOrThrow({ where: { id: customer } });
  console.log(`attributes: ${JSON.stringify(row.attributes)}`);
} finally {
  await hook.close();
  await h.teardown();
}
process.exit(0);
