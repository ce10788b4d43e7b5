/**
 * Records broadcast workflow histories for the replay test (`npx tsx replay/record-broadcasts.ts`
 * in test/): on the real stack, three broadcasts that take every path the workflow has:
 * - `broadcast--paused`: rules audience over several pages, paused, resumed, done;
 * - `broadcast--cancelled`: scheduled an hour ahead, cancelled while it waits;
 * - `broadcast--local`: the same local time in three time zones (one pass per zone; the time has
 *   passed in each, so they are sent at once), done.
 * Writes test/replay/histories/broadcast--*.history.pb; the journey recordings are untouched.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import proto from '@temporalio/proto';
import { Client, Connection } from '@temporalio/client';
import { broadcastWorkflowId } from '@cairn/engine/workflow';
import { eventually, startStack } from '../api/support/stack.js';

const { History } = proto.temporal.api.history.v1;
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'histories');
const email = { type: 'action.email', subject: 'Hello {{ customer.firstName }}', body: 'News.', topic: 'promotions' };

const s = await startStack();
const connection = await Connection.connect({ address: s.temporalAddress });
const client = new Client({ connection });
try {
  const zones = ['Europe/Paris', 'America/New_York', null];
  await s.db.customer.createMany({
    data: Array.from({ length: 45 }, (_, i) => ({ id: `r-${String(i).padStart(2, '0')}`, email: `r${i}@example.test`, timeZone: zones[i % 3], attributes: { firstName: `R${i}`, group: i % 2 ? 'odd' : 'even' } })),
  });
  const get = (id: string) => s.caller.broadcasts.get({ id });

  const paused = await s.caller.broadcasts.create({ name: 'paused', message: email, audience: { kind: 'rules', group: { op: 'and', rules: [{ kind: 'attribute', attribute: 'group', operator: 'eq', value: 'even' }] } }, ratePerSecond: 2 });
  await s.caller.broadcasts.send({ id: paused.id });
  await eventually(() => get(paused.id), (b) => b.results.sent >= 1);
  await s.caller.broadcasts.pause({ id: paused.id });
  await eventually(() => get(paused.id), (b) => b.status === 'paused', 30_000);
  await s.caller.broadcasts.resume({ id: paused.id });
  await eventually(() => get(paused.id), (b) => b.status === 'done', 60_000);

  const cancelled = await s.caller.broadcasts.create({ name: 'cancelled', message: email, audience: { kind: 'all' }, timing: { mode: 'at', at: Date.now() + 3_600_000 } });
  await s.caller.broadcasts.send({ id: cancelled.id });
  await eventually(() => get(cancelled.id), (b) => b.status === 'scheduled');
  await s.caller.broadcasts.cancel({ id: cancelled.id });
  await eventually(() => get(cancelled.id), (b) => b.status === 'cancelled');

  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const local = await s.caller.broadcasts.create({ name: 'local', message: email, audience: { kind: 'all' }, timing: { mode: 'local', date: yesterday, time: '09:00', timeZone: 'Asia/Tokyo' }, ratePerSecond: 100 });
  await s.caller.broadcasts.send({ id: local.id });
  await eventually(() => get(local.id), (b) => b.status === 'done', 60_000);

  for (const [name, id] of [['paused', paused.id], ['cancelled', cancelled.id], ['local', local.id]] as const) {
    const history = await client.workflow.getHandle(broadcastWorkflowId(id)).fetchHistory();
    const file = `broadcast--${name}.history.pb`;
    await writeFile(path.join(out, file), History.encode(history).finish());
    console.log(`${file} (${history.events?.length ?? 0} events)`);
  }
} finally {
  await connection.close();
  await s.stop();
}
