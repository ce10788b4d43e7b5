/** Worker settings from the environment, parsed once; a bad value stops start-up naming the setting. */
import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../workflow/api.js';

const Env = z.object({
  DATABASE_URL: z.string({ error: 'is required: the PostgreSQL URL of the Cairn database' }).min(1, 'is required: the PostgreSQL URL of the Cairn database'),
  TEMPORAL_ADDRESS: z.string().default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default(DEFAULT_TASK_QUEUE),
  /** "1"/"true" for TLS with system roots (Temporal Cloud with an API key). */
  TEMPORAL_TLS: z.enum(['', '0', '1', 'true', 'false']).default(''),
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  /** Database connections of this worker, and how many activities it runs at once (keep it near the pool). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  WORKER_ACTIVITY_CONCURRENCY: z.coerce.number().int().min(1).max(2000).default(20),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().optional(),
  DELIVERY_WEBHOOK_URL: z.url().optional(),
  WEBHOOK_SECRET: z.string().optional(),
});
export type WorkerEnv = z.infer<typeof Env>;

export function parseWorkerEnv(env: NodeJS.ProcessEnv): WorkerEnv {
  const r = Env.safeParse(env);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`worker settings are not valid:\n${lines.join('\n')}`);
}

/** TLS options for NativeConnection: a client certificate pair (mTLS), or plain TLS when asked. */
export async function tlsOf(env: WorkerEnv): Promise<{ clientCertPair: { crt: Buffer; key: Buffer } } | boolean> {
  if (env.TEMPORAL_TLS_CERT && env.TEMPORAL_TLS_KEY) {
    const { readFile } = await import('node:fs/promises');
    return { clientCertPair: { crt: await readFile(env.TEMPORAL_TLS_CERT), key: await readFile(env.TEMPORAL_TLS_KEY) } };
  }
  return env.TEMPORAL_TLS === '1' || env.TEMPORAL_TLS === 'true' || Boolean(env.TEMPORAL_API_KEY);
}
