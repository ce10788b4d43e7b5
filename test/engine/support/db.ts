/** A migrated embedded PostgreSQL for one test file (or benchmark run), removed afterwards. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb, migrate, startEmbeddedPostgres, type Db } from '@cairn/db';
import { freePort } from './tools.js';

export interface TestDb {
  db: Db;
  url: string;
  stop(): Promise<void>;
}

export async function startTestDb(opts: { poolSize?: number } = {}): Promise<TestDb> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cairn-engine-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() });
  await migrate(pg.url);
  const db = createDb(pg.url, { max: opts.poolSize ?? 10 });
  return {
    db,
    url: pg.url,
    stop: async () => {
      await db.$disconnect();
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
