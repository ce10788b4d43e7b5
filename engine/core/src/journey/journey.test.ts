import { describe, expect, it } from 'vitest';
import { Journey, parseJourney } from './journey.js';
import { Duration, Id, TimeOfDay, TimeZone, Topic, durationMs } from './primitives.js';

const minimal = {
  id: 'welcome',
  name: 'Welcome series',
  nodes: [
    { id: 'start', type: 'trigger.event', event: 'Signed Up' },
    { id: 'bye', type: 'exit' },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'bye' }],
};

describe('parseJourney', () => {
  it('applies defaults: settings, positions, edge handles, filters', () => {
    const res = parseJourney(minimal);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const j = res.journey;
    expect(j.settings).toEqual({
      entry: { mode: 'once', reentryAfterDays: 0, maxConcurrent: 1 },
      exitEvents: [],
      timeZone: 'UTC',
      attributes: [],
    });
    expect(j.description).toBe('');
    expect(j.edges[0]!.sourceHandle).toBe('next');
    expect(j.nodes[0]).toMatchObject({ position: { x: 0, y: 0 }, filter: { op: 'and', rules: [] } });
    expect(j.nodes[1]).toMatchObject({ reason: 'completed' });
  });

  it('accepts JSON text, and round-trips', () => {
    const res = parseJourney(JSON.stringify(minimal));
    expect(res.ok).toBe(true);
    if (res.ok) expect(parseJourney(JSON.stringify(res.journey))).toEqual(res);
  });

  it('never throws on bad text or values', () => {
    expect(parseJourney('{"id":')).toMatchObject({ ok: false, problems: [{ path: '', message: expect.stringMatching(/^not valid JSON: /) }] });
    expect(parseJourney(null).ok).toBe(false);
    expect(parseJourney(42).ok).toBe(false);
    expect(parseJourney({ ...minimal, nodes: 'x' }).ok).toBe(false);
  });

  it('reports every problem with its path', () => {
    const res = parseJourney({
      ...minimal,
      name: '',
      settings: { timeZone: 'Mars/Olympus', entry: { mode: 'sometimes' } },
      nodes: [
        { id: 'start', type: 'trigger.event', event: 'Signed Up' },
        { id: 'w', type: 'wait.delay', duration: { amount: 1.5, unit: 'days' } },
        { id: 'x', type: 'action.fax' },
      ],
      edges: [{ id: 'bad id', source: 'start', target: 'w' }],
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const byPath = Object.fromEntries(res.problems.map((p) => [p.path, p.message]));
    expect(byPath.name).toBe('give the journey a name');
    expect(byPath['settings.timeZone']).toBe('is not a known IANA time zone');
    expect(byPath).toHaveProperty(['settings.entry.mode']);
    expect(byPath).toHaveProperty(['nodes.1.duration.amount']);
    expect(byPath).toHaveProperty(['nodes.2.type']);
    expect(byPath['edges.0.id']).toBe('may contain only letters, digits, "-" and "_"');
  });

  it('the schema parses what it produced (editor ⇄ API ⇄ engine)', () => {
    const j = Journey.parse(minimal);
    expect(Journey.parse(j)).toEqual(j);
  });
});

describe('primitives', () => {
  it('Id refuses the names every object inherits (they would find the inherited member as keys of plain objects)', () => {
    for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const r = Id.safeParse(id);
      expect(r.success, id).toBe(false);
      expect(r.error?.issues[0]?.message).toBe(`"${id}" is a reserved name: choose another id`);
    }
    expect(Id.safeParse('constructor-2').success).toBe(true);
    expect(Id.safeParse('Constructor').success).toBe(true);
  });
  it('Id allows XState-safe names only, up to 64 characters', () => {
    expect(Id.safeParse('send-welcome_2').success).toBe(true);
    for (const bad of ['', 'a.b', 'a#b', 'a b', 'x'.repeat(65)]) expect(Id.safeParse(bad).success).toBe(false);
  });
  it('durations in milliseconds (a day is 24 hours)', () => {
    expect(durationMs({ amount: 3, unit: 'days' })).toBe(3 * 86_400_000);
    expect(durationMs({ amount: 15, unit: 'minutes' })).toBe(900_000);
    expect(durationMs({ amount: 2, unit: 'hours' })).toBe(7_200_000);
    expect(durationMs({ amount: 1, unit: 'weeks' })).toBe(604_800_000);
    expect(Duration.safeParse({ amount: 100_001, unit: 'days' }).success).toBe(false);
  });
  it('times of day are 24-hour HH:MM', () => {
    for (const ok of ['00:00', '09:30', '23:59']) expect(TimeOfDay.safeParse(ok).success).toBe(true);
    for (const bad of ['24:00', '9:30', '09:60', '09:30:00']) expect(TimeOfDay.safeParse(bad).success).toBe(false);
  });
  it('time zones are the IANA zones Intl knows', () => {
    expect(TimeZone.safeParse('Asia/Ho_Chi_Minh').success).toBe(true);
    expect(TimeZone.safeParse('America/New_York').success).toBe(true);
    expect(TimeZone.safeParse('Nowhere/City').success).toBe(false);
  });
  it('topics are lower-case slugs', () => {
    expect(Topic.safeParse('order-updates').success).toBe(true);
    expect(Topic.safeParse('Promotions').error?.issues[0]?.message).toMatch(/lower-case/);
  });
});
