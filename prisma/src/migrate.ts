/**
 * Applies the committed migrations (prisma/migrations) with `prisma migrate deploy`, the same
 * command an operator runs against a production database.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const workspace = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function migrate(url: string): Promise<void> {
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
