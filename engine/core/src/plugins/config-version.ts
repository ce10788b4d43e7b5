/**
 * Versioned configs of extensions (actions, conditions, triggers). An extension whose config
 * changes shape declares `version` (default 1) and `migrate(old, from)`; a node remembers the
 * version its config was written for (`configVersion`, absent = 1). A journey published months
 * ago with an older config keeps working: every reader (validation, simulation, the runtime)
 * goes through `migrateConfig`, and a config that cannot be migrated is a named problem in the
 * graph checks, never a silent default.
 */
import type { z } from 'zod';

/** The version and migration an extension declares for its config's shape. */
export interface VersionedConfig {
  /** Version of the config's shape; raise it with every incompatible change (default 1). */
  version?: number;
  /**
   * Turns a config written for version `from` (older than `version`) into the current shape.
   * Throw when it cannot be done: the step is then reported, not run with guesses.
   */
  migrate?(config: Record<string, unknown>, from: number): Record<string, unknown>;
}

export type Migrated = { ok: true; config: Record<string, unknown> } | { ok: false; problem: string };

/** The node's config in the extension's current shape, validated (defaults filled in). */
export function migrateConfig(
  def: VersionedConfig & { type: string; config: z.ZodObject },
  config: Record<string, unknown>,
  from: number | undefined,
): Migrated {
  const current = def.version ?? 1;
  const version = from ?? 1;
  let shaped = config;
  if (version > current) {
    return { ok: false, problem: `the settings were written for version ${version} of ${def.type}, newer than this workspace's version ${current}` };
  }
  if (version < current) {
    if (!def.migrate) return { ok: false, problem: `the settings were written for version ${version} of ${def.type}, which has no migration to version ${current}` };
    try {
      // A deep copy (JSON: configs are JSON, and the workflow sandbox has no structuredClone).
      shaped = def.migrate(JSON.parse(JSON.stringify(config)) as Record<string, unknown>, version);
    } catch (err) {
      return { ok: false, problem: `the settings of version ${version} cannot be migrated to version ${current}: ${(err as Error).message}` };
    }
  }
  const parsed = def.config.safeParse(shaped);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    const migrated = version < current ? ` (after migrating from version ${version})` : '';
    return { ok: false, problem: `${where}${first?.message ?? 'invalid settings'}${migrated}` };
  }
  return { ok: true, config: parsed.data as Record<string, unknown> };
}

type Extension = VersionedConfig & { type: string; config: z.ZodObject };
type Issue = { code: 'custom'; path: string[]; message: string };

/**
 * The problems of a custom step's settings, for its node schema's `superRefine`: each field's own
 * problem when the settings are of the current version, else why they cannot be migrated.
 */
export function configIssues(def: Extension, config: Record<string, unknown>, from: number | undefined): Issue[] {
  if ((from ?? 1) !== (def.version ?? 1)) {
    const migrated = migrateConfig(def, config, from);
    return migrated.ok ? [] : [{ code: 'custom', path: ['config'], message: migrated.problem }];
  }
  const res = def.config.safeParse(config);
  return res.success ? [] : res.error.issues.map((i) => ({ code: 'custom', path: ['config', ...i.path.map(String)], message: i.message }));
}

/** The settings in the extension's current shape with its defaults; as saved when they do not migrate (the checks say so). */
export function currentConfig(def: Extension, node: { config: Record<string, unknown>; configVersion?: number | undefined }): Record<string, unknown> {
  const res = migrateConfig(def, node.config, node.configVersion);
  return res.ok ? res.config : node.config;
}

/** A fresh step's settings: the extension's defaults, and its version when past 1. */
export function freshConfig(def: Extension): { config: Record<string, unknown>; configVersion?: number } {
  const defaults = def.config.safeParse({});
  return { config: defaults.success ? (defaults.data as Record<string, unknown>) : {}, ...(def.version && def.version > 1 ? { configVersion: def.version } : {}) };
}
