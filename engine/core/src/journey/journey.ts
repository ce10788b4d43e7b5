/**
 * A journey: settings, nodes and the edges between their named outputs. This schema is the one
 * contract shared by the editor, the API, the engine and the templates.
 */
import { z } from 'zod';
import { JourneyNode } from '../nodes/registry.js';
import { always, RuleGroup } from '../rules/schema.js';
import { Id, LifecycleStage, TimeZone } from './primitives.js';
import { JOURNEY_SCHEMA_VERSION, migrateJourney } from './migrations.js';

/** An edge leaves a named output of `source` and enters `target`. */
export const Edge = z.object({
  id: Id,
  source: Id,
  /** The output (branch) it leaves: "next", "yes", "else", "timeout", a variant id … */
  sourceHandle: z.string().min(1).default('next'),
  target: Id,
});
export type Edge = z.infer<typeof Edge>;

/** Who may enter a journey and how often: once ever, or again after some days; and how many entries may run at once. */
export const EntryRules = z
  .object({
    /** once: a customer enters at most once; reentry: again after `reentryAfterDays` since the last entry. */
    mode: z
      .enum(['once', 'reentry'])
      .default('once')
      .describe('once: each customer enters at most once, ever. reentry: they may enter again, once the days below have passed since their last entry.'),
    reentryAfterDays: z.number().int().min(0).max(3650).default(0).describe('With re-entry: days since their last entry before they may enter again (0: as soon as the trigger fires again).'),
    /** How many entries of the same customer may run at once. */
    maxConcurrent: z.number().int().min(1).max(100).default(1).describe('How many runs of this journey one customer may be in at the same time.'),
  })
  .default({ mode: 'once', reentryAfterDays: 0, maxConcurrent: 1 })
  .describe('Who may enter, and how often. A customer kept out by these rules is not told; their page says why under "Why not entered?".');
export type EntryRules = z.infer<typeof EntryRules>;

/**
 * What the journey's results count as converted besides its goal nodes: an optional goal event
 * of the journey's own (counted while the customer runs and after), and the attribution window:
 * a goal event up to `windowDays` after the customer's last message (or after the split, for a
 * holdout) still counts. Absent: no goal event, a 7-day window.
 */
export const JourneyGoal = z.object({
  event: z.string().min(1).optional(),
  filter: RuleGroup.default(always()),
  windowDays: z.number().int().min(1).max(90).default(7),
});
export type JourneyGoal = z.infer<typeof JourneyGoal>;
/** The attribution window when a journey names none. */
export const DEFAULT_ATTRIBUTION_DAYS = 7;

/** Journey-wide settings: time zone, entry rules, exit events, goal and holdout. */
export const JourneySettings = z
  .object({
    entry: EntryRules,
    /** Events that make the customer leave without converting (e.g. "Account Deleted"). */
    exitEvents: z.array(z.string().min(1)).default([]).describe('Events that take a customer out at once, wherever they are, without converting (e.g. "Account Deleted").'),
    /** Used when the customer has no time zone of their own. */
    timeZone: TimeZone.default('UTC').describe('For customers with no time zone of their own: their waits, time windows and quiet hours follow this one.'),
    /** Attributes and event properties the journey expects (they become known template variables). */
    attributes: z.array(z.string().min(1)).default([]).describe('Attributes and event properties the journey expects: offered as template variables and checked in messages.'),
    goal: JourneyGoal.optional(),
  })
  .default({ entry: { mode: 'once', reentryAfterDays: 0, maxConcurrent: 1 }, exitEvents: [], timeZone: 'UTC', attributes: [] });
export type JourneySettings = z.infer<typeof JourneySettings>;

/**
 * A journey as the editor saves and the compiler reads it: steps, links and settings (zod schema and type).
 */
export const Journey = z.object({
  /** The shape's version (see migrations.ts). Absent in journeys written before it existed: 1. */
  schemaVersion: z.literal(JOURNEY_SCHEMA_VERSION).default(JOURNEY_SCHEMA_VERSION),
  id: Id,
  name: z.string().min(1, 'give the journey a name').max(200),
  description: z.string().max(5000).default(''),
  stage: LifecycleStage.optional(),
  settings: JourneySettings,
  nodes: z.array(JourneyNode),
  edges: z.array(Edge).default([]),
});
export type Journey = z.infer<typeof Journey>;
/** The journey as written by hand or sent over the wire, before defaults are applied. */
export type JourneyInput = z.input<typeof Journey>;

/** One place where a journey's JSON does not fit the schema: its path and what is wrong. */
export interface SchemaProblem {
  path: string;
  message: string;
}

/**
 * Parses untrusted journey JSON (text or value) of any known schema version, migrating it to the
 * current one first. Never throws: returns the journey or every schema violation with its path
 * ("nodes.3.duration.amount: must be …"). Every reader of stored or imported journeys uses this,
 * not `Journey.parse`, so that old journeys are migrated.
 */
export function parseJourney(input: unknown): { ok: true; journey: Journey } | { ok: false; problems: SchemaProblem[] } {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      return { ok: false, problems: [{ path: '', message: `not valid JSON: ${(err as Error).message}` }] };
    }
  }
  const migrated = migrateJourney(value);
  if (!migrated.ok) return { ok: false, problems: [{ path: 'schemaVersion', message: migrated.message }] };
  const res = Journey.safeParse(migrated.value);
  if (res.success) return { ok: true, journey: res.data };
  return {
    ok: false,
    problems: res.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}
