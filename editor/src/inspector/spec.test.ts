import { describe, expect, it } from 'vitest';
import { definitionOf, nodeKinds } from '@cairn/core';
import { defaultFor, fieldsOf, humanize, specFor } from './spec.js';

const field = (type: string, key: string) => fieldsOf(definitionOf(type).schema).find((f) => f.key === key);

describe('schema → form', () => {
  it('maps shared value types to their widgets', () => {
    expect(field('wait.delay', 'duration')?.spec.kind).toBe('duration');
    expect(field('wait.window', 'days')?.spec.kind).toBe('days');
    expect(field('wait.window', 'start')?.spec.kind).toBe('time');
    expect(field('trigger.event', 'filter')?.spec.kind).toBe('ruleGroup');
    expect(field('wait.event', 'where')?.spec.kind).toBe('propertyRules');
  });

  it('maps plain types: enums, numbers with bounds, booleans, long text, formats', () => {
    expect(field('action.webhook', 'method')?.spec).toEqual({ kind: 'enum', options: ['POST', 'PUT', 'PATCH', 'GET'] });
    expect(field('condition.random', 'holdoutPercent')?.spec).toEqual({ kind: 'number', int: false, min: 0, max: 100 });
    expect(field('action.email', 'transactional')?.spec.kind).toBe('boolean');
    expect(field('action.email', 'body')?.spec).toEqual({ kind: 'text', multiline: true });
    expect(field('action.email', 'subject')?.spec).toEqual({ kind: 'text', multiline: false });
    expect(field('action.webhook', 'url')?.spec).toEqual({ kind: 'text', multiline: false, format: 'url' });
  });

  it('marks optional fields and describes lists, records and unions', () => {
    expect(field('wait.event', 'timeout')?.optional).toBe(true);
    expect(field('wait.event', 'event')?.optional).toBe(false);
    const branches = field('condition.split', 'branches')?.spec;
    expect(branches?.kind).toBe('array');
    if (branches?.kind === 'array' && branches.item.kind === 'object') {
      expect(branches.item.fields.map((f) => f.key)).toEqual(['id', 'label', 'rules']);
    } else throw new Error('branches should be a list of objects');
    const tr = field('action.email', 'translations')?.spec;
    expect(tr?.kind).toBe('record');
    if (tr?.kind === 'record') expect(tr.value.kind).toBe('object');
    const sched = field('trigger.schedule', 'schedule')?.spec;
    expect(sched?.kind === 'union' && sched.options.map((o) => o.value)).toEqual(['once', 'recurring']);
  });

  it('gives every field of every registered kind a widget other than raw JSON', () => {
    for (const def of nodeKinds()) {
      for (const f of fieldsOf(def.schema)) expect(`${def.type}.${f.key}:${f.spec.kind}`).not.toMatch(/:json$/);
    }
  });

  it('builds defaults from the schema', () => {
    const sched = field('trigger.schedule', 'schedule')!;
    const spec = sched.spec;
    if (spec.kind !== 'union') throw new Error('union expected');
    expect(defaultFor(spec.options[1]!.schema)).toEqual({ kind: 'recurring', every: 'day', at: '09:00', daysOfWeek: [] });
    expect(defaultFor(field('action.assignRep', 'dueIn')!.schema)).toEqual({ amount: 1, unit: 'days' });
    expect(defaultFor(field('wait.event', 'timeout')!.schema)).toEqual({ amount: 1, unit: 'days' });
    expect(specFor(definitionOf('exit').schema).kind).toBe('object');
    expect(humanize('reentryAfterDays')).toBe('Reentry after days');
  });
});

describe('custom actions', () => {
  it('shows the chosen action’s own config form, and resets config when the action changes', async () => {
    const { listActions, createCustomNode } = await import('@cairn/core');
    const { withActionFields, onActionChange } = await import('./custom.js');
    const [first, second] = listActions();
    if (!first || !second) throw new Error('two built-in actions expected');
    const node = createCustomNode('c1', first) as never;
    const fields = withActionFields(node, fieldsOf(definitionOf('action.custom').schema));
    expect(fields.find((f) => f.key === 'action')?.spec).toEqual({ kind: 'enum', options: listActions().map((a) => a.type) });
    const config = fields.find((f) => f.key === 'config')?.spec;
    expect(config?.kind === 'object' && config.fields.map((f) => f.key)).toEqual(Object.keys(first.config.shape));
    const switched = onActionChange(node, { ...(node as object), action: second.type } as never) as unknown as { config: unknown };
    expect(switched.config).toEqual(createCustomNode('c1', second).config);
  });
});
