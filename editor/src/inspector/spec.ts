/**
 * Turns a node kind's zod schema into a form description. The inspector renders the description;
 * nothing here knows a node kind, so a custom node registered later gets a form for free.
 * Shared value types (durations, times of day, days of the week, rule groups) are recognised by
 * identity with the engine's schemas and get their dedicated widgets.
 */
import type { z } from 'zod';
import { DayOfWeek, Duration, PropertyRule, RuleGroup, RuleValue, TimeOfDay } from '@cairn/core';

export type FieldSpec =
  | { kind: 'text'; multiline: boolean; format?: string }
  | { kind: 'time' }
  | { kind: 'number'; int: boolean; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: string[] }
  | { kind: 'literal'; value: unknown }
  | { kind: 'duration' }
  | { kind: 'days' }
  | { kind: 'ruleGroup' }
  | { kind: 'propertyRules' }
  | { kind: 'ruleValue' }
  | { kind: 'object'; fields: FieldDef[] }
  | { kind: 'array'; item: FieldSpec; itemSchema: z.ZodType }
  | { kind: 'record'; value: FieldSpec; valueSchema: z.ZodType }
  | { kind: 'union'; discriminator: string; options: Array<{ value: string; spec: FieldSpec; schema: z.ZodType }> }
  | { kind: 'json' };

export interface FieldDef {
  key: string;
  label: string;
  spec: FieldSpec;
  /** The field may be left out (a checkbox turns it on). */
  optional: boolean;
  schema: z.ZodType;
  /** What the field means, in a marketer's words: the schema's own description, when it has one. */
  hint?: string;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
  options?: z.ZodType[];
  discriminator?: string;
  getter?: () => z.ZodType;
  in?: z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Strips optional/default/nullable/readonly wrappers (lazy too), reporting whether the value may be absent. */
export function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean; hasDefault: boolean } {
  let s = schema;
  let optional = false;
  let hasDefault = false;
  for (;;) {
    const d = defOf(s);
    if (d.type === 'optional') optional = true;
    else if (d.type === 'default' || d.type === 'prefault') hasDefault = true;
    else if (d.type !== 'nullable' && d.type !== 'readonly' && d.type !== 'catch') break;
    s = d.innerType as z.ZodType;
  }
  return { inner: s, optional, hasDefault };
}

/** "reentryAfterDays" → "Reentry after days". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The widget for one schema. */
export function specFor(schema: z.ZodType): FieldSpec {
  const { inner } = unwrap(schema);
  if (inner === (Duration as z.ZodType)) return { kind: 'duration' };
  if (inner === (TimeOfDay as z.ZodType)) return { kind: 'time' };
  if (inner === (RuleGroup as z.ZodType)) return { kind: 'ruleGroup' };
  if (inner === (RuleValue as z.ZodType)) return { kind: 'ruleValue' };
  const d = defOf(inner);
  switch (d.type) {
    case 'string': {
      const s = inner as unknown as { format?: string | null; maxLength?: number | null };
      const format = s.format && s.format !== 'regex' ? s.format : undefined;
      return { kind: 'text', multiline: (s.maxLength ?? 0) > 300, ...(format ? { format } : {}) };
    }
    case 'number': {
      const n = inner as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
      return {
        kind: 'number',
        int: n.isInt,
        ...(Number.isFinite(n.minValue) ? { min: n.minValue as number } : {}),
        ...(Number.isFinite(n.maxValue) ? { max: n.maxValue as number } : {}),
      };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'enum', options: Object.values(d.entries ?? {}) };
    case 'literal':
      return { kind: 'literal', value: d.values?.[0] };
    case 'object':
      return { kind: 'object', fields: fieldsOf(inner) };
    case 'array': {
      const el = d.element as z.ZodType;
      if (unwrap(el).inner === (DayOfWeek as z.ZodType)) return { kind: 'days' };
      if (unwrap(el).inner === (PropertyRule as z.ZodType)) return { kind: 'propertyRules' };
      return { kind: 'array', item: specFor(el), itemSchema: el };
    }
    case 'record':
      return { kind: 'record', value: specFor(d.valueType as z.ZodType), valueSchema: d.valueType as z.ZodType };
    case 'union': {
      const disc = d.discriminator;
      if (!disc) return { kind: 'json' };
      return {
        kind: 'union',
        discriminator: disc,
        options: (d.options ?? []).map((o) => ({
          value: String(defOf(unwrap(defOf(o).shape?.[disc] as z.ZodType).inner).values?.[0]),
          spec: specFor(o),
          schema: o,
        })),
      };
    }
    case 'lazy':
      return specFor((d.getter as () => z.ZodType)());
    case 'pipe':
      return specFor(d.in as z.ZodType);
    default:
      return { kind: 'json' };
  }
}

/** The fields of an object schema, in declaration order. */
export function fieldsOf(schema: z.ZodType): FieldDef[] {
  const shape = defOf(unwrap(schema).inner).shape ?? {};
  return Object.entries(shape).map(([key, s]) => {
    const hint = (s as z.ZodType).description ?? (unwrap(s).inner as z.ZodType).description;
    return { key, label: humanize(key), spec: specFor(s), optional: unwrap(s).optional, schema: s, ...(hint ? { hint } : {}) };
  });
}

/** Node fields the inspector shows in its own header or never: identity, placement, bookkeeping. */
export const NODE_CHROME = new Set(['id', 'type', 'position', 'label', 'notes', 'configVersion']);

/**
 * A sensible value for a new field, list item or union option: the schema's default, else an
 * empty value of its type (first enum option, minimum number, …).
 */
export function defaultFor(schema: z.ZodType): unknown {
  let s = schema;
  for (;;) {
    const d = defOf(s);
    if (d.type === 'default' || d.type === 'prefault') return structuredClone(d.defaultValue);
    if (d.type !== 'optional' && d.type !== 'nullable' && d.type !== 'readonly') break;
    s = d.innerType as z.ZodType;
  }
  const spec = specFor(s);
  switch (spec.kind) {
    case 'text':
      return '';
    case 'time':
      return '09:00';
    case 'number':
      return spec.min ?? 0;
    case 'boolean':
      return false;
    case 'enum':
      return spec.options[0];
    case 'literal':
      return spec.value;
    case 'duration':
      return { amount: 1, unit: 'days' };
    case 'days':
    case 'propertyRules':
    case 'array':
      return [];
    case 'ruleGroup':
      return { op: 'and', rules: [] };
    case 'ruleValue':
      return '';
    case 'record':
      return {};
    case 'object':
      return Object.fromEntries(spec.fields.filter((f) => !f.optional).map((f) => [f.key, defaultFor(f.schema)]));
    case 'union':
      return spec.options[0] ? defaultFor(spec.options[0].schema) : undefined;
    case 'json':
      return null;
  }
}
