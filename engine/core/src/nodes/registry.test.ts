import { Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { JourneyNode, CATEGORY_ORDER, assertNever, definitionOf, nodeKinds } from './registry.js';
import type { NodeType } from './registry.js';

const liquid = new Liquid({ strictFilters: true });

/** A typical mistake per kind, and the path zod must report it at. */
const BAD: Record<NodeType, { patch: Record<string, unknown>; path: (string | number)[]; message?: RegExp }> = {
  'trigger.event': { patch: { event: '' }, path: ['event'], message: /name the event/ },
  'trigger.segment': { patch: { conditions: { op: 'xor', rules: [] } }, path: ['conditions', 'op'] },
  'trigger.segment-entered': { patch: { segmentId: 'x'.repeat(101) }, path: ['segmentId'] },
  'condition.in-segment': { patch: { segmentName: 7 }, path: ['segmentName'] },
  'trigger.attribute': { patch: { attribute: '' }, path: ['attribute'], message: /name the attribute/ },
  'trigger.manual': { patch: { id: 'has space' }, path: ['id'], message: /letters, digits/ },
  'trigger.custom': { patch: { config: { formId: 'x'.repeat(65) } }, path: ['config', 'formId'] },
  'trigger.schedule': { patch: { schedule: { kind: 'recurring', every: 'week', at: '25:00' } }, path: ['schedule', 'at'], message: /time like 09:30/ },
  'wait.delay': { patch: { duration: { amount: -1, unit: 'days' } }, path: ['duration', 'amount'] },
  'wait.window': { patch: { start: '9am' }, path: ['start'], message: /time like 09:30/ },
  'wait.date': { patch: { at: '9:00' }, path: ['at'], message: /time like 09:30/ },
  'wait.event': { patch: { timeout: { amount: 1, unit: 'years' } }, path: ['timeout', 'unit'] },
  'condition.split': { patch: { branches: [] }, path: ['branches'], message: /at least one branch/ },
  'condition.random': {
    patch: { variants: [{ id: 'a', label: 'A', percent: 60 }, { id: 'b', label: 'B', percent: 60 }] },
    path: ['variants'],
    message: /add up to 100/,
  },
  'action.email': { patch: { topic: 'Promotions!' }, path: ['topic'], message: /lower-case/ },
  'action.sms': { patch: { body: 'x'.repeat(1601) }, path: ['body'] },
  'action.push': { patch: { translations: { english: { title: 'Hi' } } }, path: ['translations', 'english'], message: /locale like/ },
  'action.chat': { patch: { app: 'icq' }, path: ['app'] },
  'action.webhook': { patch: { url: 'ftp://example.com/x' }, path: ['url'], message: /http\(s\) URL/ },
  'action.updateAttribute': { patch: { attribute: 'first name' }, path: ['attribute'], message: /letters, digits and "_"/ },
  'action.tag': { patch: { tag: '' }, path: ['tag'], message: /name the tag/ },
  'action.assignRep': { patch: { rep: 'not-an-email' }, path: ['rep'] },
  'action.custom': { patch: { config: { prefix: 'lower case' } }, path: ['config', 'prefix'], message: /upper-case/ },
  exit: { patch: { reason: 'x'.repeat(121) }, path: ['reason'] },
  goal: { patch: { event: '' }, path: ['event'], message: /name the conversion event/ },
};

describe('registry', () => {
  it('lists every kind once, each in a known category', () => {
    const types = nodeKinds().map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types.sort()).toEqual(Object.keys(BAD).sort());
    for (const d of nodeKinds()) expect(CATEGORY_ORDER).toContain(d.category);
  });

  it('throws on an unknown kind, naming it', () => {
    expect(() => definitionOf('action.fax')).toThrow('unknown node type "action.fax"');
  });

  it('assertNever throws with the value', () => {
    expect(() => assertNever('x' as never)).toThrow('unexpected value: "x"');
  });
});

describe.each(nodeKinds().map((d) => [d.type, d] as const))('%s', (type, def) => {
  const fresh = def.create('n1');

  it('accepts its own create() output, unchanged by defaults', () => {
    expect(def.schema.parse(fresh)).toEqual(fresh);
    expect(JourneyNode.parse(fresh)).toEqual(fresh);
    expect(fresh).toMatchObject({ id: 'n1', type });
  });

  it('rejects a typical bad value at a useful path', () => {
    const bad = BAD[type];
    const res = JourneyNode.safeParse({ ...fresh, ...bad.patch });
    expect(res.success).toBe(false);
    const issue = res.error!.issues.find((i) => JSON.stringify(i.path) === JSON.stringify(bad.path));
    expect(issue, JSON.stringify(res.error!.issues)).toBeDefined();
    if (bad.message) expect(issue!.message).toMatch(bad.message);
  });

  it('declares outputs with unique ids, none for exits and goals', () => {
    const outs = def.outputs(fresh);
    expect(new Set(outs.map((o) => o.id)).size).toBe(outs.length);
    if (type === 'exit' || type === 'goal') expect(outs).toEqual([]);
    else expect(outs.length).toBeGreaterThan(0);
    for (const o of outs) expect(o.label.length).toBeGreaterThan(0);
  });

  it('has behaviour matching its category, and the methods that behaviour needs', () => {
    const expected = { trigger: ['trigger'], wait: ['wait'], condition: ['condition'], action: ['effect', 'exit'], goal: ['goal'] }[def.category];
    expect(expected).toContain(def.behaviour);
    if (def.behaviour === 'trigger' || def.behaviour === 'goal') expect(typeof def.matchesEvent).toBe('function');
    if (def.behaviour === 'wait') expect(def.outputs(fresh).map((o) => o.id)).toContain(def.timeoutOutput);
    if (def.behaviour === 'condition') expect(typeof def.choose).toBe('function');
    if (def.behaviour === 'effect') expect(typeof def.simulate).toBe('function');
  });

  it('has default templates that parse', () => {
    for (const { template } of def.templates?.(fresh) ?? []) expect(() => liquid.parse(template)).not.toThrow();
  });
});
