/**
 * Settings of the API and `npm start`, parsed once at start-up. A bad value stops the process with
 * a message naming the setting. Everything is optional: with nothing set, `npm start` runs on
 * embedded PostgreSQL and a local Temporal dev server.
 */
import { z } from 'zod';
import { CommonEnv, flagText, parseSettings, portSetting, SettingsError, type ParsedSecrets } from '@cairn/engine/runtime';

export { SettingsError };

const flag = flagText.default('').transform((v) => v === '1' || v === 'true');

/** The API's settings: the common ones (engine/src/worker/env.ts) and what only `npm start` and the API read. */
export const ApiEnv = CommonEnv.extend({
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Port of the embedded PostgreSQL (only without DATABASE_URL). */
  CAIRN_PG_PORT: portSetting('CAIRN_PG_PORT', 54320),
  /** Port of the local dev server (only without TEMPORAL_ADDRESS). */
  CAIRN_TEMPORAL_PORT: portSetting('CAIRN_TEMPORAL_PORT', 7233),
  /** Serve the Temporal Web UI of the local dev server on CAIRN_TEMPORAL_PORT + 1000 (default on; 0 to turn off). */
  CAIRN_TEMPORAL_UI: flagText.default('1').transform((v) => v !== '0' && v !== 'false'),
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
  /** The first admin, created on the first start when the workspace has no users (default admin@localhost). */
  CAIRN_ADMIN_EMAIL: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'CAIRN_ADMIN_EMAIL must be an email address').optional(),
  /** Its password (default: generated and printed once). With CAIRN_ADMIN_RESET=1, the new password of CAIRN_ADMIN_EMAIL. */
  CAIRN_ADMIN_PASSWORD: z.string().optional(),
  /** Sets CAIRN_ADMIN_PASSWORD on CAIRN_ADMIN_EMAIL's account at start (a lost admin password) and ends its sessions. */
  CAIRN_ADMIN_RESET: flag,
  /** Session cookies carry Secure (default). Set 0 only to sign in over plain HTTP on a host other than localhost. */
  CAIRN_COOKIE_SECURE: flagText.default('').transform((v) => v !== '0' && v !== 'false'),
});
export type ApiEnv = z.infer<typeof ApiEnv> & ParsedSecrets;

/** Parses the environment; throws a SettingsError listing every bad setting by name. */
export function parseApiEnv(env: Readonly<Record<string, string | undefined>>): ApiEnv {
  return parseSettings(ApiEnv, env, 'Cairn settings', (cleaned) =>
    cleaned.CAIRN_ADMIN_RESET && ['1', 'true'].includes(cleaned.CAIRN_ADMIN_RESET) && !cleaned.CAIRN_ADMIN_PASSWORD
      ? ['CAIRN_ADMIN_RESET: needs CAIRN_ADMIN_PASSWORD, the new password']
      : [],
  );
}
