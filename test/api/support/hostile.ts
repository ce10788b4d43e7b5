/**
 * Hostile input for the fuzz suite (fuzz.test.ts), as JSON text with the problem the API must
 * name when it refuses it. Values are JSON text, not objects, so nesting 20,000 levels deep costs
 * no recursion here either, and one placeholder string in a body is swapped for them.
 */
import fc from 'fast-check';

export interface Hostile {
  /** What it is, for failure messages. */
  kind: string;
  /** The value as JSON text. */
  json: string;
  /** The sentence the refusal must contain. */
  problem: RegExp;
}

/** Printable ASCII around the bad character: a lone surrogate must stay lone. */
const around = fc.string({ unit: 'grapheme-ascii', maxLength: 6 });

const CONTROLS = [...'\u0000\u0001\u0007\u0008\u000b\u000c\u000e\u001b\u001f\u007f'];

export const controlString = fc
  .tuple(around, fc.constantFrom(...CONTROLS), around)
  .map(([a, c, b]): Hostile => ({ kind: `control U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`, json: JSON.stringify(a + c + b), problem: /contains a control character \(U\+00[0-7][0-9A-F]\)/ }));

export const surrogateString = fc
  .tuple(around, fc.integer({ min: 0xd800, max: 0xdfff }), around)
  .map(([a, c, b]): Hostile => ({ kind: `lone surrogate ${c.toString(16)}`, json: JSON.stringify(a + String.fromCharCode(c) + b), problem: /contains invalid Unicode \(a lone surrogate U\+D[89A-F][0-9A-F]{2}\)/ }));

/** `depth` nested arrays or objects around 1, as text. */
export function nestedJson(depth: number, container: 'array' | 'object'): string {
  return container === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Nesting between `min` and `max` levels (arrays only when the text must stay short, e.g. in a URL). */
export const deepValue = (min: number, max: number, containers: Array<'array' | 'object'> = ['array', 'object']) =>
  fc.tuple(fc.integer({ min, max }), fc.constantFrom(...containers)).map(([depth, c]): Hostile => ({ kind: `${depth} ${c}s deep`, json: nestedJson(depth, c), problem: /nested deeper than \d+ levels/ }));

/** An object whose key carries the bad character. */
export const hostileKey = fc.oneof(controlString, surrogateString).map((h): Hostile => ({ kind: `key with ${h.kind}`, json: `{${h.json}:1}`, problem: h.problem }));

/** Strings PostgreSQL cannot store or nobody can read, keys with them, runaway nesting. */
export const hostile = (deep: fc.Arbitrary<Hostile>) => fc.oneof(controlString, surrogateString, hostileKey, deep);

/** Timestamps Date.parse accepts leniently, impossible dates, and dates outside 1970–9999. */
export const badTimestamp = fc
  .oneof(
    fc.integer({ min: 0, max: 99_999 }).map(String),
    fc.constantFrom('Jan 1 2026', '2026-02-30T00:00:00Z', '2026-13-01', 'Thu, 01 Jan 2026 00:00:00 GMT', '2026-01-01T25:00:00Z', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '2026-01-01T00:00:00+25:00', ''),
    fc.integer({ min: 0, max: 1969 }).map((y) => `${String(y).padStart(4, '0')}-06-15T12:00:00Z`),
    fc.date({ min: new Date(Date.UTC(-200_000, 0, 1)), max: new Date(Date.UTC(200_000, 0, 1)), noInvalidDate: true }).filter((d) => d.getUTCFullYear() < 1970 || d.getUTCFullYear() > 9999).map((d) => d.toISOString()),
  )
  .map((s): Hostile => ({ kind: `timestamp ${s}`, json: JSON.stringify(s), problem: /must be an ISO-8601 date|must be between 1970-01-01 and 9999-12-31|is not a real date|has an impossible UTC offset/ }));

export const PLACEHOLDER = '\u2063hostile\u2063';

/** `body` as JSON text with the placeholder string replaced by the hostile value. */
export function withHostile(body: unknown, h: Hostile): string {
  const text = JSON.stringify(body);
  const quoted = JSON.stringify(PLACEHOLDER);
  if (!text.includes(quoted)) throw new Error('no placeholder in the body');
  return text.replace(quoted, () => h.json);
}

/** Every path to a leaf of `v` (objects and arrays walked), for choosing where to inject. */
export function leafPaths(v: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(v)) return v.length ? v.flatMap((x, i) => leafPaths(x, [...path, i])) : [path];
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    return keys.length ? keys.flatMap((k) => leafPaths((v as Record<string, unknown>)[k], [...path, k])) : [path];
  }
  return [path];
}

/** A deep copy of `v` with the value at `path` replaced (the root when `path` is empty). */
export function setAt(v: unknown, path: Array<string | number>, value: unknown): unknown {
  if (!path.length) return value;
  const copy = structuredClone(v) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = value;
  return copy;
}
