/**
 * Settings from the environment, parsed once per process at start-up and passed down: nothing
 * below a launcher (`npm start`, `npm run worker`) reads `process.env`. `CommonEnv` holds what
 * every Cairn process reads (Temporal, delivery, unsubscribe links, custom actions); the worker's
 * settings add to it here, the API's in api/src/env.ts. A bad value stops start-up with a
 * `SettingsError` naming every bad setting.
 */
import { z } from 'zod';
import { providerEnvShape } from '../providers/env.js';
import { DEFAULT_TASK_QUEUE } from '../workflow/api.js';

/** "", "0", "1", "true" or "false". */
export const flagText = z.enum(['', '0', '1', 'true', 'false']);

/** A port setting, default `dflt`, whose error names it. */
export const portSetting = (name: string, dflt: number) =>
  z.coerce.number({ error: `${name} must be a port number` }).int().min(0, `${name} must be a port number`).max(65535, `${name} must be a port number`).default(dflt);

/** The settings every Cairn process shares. */
export const CommonEnv = z.object({
  /** The API's port; also the port of the default public URL (unsubscribe links) the worker signs. */
  PORT: portSetting('PORT', 3000),
  /** PostgreSQL. The API starts an embedded one without it; the worker needs it. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL').optional(),
  /** Temporal (host:port, or Temporal Cloud's address). */
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'TEMPORAL_ADDRESS must look like host:7233').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  /** "1"/"true" for TLS with system roots (Temporal Cloud with an API key). */
  TEMPORAL_TLS: flagText.default(''),
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  /** Public URL of the API, the base of unsubscribe links (default http://localhost:PORT). */
  CAIRN_PUBLIC_URL: z.url({ error: 'CAIRN_PUBLIC_URL must be a URL like https://cairn.example.com' }).optional(),
  /** Signs unsubscribe links (comma-separated, newest first, to rotate). Default: one generated and kept in the database. */
  UNSUBSCRIBE_SECRET: z.string().min(16, 'UNSUBSCRIBE_SECRET must have at least 16 characters').optional(),
  /** A module of custom actions outside the repository (see plugins/app-actions.node.ts). */
  CAIRN_ACTIONS: z.string().min(1).optional(),
  // The channel providers' variables (SMTP_URL, DELIVERY_WEBHOOK_URL, WEBHOOK_SECRET (also signs the
  // webhook actions), TWILIO_*…), each optional:
  // declared by the providers themselves (engine/src/providers/builtin).
  ...providerEnvShape(),
});
export type CommonEnv = z.infer<typeof CommonEnv>;

/** What `parseSettings` adds to a schema's output. */
export interface ParsedSecrets {
  /** Custom actions' secrets by upper-case name: `CAIRN_SECRET_<NAME>` variables, read at start-up. */
  actionSecrets: Readonly<Record<string, string>>;
}

/** A worker setting that is missing or malformed, named with its variable. */
export class SettingsError extends Error {}

const SECRET_PREFIX = 'CAIRN_SECRET_';

/**
 * Parses `env` with `schema` (CommonEnv or an extension of it). Empty strings mean "unset", as in
 * most .env files. `checks` adds cross-setting problems, each "NAME: message". Throws a
 * SettingsError listing every bad setting by name.
 */
export function parseSettings<S extends z.ZodType<CommonEnv>>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
  title: string,
  checks: (cleaned: Record<string, string>) => string[] = () => [],
): z.infer<S> & ParsedSecrets {
  const cleaned = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
  const r = schema.safeParse(cleaned);
  const lines = r.success ? [] : r.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  if (Boolean(cleaned.TEMPORAL_TLS_CERT) !== Boolean(cleaned.TEMPORAL_TLS_KEY)) {
    const missing = cleaned.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT';
    lines.push(`  ${missing}: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together`);
  }
  lines.push(...checks(cleaned).map((l) => `  ${l}`));
  if (!r.success || lines.length > 0) throw new SettingsError(`${title} are not valid:\n${lines.join('\n')}`);
  const actionSecrets = Object.fromEntries(
    Object.entries(cleaned).flatMap(([k, v]) => (k.startsWith(SECRET_PREFIX) && k.length > SECRET_PREFIX.length ? [[k.slice(SECRET_PREFIX.length), v]] : [])),
  );
  return { ...(r.data as z.infer<S>), actionSecrets };
}

/** A custom action's secret by name (`ctx.secret('crm')` reads CAIRN_SECRET_CRM), from parsed settings. */
export function actionSecretOf(settings: ParsedSecrets): (name: string) => string | undefined {
  return (name) => settings.actionSecrets[name.toUpperCase()];
}

const WorkerEnvSchema = CommonEnv.extend({
  DATABASE_URL: z
    .string({ error: 'is required: the PostgreSQL URL of the Cairn database' })
    .min(1, 'is required: the PostgreSQL URL of the Cairn database')
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL'),
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'TEMPORAL_ADDRESS must look like host:7233').default('localhost:7233'),
  /** Database connections of this worker, and how many activities it runs at once (keep it near the pool). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  WORKER_ACTIVITY_CONCURRENCY: z.coerce.number().int().min(1).max(2000).default(20),
});
/** The worker's settings, parsed once at start from the environment. */
export type WorkerEnv = z.infer<typeof WorkerEnvSchema> & ParsedSecrets;

/** The worker's settings (`npm run worker`): the common ones, a database, and its limits. */
export function parseWorkerEnv(env: Readonly<Record<string, string | undefined>>): WorkerEnv {
  return parseSettings(WorkerEnvSchema, env, 'worker settings');
}

/** TLS options for a Temporal connection: a client certificate pair (mTLS), or plain TLS when asked. */
export async function tlsOf(env: Pick<CommonEnv, 'TEMPORAL_TLS' | 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_API_KEY'>): Promise<{ clientCertPair: { crt: Buffer; key: Buffer } } | boolean> {
  if (env.TEMPORAL_TLS_CERT && env.TEMPORAL_TLS_KEY) {
    const { readFile } = await import('node:fs/promises');
    return { clientCertPair: { crt: await readFile(env.TEMPORAL_TLS_CERT), key: await readFile(env.TEMPORAL_TLS_KEY) } };
  }
  return env.TEMPORAL_TLS === '1' || env.TEMPORAL_TLS === 'true' || Boolean(env.TEMPORAL_API_KEY);
}
