/**
 * A template: a lifecycle playbook as data. Its journey comes from a pure `build(params)`, so the
 * marketer's parameters (delays, thresholds, codes, channels) flow into the nodes; with the
 * defaults it is the gallery's preview.
 */
import { z } from 'zod';
import { LifecycleStage } from '@cairn/core';
import type { JourneyInput } from '@cairn/core';
import type { Param, ParamValues } from './params.js';
import { TemplateParameter } from './params.js';

/** Locales every template's messages are written in (Vietnamese in each node's `translations.vi`). */
export const TemplateLocale = z.enum(['en', 'vi']);
export type TemplateLocale = z.infer<typeof TemplateLocale>;

const Name = z.string().min(1).max(80);

export const ExpectedEvent = z.object({
  name: Name,
  /** Properties the journey reads (filters, `{{ event.properties.x }}`). */
  properties: z.array(z.string().min(1)),
  description: z.string().min(1),
});
export type ExpectedEvent = z.infer<typeof ExpectedEvent>;

export const ExpectedAttribute = z.object({ name: Name, description: z.string().min(1) });
export type ExpectedAttribute = z.infer<typeof ExpectedAttribute>;

/** Every marketing template ends for a customer who unsubscribes (settings.exitEvents). */
export const UNSUBSCRIBED_EVENT: ExpectedEvent = {
  name: 'Unsubscribed',
  properties: [],
  description: 'The customer refused further contact; they leave the journey at once.',
};

type BuildFn = (params: Record<string, unknown>) => JourneyInput;

export const Template = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case id'),
  title: z.string().min(1).max(100),
  stage: LifecycleStage,
  description: z.string().min(1).max(1000),
  /** The conversion the journey works towards (its goal node listens for `event`). */
  goal: z.object({ event: Name, description: z.string().min(1) }),
  /** What the customer data must provide for the journey to work. */
  expects: z.object({ events: z.array(ExpectedEvent), attributes: z.array(ExpectedAttribute) }),
  parameters: z.array(TemplateParameter),
  locales: z.array(TemplateLocale).min(1),
  /** Words that help the gallery search (English and Vietnamese). */
  keywords: z.array(z.string().min(1)).default([]),
  /** The gallery card in other locales. */
  i18n: z.partialRecord(TemplateLocale, z.object({ title: z.string().min(1), description: z.string().min(1) })).default({}),
  build: z.custom<BuildFn>((v) => typeof v === 'function', 'build must be a function'),
});
export type Template = z.infer<typeof Template>;

/** What a template file declares; `build` sees its parameters with their types. */
export interface TemplateSpec<Ps extends readonly Param[]> extends Omit<z.input<typeof Template>, 'parameters' | 'build'> {
  parameters: Ps;
  build(params: ParamValues<Ps>): JourneyInput;
}

/**
 * Declares a template. The returned value is checked against `Template` by the library's tests,
 * not here, so a typo fails a test rather than the import of the whole gallery.
 *
 * @example
 * export default defineTemplate({ id: 'birthday', parameters: [param.number('discountPercent', …)],
 *   build: (p) => ({ id: 'birthday', name: 'Birthday', nodes: […], edges: […] }), … });
 */
export function defineTemplate<const Ps extends readonly Param[]>(spec: TemplateSpec<Ps>): Template {
  const events = spec.expects.events.some((e) => e.name === UNSUBSCRIBED_EVENT.name)
    ? spec.expects.events
    : [...spec.expects.events, UNSUBSCRIBED_EVENT];
  return {
    keywords: [],
    i18n: {},
    ...spec,
    expects: { ...spec.expects, events },
    parameters: [...spec.parameters] as TemplateParameter[],
    build: spec.build as unknown as BuildFn,
  } as Template;
}
