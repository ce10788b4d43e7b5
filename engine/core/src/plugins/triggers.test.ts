import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { paletteItems } from '../nodes/palette.js';
import { summaryOf } from '../nodes/summary.js';
import { customTrigger } from '../nodes/trigger/custom.js';
import { typeformSubmitted } from './actions/typeform.js';
import { defineTrigger, TriggerRefusal, type InboundCall } from './define-trigger.js';

const raw = JSON.stringify({ event_id: 'e', event_type: 'form_response', form_response: { form_id: 'F', token: 't1', hidden: { user_id: 'u1' }, calculated: { score: 3 }, answers: [{ type: 'choices', choices: { labels: ['a', 'b'] }, field: { id: 'x', ref: 'tags' } }, { type: 'number', number: 4, field: { id: 'y' } }] } });
const call = (over: Partial<InboundCall> = {}): InboundCall => ({
  body: JSON.parse(raw),
  rawBody: raw,
  headers: { 'typeform-signature': `sha256=${createHmac('sha256', 'k').update(raw).digest('base64')}` },
  query: {},
  secret: (name) => (name === 'TYPEFORM' ? 'k' : undefined),
  ...over,
});

describe('defineTrigger: the Typeform trigger', () => {
  it('reads a signed delivery into the customer and properties', async () => {
    expect(await typeformSubmitted.receive(call())).toEqual([
      { userId: 'u1', messageId: 'typeform:t1', properties: { formId: 'F', responseId: 't1', score: 3, answers: { tags: ['a', 'b'], y: 4 }, hidden: { user_id: 'u1' } } },
    ]);
  });

  it('refuses with a status: no secret on the server (403), a bad signature (401)', async () => {
    await expect(async () => typeformSubmitted.receive(call({ secret: () => undefined }))).rejects.toMatchObject({ status: 403 });
    const bad = typeformSubmitted.receive(call({ headers: { 'typeform-signature': 'sha256=AAAA' } }));
    await expect(bad).rejects.toBeInstanceOf(TriggerRefusal);
    await expect(bad).rejects.toMatchObject({ status: 401 });
  });

  it('starts a journey when its form (and score) match; simulated and summarised from the config', () => {
    const node = (config: Record<string, unknown>) => ({ id: 'n', type: 'trigger.custom' as const, position: { x: 0, y: 0 }, trigger: 'typeform.submitted', config });
    const event = { name: '$trigger.typeform.submitted', at: 0, properties: { formId: 'F', score: 3 } };
    expect(customTrigger.matchesEvent(node({ formId: 'F' }), event)).toBe(true);
    expect(customTrigger.matchesEvent(node({ formId: 'G' }), event)).toBe(false);
    expect(customTrigger.matchesEvent(node({ formId: '' }), event)).toBe(true);
    expect(customTrigger.matchesEvent(node({ formId: 'F', minScore: 5 }), event)).toBe(false);
    expect(customTrigger.matchesEvent(node({ formId: 'F' }), { ...event, name: 'Form Submitted' })).toBe(false);
    expect(customTrigger.startEvent?.(node({ formId: 'F' }), 5)).toMatchObject({ name: '$trigger.typeform.submitted', properties: { formId: 'F' } });
    expect(summaryOf(node({ formId: 'F' }))).toBe('form F');
    expect(paletteItems().find((i) => i.key === 'trigger.custom:typeform.submitted')).toMatchObject({ category: 'trigger', group: 'Forms' });
  });

  it('refuses a declaration that could not work', () => {
    const base = { title: 'X', description: '', config: z.object({}), receive: () => [] };
    expect(() => defineTrigger({ ...base, type: 'Bad Type' })).toThrow(/dotted lower camel case/);
    expect(() => defineTrigger({ ...base, type: 'a.b', version: 2 })).toThrow(/needs migrate/);
  });
});
