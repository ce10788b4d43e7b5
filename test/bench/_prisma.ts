import { performance } from 'node:perf_hooks';
import { startTestDb } from '../engine/support/db.js';
const pg = await startTestDb();
const db = pg.db;
await db.customer.createMany({ data: Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, email: `c${i}@x.test`, attributes: {} })) });
const N = 3000;
async function measure(name: string, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 300; i++) await fn(i);
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < N; i++) await fn(i);
  const c = process.cpuUsage(c0); const t = performance.now() - t0;
  console.log(name.padEnd(34), 'wall µs/op', ((t * 1000) / N).toFixed(0), ' node cpu µs/op', ((c.user + c.system) / N).toFixed(0));
}
await measure('customer.findUnique (model)', (i) => db.customer.findUnique({ where: { id: `c${i % 100}` }, select: { timeZone: true } }));
await measure('$queryRaw same', (i) => db.$queryRaw`SELECT "timeZone" FROM "Customer" WHERE id = ${`c${i % 100}`}`);
await measure('message.findUnique by key (model)', (i) => db.message.findUnique({ where: { idempotencyKey: `k${i}` } }));
await measure('$transaction 3 model reads', (i) => db.$transaction(async (tx) => { await tx.customer.findUnique({ where: { id: `c${i % 100}` } }); await tx.message.findUnique({ where: { idempotencyKey: `k${i}` } }); await tx.workspaceSetting.findUnique({ where: { key: 'x' } }); }));
await measure('$transaction 3 raw reads', (i) => db.$transaction(async (tx) => { await tx.$queryRaw`SELECT * FROM "Customer" WHERE id = ${`c${i % 100}`}`; await tx.$queryRaw`SELECT * FROM "Message" WHERE "idempotencyKey" = ${`k${i}`}`; await tx.$queryRaw`SELECT * FROM "WorkspaceSetting" WHERE key = 'x'`; }));
await pg.stop();
