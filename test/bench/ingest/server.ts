/**
 * The servers the ingest benchmark calls from outside, each in its own process so the load
 * generator does not share their event loop:
 * - `cairn`: the real stack as `npm start` runs it (startCairn: migrations, the worker in-process,
 *   the API), on the PostgreSQL and Temporal dev server the benchmark started;
 * - `baseline`: a bare node:http server that does only what the ingest cannot avoid (parse the
 *   JSON, one INSERT ... ON CONFLICT DO NOTHING per call, multi-row for a batch, then answer).
 * Prints one JSON line `{ "url": …, "writeKey": … }` when it listens; stops on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseApiEnv, startCairn } from '@cairn/api';
import { DefaultLogger, Runtime } from '@temporalio/worker';

export const BENCH_ADMIN = { email: 'bench@cairn.test', password: 'tea garden by the river' };
export const BASELINE_KEY = 'wk_baseline';

async function cairn(): Promise<{ url: string; writeKey: string; stop: () => Promise<void> }> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cairn-bench-ingest-'));
  const env = parseApiEnv({
    PORT: '0',
    DATABASE_URL: process.env.DATABASE_URL,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    CAIRN_DATA_DIR: dir,
    CAIRN_TEMPORAL_UI: '0',
    CAIRN_EDITOR_DIR: path.join(dir, 'no-editor'),
    TEMPORAL_TASK_QUEUE: process.env.TEMPORAL_TASK_QUEUE ?? 'bench-ingest',
    CAIRN_ADMIN_EMAIL: BENCH_ADMIN.email,
    CAIRN_ADMIN_PASSWORD: BENCH_ADMIN.password,
  });
  const c = await startCairn(env, () => {});
  return { url: c.url, writeKey: c.writeKey, stop: c.stop };
}

async function baseline(): Promise<{ url: string; writeKey: string; stop: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  pool.on('error', () => {}); // a connection ended by the server at shutdown
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_event (
    message_id text PRIMARY KEY, customer_id text NOT NULL, name text NOT NULL, properties jsonb NOT NULL, ts timestamptz NOT NULL)`);
  const auth = `Basic ${Buffer.from(`${BASELINE_KEY}:`).toString('base64')}`;
  type Call = { userId: string; event: string; messageId: string; properties?: unknown; timestamp?: string };
  const insert = (calls: Call[]) =>
    pool.query(
      `INSERT INTO bench_event (message_id, customer_id, name, properties, ts)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[]) ON CONFLICT DO NOTHING`,
      [
        calls.map((c) => c.messageId),
        calls.map((c) => String(c.userId)),
        calls.map((c) => c.event),
        calls.map((c) => JSON.stringify(c.properties ?? {})),
        calls.map((c) => c.timestamp ?? new Date().toISOString()),
      ],
    );
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== auth) return answer(401, { success: false });
      let body: { batch?: Call[] } & Call;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400, { success: false });
      }
      const calls = req.url === '/v1/batch' ? (body.batch ?? []) : [body];
      insert(calls).then(
        (r) => answer(200, { success: true, stored: r.rowCount }),
        (err: Error) => answer(500, { success: false, error: err.message }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    writeKey: BASELINE_KEY,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await pool.end();
    },
  };
}

async function main() {
  const mode = process.argv[2];
  const s = mode === 'baseline' ? await baseline() : await cairn();
  process.stdout.write(`${JSON.stringify({ url: s.url, writeKey: s.writeKey })}\n`);
  const stop = () => void s.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
