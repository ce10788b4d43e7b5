/**
 * What every template in the library must satisfy: a valid declaration, a default journey that
 * parses, passes every publish check with no warning, compiles deterministically, speaks English
 * and Vietnamese, respects refusals (exit on unsubscribe, a topic on every message), and is laid
 * out readably.
 */
import { describe, expect, it } from 'vitest';
import type { Catalog, Journey, RuleGroup } from '@cairn/core';
import { checkJourney, compile, definitionOf, Journey as JourneySchema, validateForPublish } from '@cairn/core';
import { X_GAP, Y_GAP } from './build/layout.js';
import { Template } from './define.js';
import { instantiateTemplate } from './instantiate.js';
import { library } from './library/index.js';
import { defaultParams, valueSchema } from './params.js';
import { TEMPLATE_TOPICS } from './topics.js';

const MESSAGE_FIELDS: Record<string, string[]> = {
  'action.email': ['subject', 'body'],
  'action.push': ['title', 'body'],
  'action.sms': ['body'],
  'action.chat': ['body'],
};
const STANDARD = new Set(['firstName', 'locale']);

function catalogOf(t: Template): Catalog {
  return {
    attributes: t.expects.attributes.map((a) => a.name),
    events: Object.fromEntries(t.expects.events.map((e) => [e.name, e.properties])),
  };
}

function historyEvents(group: RuleGroup, into: Set<string>): Set<string> {
  for (const r of group.rules) {
    if ('op' in r) historyEvents(r, into);
    else if (r.kind === 'event') into.add(r.event);
  }
  return into;
}

function built(t: Template): Journey {
  const res = instantiateTemplate(t.id, {});
  if (!res.ok) throw new Error(JSON.stringify(res.problems));
  return res.journey;
}

describe('the template library', () => {
  it('holds at least the thirteen playbooks, with unique ids, covering the five lifecycle stages', () => {
    expect(library.length).toBeGreaterThanOrEqual(13);
    expect(new Set(library.map((t) => t.id)).size).toBe(library.length);
    const stages = new Set(library.map((t) => t.stage));
    for (const s of ['awareness', 'consideration', 'acquisition', 'experience', 'loyalty', 'full-lifecycle', 'win-back'] as const) {
      expect(stages).toContain(s);
    }
  });
});

describe.each(library.map((t) => [t.id, t] as const))('template %s', (_id, t) => {
  it('is a valid declaration in English and Vietnamese', () => {
    expect(Template.safeParse(t).success).toBe(true);
    expect(t.locales).toEqual(expect.arrayContaining(['en', 'vi']));
    expect(t.i18n.vi?.title).toBeTruthy();
  });

  it('has parameter defaults that pass their own validation (zod does not check defaults)', () => {
    for (const p of t.parameters) expect(valueSchema(p).safeParse(p.default).success, p.key).toBe(true);
    expect(new Set(t.parameters.map((p) => p.key)).size).toBe(t.parameters.length);
  });

  it('builds with its defaults into a journey the engine accepts, with no problem at all', () => {
    const raw = t.build(defaultParams(t.parameters));
    expect(JourneySchema.safeParse(raw).success).toBe(true);
    const publish = validateForPublish(raw, catalogOf(t));
    expect(publish.problems).toEqual([]);
    expect(publish.ok).toBe(true);
    expect(checkJourney(built(t), catalogOf(t))).toEqual([]);
  });

  it('compiles, the same way every time', () => {
    const a = compile(built(t));
    const b = compile(built(t));
    expect(JSON.stringify(a.machine.config)).toBe(JSON.stringify(b.machine.config));
    expect(Object.keys(a.machine.config.states ?? {})).toEqual(expect.arrayContaining(built(t).nodes.filter((n) => n.type !== 'goal').map((n) => n.id)));
  });

  it('names a topic on every message and translates every field into Vietnamese', () => {
    const raw = t.build(defaultParams(t.parameters));
    let messages = 0;
    for (const node of raw.nodes) {
      const fields = MESSAGE_FIELDS[node.type];
      if (!fields) continue;
      messages++;
      const n = node as unknown as Record<string, unknown> & { translations?: { vi?: Record<string, string> } };
      expect(Object.keys(TEMPLATE_TOPICS), `${node.id} topic`).toContain(n.topic);
      if (node.type === 'action.email' && !n.transactional) {
        expect(n.body as string, `${node.id} unsubscribe link`).toContain('{{ unsubscribe_url }}');
        expect(n.translations?.vi?.body, `${node.id} vi unsubscribe link`).toContain('{{ unsubscribe_url }}');
      }
      // Only confirmations may skip caps.
      if (n.transactional) expect(n.topic, `${node.id} transactional topic`).toBe('transactional');
      for (const f of fields) {
        const en = n[f] as string;
        const vi = n.translations?.vi?.[f];
        expect(vi, `${node.id} vi ${f}`).toBeTruthy();
        expect(vi, `${node.id} vi ${f} differs from English`).not.toBe(en);
      }
    }
    expect(messages).toBeGreaterThan(0);
  });

  it('lets a customer who unsubscribes leave, has its goal, and never waits without a timeout', () => {
    const j = built(t);
    expect(j.settings.exitEvents).toContain('Unsubscribed');
    const goals = j.nodes.filter((n) => n.type === 'goal');
    expect(goals.map((g) => g.type === 'goal' && g.event)).toContain(t.goal.event);
    for (const n of j.nodes) if (n.type === 'wait.event') expect(n.timeout, n.id).toBeDefined();
  });

  it('declares every event and attribute it relies on', () => {
    const j = built(t);
    const used = new Set<string>(j.settings.exitEvents);
    for (const n of j.nodes) {
      if (n.type === 'trigger.event' || n.type === 'wait.event' || n.type === 'goal') used.add(n.event);
      for (const g of definitionOf(n.type).rules?.(n as never) ?? []) historyEvents(g, used);
    }
    const declared = new Set(t.expects.events.map((e) => e.name));
    expect([...used].filter((e) => !declared.has(e))).toEqual([]);
    const attrs = new Set(t.expects.attributes.map((a) => a.name));
    expect(j.settings.attributes.filter((a) => !STANDARD.has(a) && !attrs.has(a))).toEqual([]);
    expect([...attrs].filter((a) => !j.settings.attributes.includes(a))).toEqual([]);
  });

  it('is laid out top to bottom on a grid: no overlaps, every edge points down', () => {
    const j = built(t);
    const at = new Map(j.nodes.map((n) => [n.id, n.position]));
    const spots = j.nodes.map((n) => `${n.position.x},${n.position.y}`);
    expect(new Set(spots).size).toBe(spots.length);
    for (const n of j.nodes) {
      expect(n.position.x % X_GAP).toBe(0);
      expect(n.position.y % Y_GAP).toBe(0);
    }
    for (const e of j.edges) expect(at.get(e.target)!.y, `${e.source} -> ${e.target}`).toBeGreaterThan(at.get(e.source)!.y);
    const triggers = j.nodes.filter((n) => n.type.startsWith('trigger.'));
    for (const tr of triggers) expect(tr.position.y).toBe(0);
  });
});
