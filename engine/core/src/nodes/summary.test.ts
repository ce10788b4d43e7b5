import { describe, expect, it } from 'vitest';
import { BUILT_IN_KINDS } from './kinds.js';
import { summaryOf } from './summary.js';
import { daysInWords, firstLine } from './words.js';

const node = (type: string, fields: Record<string, unknown>) => ({ id: 'n', type, position: { x: 0, y: 0 }, ...fields });

describe('node summaries (the line under a node title)', () => {
  it('every built-in kind says what a fresh node is set to, except those whose title says it all', () => {
    const silent = new Set(['trigger.manual', 'exit', 'action.custom']);
    for (const def of BUILT_IN_KINDS) {
      const s = summaryOf(def.create('n'));
      const text = typeof s === 'string' ? s : s.liquid;
      if (silent.has(def.type)) expect(text, def.type).toBe('');
      else expect(text.length, `${def.type} has no summary`).toBeGreaterThan(0);
    }
  });

  it('puts settings in words', () => {
    expect(summaryOf(node('wait.delay', { duration: { amount: 1, unit: 'days' } }))).toBe('1 day');
    expect(summaryOf(node('wait.delay', { duration: { amount: 3, unit: 'hours' } }))).toBe('3 hours');
    expect(summaryOf(node('trigger.event', { event: 'Signed Up' }))).toBe('“Signed Up”');
    expect(summaryOf(node('wait.window', { days: [1, 2, 3, 4, 5], start: '09:00', end: '11:00' }))).toBe('09:00–11:00, Mon–Fri');
    expect(summaryOf(node('wait.event', { event: 'Order Completed', timeout: { amount: 3, unit: 'days' } }))).toBe('“Order Completed”, up to 3 days');
    expect(summaryOf(node('action.tag', { tag: 'vip', remove: true }))).toBe('remove “vip”');
    expect(summaryOf(node('action.webhook', { url: 'https://hooks.example.com/x?y=1', method: 'POST' }))).toBe('POST hooks.example.com');
    expect(summaryOf(node('trigger.schedule', { schedule: { kind: 'recurring', every: 'week', at: '09:00', daysOfWeek: [1, 3] } }))).toBe('every week on Mon, Wed at 09:00');
    expect(summaryOf(node('trigger.schedule', { schedule: { kind: 'once', at: '2026-12-01T09:00:00+07:00' } }))).toBe('once, 2026-12-01 09:00 (UTC+07:00)');
    expect(summaryOf(node('condition.random', { variants: [{ id: 'a', label: 'A', percent: 45 }, { id: 'b', label: 'B', percent: 45 }], holdoutPercent: 10 }))).toBe('A 45% · B 45% · holdout 10%');
    expect(summaryOf(node('exit', { reason: 'bought' }))).toBe('bought');
  });

  it('gives a message its first line as a template to render', () => {
    expect(summaryOf(node('action.sms', { body: '\n  Hi {{ customer.firstName }}!\nSecond line' }))).toEqual({ liquid: 'Hi {{ customer.firstName }}!' });
    expect(summaryOf(node('action.email', { subject: 'Welcome, {{ customer.firstName }}', body: 'x' }))).toEqual({ liquid: 'Welcome, {{ customer.firstName }}' });
    expect(summaryOf(node('action.push', { title: ' ', body: 'Your cart misses you', url: '' }))).toEqual({ liquid: 'Your cart misses you' });
  });

  it('never throws on a half-edited or unknown node', () => {
    expect(summaryOf({ type: 'no.such.kind' })).toBe('');
    expect(summaryOf(node('wait.window', {}))).toBe('');
  });

  it('words for days and first lines', () => {
    expect(daysInWords([])).toBe('every day');
    expect(daysInWords([0, 1, 2, 3, 4, 5, 6])).toBe('every day');
    expect(daysInWords([6, 0])).toBe('Sun, Sat');
    expect(daysInWords([1, 2])).toBe('Mon, Tue');
    expect(firstLine('\n\n  a b \nc')).toBe('a b');
    expect(firstLine('   ')).toBe('');
  });
});
