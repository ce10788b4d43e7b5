/**
 * Journey JSON is a durable contract: drafts, published versions, exported files and workflow
 * inputs written today must still open in a year. Every journey carries `schemaVersion`; a change
 * to the shape bumps `JOURNEY_SCHEMA_VERSION` and adds one migration from the previous version.
 * `parseJourney` runs the migrations before the schema, so every reader sees the current shape.
 *
 * Rules for a schema change:
 * - additive and defaulted (a new optional field, a new node kind): no bump needed;
 * - anything else (rename, move, a changed meaning or unit): bump the version and add a
 *   migration `{ from: N, to: N + 1, migrate }`, pure and total over every valid version-N
 *   journey, with a test that a version-N fixture parses and behaves the same after it.
 * Published versions are never rewritten in the database: they are migrated when read.
 */

/** The journey schema version this code writes. Journeys without the field are version 1. */
export const JOURNEY_SCHEMA_VERSION = 1;

export interface JourneyMigration {
  from: number;
  to: number;
  /** Receives a plain JSON object of version `from`, returns one of version `to`. Pure. */
  migrate(journey: Record<string, unknown>): Record<string, unknown>;
}

/** Every migration, oldest first (none yet: version 1 is the first versioned shape). */
export const JOURNEY_MIGRATIONS: readonly JourneyMigration[] = [];

export type MigrationResult = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Brings journey JSON of any known version up to `target`. A value that is not an object is
 * passed through (the schema then says what is wrong with it); a version newer than this code,
 * or one no migration leads from, is refused with a sentence that says so.
 */
export function migrateJourney(
  value: unknown,
  migrations: readonly JourneyMigration[] = JOURNEY_MIGRATIONS,
  target: number = JOURNEY_SCHEMA_VERSION,
): MigrationResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: true, value };
  let journey = value as Record<string, unknown>;
  const raw = journey.schemaVersion === undefined ? 1 : journey.schemaVersion;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) {
    return { ok: false, message: `schemaVersion must be a whole number from 1 to ${target}, got ${JSON.stringify(raw)}` };
  }
  if (raw > target) {
    return { ok: false, message: `this journey was written by a newer Cairn (schema version ${raw}; this one reads up to ${target}): update Cairn to open it` };
  }
  for (let version = raw; version < target; ) {
    const step = migrations.find((m) => m.from === version);
    if (!step) return { ok: false, message: `no migration from journey schema version ${version} to ${target}` };
    journey = { ...step.migrate(journey), schemaVersion: step.to };
    version = step.to;
  }
  return { ok: true, value: raw === target && journey.schemaVersion === undefined ? journey : { ...journey, schemaVersion: target } };
}
