/**
 * The gallery's read side: list, fetch and search templates. Search matches every word of the
 * query against the template's titles, descriptions, keywords and expected events, in English
 * and Vietnamese, ignoring case and Vietnamese diacritics ("vong quay" finds "vòng quay").
 */
import type { Journey, LifecycleStage } from '@cairn/core';
import type { ExpectedAttribute, ExpectedEvent, Template, TemplateLocale } from './define.js';
import { instantiateTemplate } from './instantiate.js';
import { library } from './library/index.js';
import type { TemplateParameter } from './params.js';

export interface TemplateSummary {
  id: string;
  title: string;
  stage: LifecycleStage;
  description: string;
  goal: { event: string; description: string };
  locales: TemplateLocale[];
  i18n: Template['i18n'];
  keywords: string[];
}

export interface TemplateDetail extends TemplateSummary {
  expects: { events: ExpectedEvent[]; attributes: ExpectedAttribute[] };
  parameters: TemplateParameter[];
  /** The journey built with every parameter at its default (the gallery's preview). */
  journey: Journey;
}

function summary(t: Template): TemplateSummary {
  return {
    id: t.id,
    title: t.title,
    stage: t.stage,
    description: t.description,
    goal: t.goal,
    locales: t.locales,
    i18n: t.i18n,
    keywords: t.keywords,
  };
}

/** Every template, in gallery order. */
export function listTemplates(): TemplateSummary[] {
  return library.map(summary);
}

/** One template with its parameters and default journey; undefined for an unknown id. */
export function getTemplate(id: string): TemplateDetail | undefined {
  const t = library.find((x) => x.id === id);
  if (!t) return undefined;
  const built = instantiateTemplate(id, {});
  if (!built.ok) throw new Error(`template ${id} does not build with its defaults: ${built.problems.map((p) => p.message).join('; ')}`);
  return { ...summary(t), expects: t.expects, parameters: t.parameters, journey: built.journey };
}

/** Lower case without diacritics (đ included, which NFD does not split). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}

function haystack(t: Template): string {
  const parts = [
    t.id,
    t.title,
    t.description,
    t.stage,
    t.goal.event,
    ...t.keywords,
    ...t.expects.events.map((e) => e.name),
    ...Object.values(t.i18n).flatMap((x) => (x ? [x.title, x.description] : [])),
  ];
  return fold(parts.join(' \n '));
}

/** Templates matching every word of `query` (empty: all), optionally only one stage. */
export function searchTemplates(query: string, stage?: LifecycleStage): TemplateSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return library
    .filter((t) => !stage || t.stage === stage)
    .filter((t) => {
      const text = haystack(t);
      return words.every((w) => text.includes(w));
    })
    .map(summary);
}
