/**
 * Applies the committed migrations (prisma/migrations) with `prisma migrate deploy`, the same
 * command an operator runs against a production database.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const workspace = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function migrate(url: string): Promise<void> {
  // Fast path for a restart: every committed migration already applied (the CLI takes seconds).
  if (await allApplied(url)) return;
  const cli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  const preload = path.join(workspace, 'src', 'unref-long-timers.cjs');
  try {
    await run(process.execPath, ['-r', preload, cli, 'migrate', 'deploy', '--config', path.join(workspace, 'prisma.config.ts')], {
      cwd: workspace,
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
      timeout: 120_000,
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`database migration failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}

async function allApplied(url: string): Promise<boolean> {
  const dirs = (await readdir(path.join(workspace, 'migrations'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const res = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Set(res.rows.map((r) => r.migration_name));
    return dirs.every((d) => applied.has(d));
  } catch {
    return false; // no migrations table yet, or no connection: let the CLI say what is wrong
  } finally {
    await client.end().catch(() => undefined);
  }
}
