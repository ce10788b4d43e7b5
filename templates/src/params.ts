/**
 * Template parameters: what a marketer may change before a template becomes their journey
 * (delays, channels, codes, thresholds). Each parameter is plain data (the gallery renders a form
 * from it) and yields a zod schema that validates the value and names the parameter in errors.
 */
import { z } from 'zod';
import { Channel, Duration, DurationUnit, durationMs } from '@cairn/core';

export const ParamType = z.enum(['duration', 'number', 'string', 'channel', 'boolean']);
export type ParamType = z.infer<typeof ParamType>;

/** The value each parameter type takes. */
export interface ParamValueOf {
  duration: Duration;
  number: number;
  string: string;
  channel: Channel;
  boolean: boolean;
}

const base = {
  key: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase parameter key'),
  label: z.string().min(1).max(80),
  description: z.string().min(1).max(400),
};

/** The serialisable description of one parameter (what the gallery shows). */
export const TemplateParameter = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('duration'), default: Duration, min: Duration.optional(), max: Duration.optional() }),
  z.object({
    ...base,
    type: z.literal('number'),
    default: z.number(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
  }),
  z.object({
    ...base,
    type: z.literal('string'),
    default: z.string(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).optional(),
    /** A regular expression source the value must match in full. */
    pattern: z.string().optional(),
    /** The sentence shown when the pattern does not match, e.g. "must be 3-20 letters or digits". */
    patternMessage: z.string().optional(),
  }),
  z.object({ ...base, type: z.literal('channel'), default: Channel, options: z.array(Channel).min(1).optional() }),
  z.object({ ...base, type: z.literal('boolean'), default: z.boolean() }),
]);
export type TemplateParameter = z.infer<typeof TemplateParameter>;

/** A parameter whose key is known to TypeScript, so `build` sees typed values. */
export type Param<K extends string = string, T extends ParamType = ParamType> = Extract<TemplateParameter, { type: T }> & {
  key: K;
};

/** The values object `build` receives for a list of parameters. */
export type ParamValues<Ps extends readonly Param[]> = {
  [P in Ps[number] as P['key']]: ParamValueOf[P['type']];
};

type Spec<T extends ParamType> = Omit<Param<string, T>, 'key' | 'type'>;

/** Helpers that keep each template's parameter list short and typed. */
export const param = {
  duration: <K extends string>(key: K, s: Spec<'duration'>): Param<K, 'duration'> => ({ key, type: 'duration', ...s }),
  number: <K extends string>(key: K, s: Omit<Spec<'number'>, 'integer'> & { integer?: boolean }): Param<K, 'number'> => ({
    key,
    type: 'number',
    integer: false,
    ...s,
  }),
  string: <K extends string>(key: K, s: Spec<'string'>): Param<K, 'string'> => ({ key, type: 'string', ...s }),
  channel: <K extends string>(key: K, s: Spec<'channel'>): Param<K, 'channel'> => ({ key, type: 'channel', ...s }),
  boolean: <K extends string>(key: K, s: Spec<'boolean'>): Param<K, 'boolean'> => ({ key, type: 'boolean', ...s }),
};

const DURATION_TEXT = /^\s*(\d+)\s*(minute|hour|day|week)s?\s*$/i;

/** Durations may be given as `{ amount, unit }` or as text like "3 days". */
const DurationInput = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const m = DURATION_TEXT.exec(v);
  return m ? { amount: Number(m[1]), unit: `${m[2]!.toLowerCase()}s` } : v;
}, z.object({ amount: z.number().int().min(0), unit: DurationUnit }, { error: 'must be a duration like { amount: 3, unit: "days" } or "3 days"' }));

function show(d: Duration): string {
  return `${d.amount} ${d.amount === 1 ? d.unit.slice(0, -1) : d.unit}`;
}

/** The zod schema validating one parameter's value (without its default). */
export function valueSchema(p: TemplateParameter): z.ZodType {
  switch (p.type) {
    case 'duration': {
      const { min, max } = p;
      return DurationInput.superRefine((d, ctx) => {
        if (min && durationMs(d) < durationMs(min)) ctx.addIssue({ code: 'custom', message: `must be at least ${show(min)}` });
        if (max && durationMs(d) > durationMs(max)) ctx.addIssue({ code: 'custom', message: `must be at most ${show(max)}` });
      });
    }
    case 'number': {
      let s = z.number({ error: 'must be a number' });
      if (p.integer) s = s.int('must be a whole number');
      if (p.min !== undefined) s = s.min(p.min, `must be at least ${p.min}`);
      if (p.max !== undefined) s = s.max(p.max, `must be at most ${p.max}`);
      return s;
    }
    case 'string': {
      let s = z.string({ error: 'must be text' });
      if (p.minLength !== undefined) s = s.min(p.minLength, `must be at least ${p.minLength} characters`);
      if (p.maxLength !== undefined) s = s.max(p.maxLength, `must be at most ${p.maxLength} characters`);
      if (p.pattern) s = s.regex(new RegExp(`^(?:${p.pattern})$`), p.patternMessage ?? `must match ${p.pattern}`);
      return s;
    }
    case 'channel': {
      const allowed = p.options ?? Channel.options;
      return z.enum(allowed as [Channel, ...Channel[]], { error: `must be one of ${allowed.join(', ')}` });
    }
    case 'boolean':
      return z.boolean({ error: 'must be true or false' });
  }
}

/** The schema of a template's whole parameter object: unknown keys rejected, defaults filled. */
export function paramsSchema(params: readonly TemplateParameter[]): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const p of params) shape[p.key] = valueSchema(p).default(p.default as never);
  return z.strictObject(shape, { error: 'must be an object of parameter values' }) as unknown as z.ZodType<Record<string, unknown>>;
}

/** The default value of every parameter. */
export function defaultParams(params: readonly TemplateParameter[]): Record<string, unknown> {
  return Object.fromEntries(params.map((p) => [p.key, structuredClone(p.default)]));
}
