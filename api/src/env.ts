/**
 * Settings of the API and `npm start`, parsed once at start-up. A bad value stops the process with
 * a message naming the setting. Everything is optional: with nothing set, `npm start` runs on
 * embedded PostgreSQL and a local Temporal dev server.
 */
import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '@cairn/engine/workflow';

const flag = z.enum(['', '0', '1', 'true', 'false']).default('').transform((v) => v === '1' || v === 'true');
const port = (name: string, dflt: number) =>
  z.coerce.number({ error: `${name} must be a port number` }).int().min(0, `${name} must be a port number`).max(65535, `${name} must be a port number`).default(dflt);

export const ApiEnv = z.object({
  PORT: port('PORT', 3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** External PostgreSQL. Unset: an embedded PostgreSQL under CAIRN_DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL').optional(),
  /** Port of the embedded PostgreSQL (only without DATABASE_URL). */
  CAIRN_PG_PORT: port('CAIRN_PG_PORT', 54320),
  /** External Temporal (host:port, or Temporal Cloud's address). Unset: a local dev server. */
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'TEMPORAL_ADDRESS must look like host:7233').optional(),
  /** Port of the local dev server (only without TEMPORAL_ADDRESS). */
  CAIRN_TEMPORAL_PORT: port('CAIRN_TEMPORAL_PORT', 7233),
  /** Serve the Temporal Web UI of the local dev server on CAIRN_TEMPORAL_PORT + 1000 (default on; 0 to turn off). */
  CAIRN_TEMPORAL_UI: z.enum(['', '0', '1', 'true', 'false']).default('1').transform((v) => v !== '0' && v !== 'false'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  TEMPORAL_TLS: z.enum(['', '0', '1', 'true', 'false']).default(''),
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  /** Run the worker inside `npm start` (default) or only elsewhere (`npm run worker`). */
  CAIRN_WORKER: z.enum(['embedded', 'off']).default('embedded'),
  /** Log level of the embedded worker (Temporal SDK). */
  CAIRN_LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('WARN'),
  /** Where embedded PostgreSQL and the dev server keep data (default: .data at the repository root). */
  CAIRN_DATA_DIR: z.string().min(1).optional(),
  /** A fixed development write key (default: one generated on first start and kept in the database). */
  CAIRN_WRITE_KEY: z.string().min(8, 'CAIRN_WRITE_KEY must have at least 8 characters').optional(),
  /** Built editor to serve at / (default editor/dist when it exists). */
  CAIRN_EDITOR_DIR: z.string().optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must be an smtp:// or smtps:// URL').optional(),
  SMTP_FROM: z.string().optional(),
  DELIVERY_WEBHOOK_URL: z.url({ error: 'DELIVERY_WEBHOOK_URL must be a URL' }).optional(),
  WEBHOOK_SECRET: z.string().optional(),
  /** Public URL of this API, used in the unsubscribe links of messages (default http://localhost:PORT). */
  CAIRN_PUBLIC_URL: z.url({ error: 'CAIRN_PUBLIC_URL must be a URL like https://cairn.example.com' }).optional(),
  /** Signs unsubscribe links (comma-separated, newest first, to rotate). Default: one generated and kept in the database. */
  /** The first admin, created on the first start when the workspace has no users (default admin@localhost). */
  CAIRN_ADMIN_EMAIL: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'CAIRN_ADMIN_EMAIL must be an email address').optional(),
  /** Its password (default: generated and printed once). With CAIRN_ADMIN_RESET=1, the new password of CAIRN_ADMIN_EMAIL. */
  CAIRN_ADMIN_PASSWORD: z.string().optional(),
  /** Sets CAIRN_ADMIN_PASSWORD on CAIRN_ADMIN_EMAIL's account at start (a lost admin password) and ends its sessions. */
  CAIRN_ADMIN_RESET: flag,
  /** Session cookies carry Secure (default). Set 0 only to sign in over plain HTTP on a host other than localhost. */
  CAIRN_COOKIE_SECURE: z.enum(['', '0', '1', 'true', 'false']).default('').transform((v) => v !== '0' && v !== 'false'),
  UNSUBSCRIBE_SECRET: z.string().min(16, 'UNSUBSCRIBE_SECRET must have at least 16 characters').optional(),
});
export type ApiEnv = z.infer<typeof ApiEnv>;

export class SettingsError extends Error {}

/** Parses the environment; throws a SettingsError listing every bad setting by name. */
export function parseApiEnv(env: NodeJS.ProcessEnv): ApiEnv {
  // Empty strings mean "unset", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const r = ApiEnv.safeParse(cleaned);
  const lines = r.success ? [] : r.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  if (Boolean(cleaned.TEMPORAL_TLS_CERT) !== Boolean(cleaned.TEMPORAL_TLS_KEY)) {
    const missing = cleaned.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT';
    lines.push(`  ${missing}: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together`);
  }
  if (cleaned.CAIRN_ADMIN_RESET && ['1', 'true'].includes(cleaned.CAIRN_ADMIN_RESET) && !cleaned.CAIRN_ADMIN_PASSWORD) {
    lines.push('  CAIRN_ADMIN_RESET: needs CAIRN_ADMIN_PASSWORD, the new password');
  }
  if (r.success && lines.length === 0) return r.data;
  throw new SettingsError(`Cairn settings are not valid:\n${lines.join('\n')}`);
}
