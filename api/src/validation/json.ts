/**
 * JSON values the database can store, checked without recursion: a value nested 20,000 levels
 * deep must be refused, not overflow the stack (Prisma's and JSON.stringify's walks recurse, and
 * jsonb refuses NUL and lone surrogates). One iterative walk checks, for every value and key:
 * nesting depth, the approximate serialised size, safe strings (text.ts) and that it is JSON at
 * all (finite numbers, plain objects and arrays; in-process callers could pass anything).
 */
import { z } from 'zod';
import { unsafeCharacter, type TextKind } from './text.js';

export interface JsonLimits {
  /** Containers nested deeper than this are refused ("nested deeper than 32 levels"). */
  maxDepth: number;
  /** Approximate size as JSON text, in bytes (string lengths count as UTF-16 units). */
  maxBytes: number;
  /** The rule for strings (values and keys); JSON strings keep tab and line breaks by default. */
  strings?: TextKind;
  /**
   * Longest key, default 256: a trait's name becomes part of an indexed messageId, and a B-tree
   * entry over about 2.7 KB fails the insert.
   */
  maxKeyLength?: number;
}

export interface JsonProblem {
  path: Array<string | number>;
  message: string;
}

/** At most this many problems per value: a hostile value should not cost a huge answer. */
const MAX_PROBLEMS = 10;

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`);

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Every problem of `value` (none: a JSON value within the limits), paths relative to it. */
export function jsonProblems(value: unknown, limits: JsonLimits): JsonProblem[] {
  const kind = limits.strings ?? 'text';
  const maxKey = limits.maxKeyLength ?? 256;
  const problems: JsonProblem[] = [];
  let bytes = 0;
  // Depth-first with an explicit stack; `depth` counts the containers from the root (root = 1).
  const stack: Array<{ v: unknown; path: Array<string | number>; depth: number }> = [{ v: value, path: [], depth: 0 }];
  while (stack.length && problems.length < MAX_PROBLEMS) {
    const { v, path, depth } = stack.pop()!;
    if (v === null || typeof v === 'boolean') {
      bytes += 5;
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) problems.push({ path, message: 'must be a finite number' });
      bytes += 24;
    } else if (typeof v === 'string') {
      const why = unsafeCharacter(v, kind);
      if (why) problems.push({ path, message: why });
      bytes += v.length + 2;
    } else if (typeof v === 'object' && (Array.isArray(v) || isPlainObject(v))) {
      if (depth + 1 > limits.maxDepth) {
        problems.push({ path, message: `nested deeper than ${limits.maxDepth} levels` });
        continue;
      }
      bytes += 2;
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i], depth: depth + 1 });
        bytes += v.length;
      } else {
        const keys = Object.keys(v);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          const why = unsafeCharacter(key, kind);
          if (why) problems.push({ path: [...path, key], message: `its name ${why}` });
          else if (key.length > maxKey) problems.push({ path: [...path, key], message: `its name is longer than ${maxKey} characters` });
          // An undefined member is left out of the JSON text: fine for in-process callers.
          if (v[key] !== undefined) stack.push({ v: v[key], path: [...path, key], depth: depth + 1 });
          bytes += key.length + 4;
        }
      }
    } else if (v === undefined && depth === 0) {
      problems.push({ path, message: 'is required' });
    } else {
      problems.push({ path, message: `is not a JSON value (${v === undefined ? 'undefined' : typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v})` });
    }
    if (bytes > limits.maxBytes) {
      problems.push({ path: [], message: `is larger than ${kb(limits.maxBytes)}` });
      break;
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}

function jsonSchema<T>(base: z.ZodType<T>, limits: JsonLimits) {
  return base.superRefine((v, ctx) => {
    for (const p of jsonProblems(v, limits)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  });
}

/** Any JSON value within the limits. */
export const jsonValue = (limits: JsonLimits) => jsonSchema(z.unknown(), limits);

/** A JSON object (Segment's properties, traits, context; manual-enrol properties) within the limits. */
export const jsonObject = (limits: JsonLimits) => jsonSchema(z.record(z.string(), z.unknown()), limits);
