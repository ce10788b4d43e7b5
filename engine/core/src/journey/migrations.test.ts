import { describe, expect, it } from 'vitest';
import { parseJourney } from './journey.js';
import { JOURNEY_SCHEMA_VERSION, migrateJourney, type JourneyMigration } from './migrations.js';

const v1 = { id: 'j', name: 'Welcome', nodes: [{ id: 't', type: 'trigger.event', event: 'Signed Up' }], edges: [] };

describe('journey schema versions', () => {
  it('reads a journey written before versions existed as version 1, and writes the current version', () => {
    const res = parseJourney(v1);
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.journey.schemaVersion).toBe(JOURNEY_SCHEMA_VERSION);
  });

  it('refuses a journey from a newer Cairn with a sentence that says so', () => {
    const res = parseJourney({ ...v1, schemaVersion: JOURNEY_SCHEMA_VERSION + 1 });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.problems[0]?.path).toBe('schemaVersion');
      expect(res.problems[0]?.message).toMatch(/written by a newer Cairn/);
    }
  });

  it('refuses a schemaVersion that is not a whole number', () => {
    for (const bad of [0, -1, 1.5, '1', null]) {
      const res = parseJourney({ ...v1, schemaVersion: bad });
      expect(res.ok, JSON.stringify(bad)).toBe(false);
    }
  });

  // The mechanism, with migrations of a made-up future: 1 -> 2 renames `name` to `title`,
  // 2 -> 3 moves `title` back. A real change adds one entry to JOURNEY_MIGRATIONS the same way.
  const chain: JourneyMigration[] = [
    { from: 2, to: 3, migrate: ({ title, ...rest }) => ({ ...rest, name: title }) },
    { from: 1, to: 2, migrate: ({ name, ...rest }) => ({ ...rest, title: name }) },
  ];

  it('applies every migration from the stored version up to the target, in order', () => {
    const res = migrateJourney(v1, chain, 3);
    expect(res).toEqual({ ok: true, value: { ...v1, schemaVersion: 3 } });
    const from2 = migrateJourney({ ...v1, name: undefined, title: 'Hi', schemaVersion: 2 }, chain, 3);
    expect(from2.ok && (from2.value as { name: string }).name).toBe('Hi');
  });

  it('names a gap in the chain', () => {
    const res = migrateJourney(v1, chain.slice(0, 1), 3);
    expect(res).toEqual({ ok: false, message: 'no migration from journey schema version 1 to 3' });
  });

  it('leaves non-objects to the schema, which names the problem', () => {
    expect(migrateJourney('x')).toEqual({ ok: true, value: 'x' });
    const res = parseJourney([]);
    expect(res.ok).toBe(false);
  });
});
