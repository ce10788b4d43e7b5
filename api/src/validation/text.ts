/**
 * Safe strings: what PostgreSQL can store and what a person can read. PostgreSQL refuses NUL in
 * text and jsonb, and a lone UTF-16 surrogate cannot be encoded as UTF-8 (node-postgres silently
 * turns it into U+FFFD, jsonb refuses its `\ud800` escape): both are refused at the boundary,
 * with every other control character, instead of failing (500) or being mangled in the database.
 */
import { z } from 'zod';

// Matching control characters is the point of these two patterns.
/** Every C0 control, DEL and every C1 control: nothing an id or a name ever needs. */
// eslint-disable-next-line no-control-regex
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F]/;
/** Free text keeps tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

export type TextKind = 'line' | 'text';

/** Why `s` is not safe (a sentence fragment such as "contains a control character (U+0000)"), or undefined. */
export function unsafeCharacter(s: string, kind: TextKind = 'text'): string | undefined {
  const m = (kind === 'line' ? CONTROL_IN_LINE : CONTROL_IN_TEXT).exec(s);
  if (m) return `contains a control character (${hex(m[0].charCodeAt(0))}) at character ${m.index + 1}`;
  const at = lonelySurrogate(s);
  if (at >= 0) {
    return `contains invalid Unicode (a lone surrogate ${hex(s.charCodeAt(at))}) at character ${at + 1}`;
  }
  return undefined;
}

/** The index of the first surrogate without its pair, or -1. */
function lonelySurrogate(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

interface Bounds {
  min?: number;
  max: number;
}

function safe(kind: TextKind, { min = 0, max }: Bounds) {
  let s = z.string();
  if (min > 0) s = s.min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
  return s.max(max, `must be at most ${max} characters`).superRefine((v, ctx) => {
    const why = unsafeCharacter(v, kind);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  });
}

/** An id, a name, a search query: one line, no control characters, well-formed Unicode. */
export const line = (bounds: Bounds) => safe('line', bounds);

/** A note, a message, a file: tab and line breaks allowed, no other control character. */
export const text = (bounds: Bounds) => safe('text', bounds);
