import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, EmbeddedPostgresHandle } from './index.js';
import { createDb, migrate, startEmbeddedPostgres } from './index.js';

let dir: string;
let pg: EmbeddedPostgresHandle;
let db: Db;
let startMs: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cairn-db-'));
  const t0 = performance.now();
  pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() });
  startMs = performance.now() - t0;
  await migrate(pg.url);
  db = createDb(pg.url);
}, 60_000);

afterAll(async () => {
  await db?.$disconnect();
  await pg?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('@cairn/db on embedded PostgreSQL', () => {
  // Its speed is reported, not asserted: a shared, loaded machine made a time limit flaky
  // (15.2 s once under load); `npm start` prints each start-up step's time instead.
  it('initialises and starts a fresh cluster that answers queries', async () => {
    console.log(`embedded PostgreSQL initialise + start: ${Math.round(startMs)} ms`);
    const [row] = await db.$queryRaw<Array<{ version: string }>>`SELECT version()`;
    expect(row?.version).toMatch(/^PostgreSQL 1[6-9]/);
  });

  it('migrates idempotently (a second deploy applies nothing and keeps data)', async () => {
    await db.writeKey.create({ data: { key: 'k1', name: 'test' } });
    await migrate(pg.url);
    expect(await db.writeKey.count()).toBe(1);
  }, 60_000);

  it('refuses a second event with the same messageId', async () => {
    await db.customer.create({ data: { id: 'c1', attributes: { plan: 'pro' } } });
    const ev = { messageId: 'm-1', customerId: 'c1', type: 'track', name: 'Signed Up', timestamp: new Date() };
    await db.event.create({ data: ev });
    await expect(db.event.create({ data: ev })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('refuses a second message with the same idempotency key', async () => {
    const m = { idempotencyKey: 'wf-1:n1', customerId: 'c1', channel: 'email' };
    await db.message.create({ data: m });
    await expect(db.message.create({ data: m })).rejects.toMatchObject({ code: 'P2002' });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
