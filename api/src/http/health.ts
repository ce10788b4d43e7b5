/** GET /healthz: the database and Temporal, each with ok and a detail; 503 when either is down. */
import type { Db } from '@cairn/db';
import type { JourneyRunner, ServiceHealth } from '../enrol/runner.js';

export interface Health {
  ok: boolean;
  database: ServiceHealth;
  temporal: ServiceHealth;
}

export async function checkHealth(db: Db, runner: JourneyRunner): Promise<Health> {
  const [database, temporal] = await Promise.all([databaseHealth(db), runner.health()]);
  return { ok: database.ok && temporal.ok, database, temporal };
}

async function databaseHealth(db: Db): Promise<ServiceHealth> {
  try {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2000).unref());
    const rows = await Promise.race([db.$queryRaw<Array<{ v: string }>>`SELECT current_setting('server_version') AS v`, timeout]);
    return { ok: true, detail: `PostgreSQL ${rows[0]?.v ?? ''}`.trim() };
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  }
}
