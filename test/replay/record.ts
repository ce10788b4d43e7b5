/**
 * Records the workflow histories the replay test (replay.test.ts) replays: every gallery template,
 * run on the time-skipping Temporal server with the real workflow and real activities, by two
 * customers each: one who does nothing (every wait times out) and one who does every event the
 * template expects, one after another (goals, wait-for-event branches, exits). The histories
 * are written to test/replay/histories/ (protobuf, as the server stores them) and committed.
 *
 *   npm run record:histories -w @cairn/test
 *
 * Re-record ONLY when a change to the workflow is meant to be incompatible AND no journey runs on
 * the old code anywhere (see "Changing the workflow" in the README); otherwise guard the change
 * with patched() and keep the old histories: they are the proof that waiting customers survive.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import proto from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { instantiateTemplate, formatProblems, library } from '@cairn/templates';
import { addCustomer, enrol, publish, type Published } from '../engine/support/fixtures.js';
import { harness, skipToEnd, statusOf, until, type Harness } from '../engine/support/harness.js';

// The SDK's own protobuf types (a CommonJS module: its namespace comes in as the default export).
const { History } = proto.temporal.api.history.v1;
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'histories');
Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });

const attributes = (id: string) => ({
  firstName: 'Lan', email: `${id}@example.test`, phone: '+84901234567', pushToken: `token-${id}`, zaloId: `zalo-${id}`,
  lifetimeValue: 1500, orders: 2, tier: 'gold', locale: 'vi',
});

async function runOne(h: Harness, p: Published, templateId: string, customer: string, active: boolean): Promise<string> {
  const id = `${templateId}--${customer}`;
  await addCustomer(h.db, { id, attributes: attributes(id) });
  const trigger = p.journey.nodes.find((n) => n.type.startsWith('trigger.'));
  const at = await h.ts.env.currentTimeMs();
  const event = trigger?.type === 'trigger.event' ? { name: trigger.event, at, properties: { cartTotal: 120, orderTotal: 120 } } : undefined;
  const handle: WorkflowHandle = await enrol(h.client, p, { id, attributes: attributes(id) }, { taskQueue: h.taskQueue, ...(event ? { event } : {}) });
  if (active) {
    const template = library.find((t) => t.id === templateId)!;
    const names = template.expects.events.map((e) => e.name).filter((n) => n !== event?.name && n !== 'Unsubscribed');
    for (const name of names) {
      // Each event lands while the customer waits somewhere (or the run has ended).
      await until(() => statusOf(handle).catch(() => undefined), (s) => s === undefined || (s.status !== 'active' && s.idle), 20_000).catch(() => undefined);
      const desc = await handle.describe();
      if (desc.status.name !== 'RUNNING') break;
      await handle.signal('customerEvent', { event: { name, at: await h.ts.env.currentTimeMs(), properties: { orderTotal: 120, cartTotal: 120 } } });
      await h.ts.env.sleep(60_000);
    }
  }
  await skipToEnd(h, handle, 60_000);
  const history = await handle.fetchHistory();
  // The exact protobuf bytes: what the server would hand a worker, nothing lost in a conversion.
  const file = `${id}.history.pb`;
  await writeFile(path.join(out, file), History.encode(history).finish());
  return `${file} (${history.events?.length ?? 0} events)`;
}

const h = await harness();
try {
  await mkdir(out, { recursive: true });
  for (const f of await readdir(out)) if (f.endsWith('.history.pb')) await rm(path.join(out, f));
  for (const template of library) {
    const res = instantiateTemplate(template.id, {}, { journeyId: `replay-${template.id}`, name: template.title });
    if (!res.ok) throw new Error(`${template.id}: ${formatProblems(res.problems)}`);
    const p = await publish(h.db, res.journey);
    for (const [customer, active] of [['quiet', false], ['active', true]] as const) {
      console.log(`recorded ${await runOne(h, p, template.id, customer, active)}`);
    }
  }
} finally {
  await h.teardown();
}
process.exit(0);
