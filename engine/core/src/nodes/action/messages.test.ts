import { describe, expect, it } from 'vitest';
import { renderScope, renderTemplate } from '../../content/render.js';
import type { CustomerEvent } from '../../rules/facts.js';
import type { ActionDefinition, SimulationContext } from '../define.js';
import type { ChatNode} from './chat.js';
import { sendChat as chatDef } from './chat.js';
import type { EmailNode} from './email.js';
import { sendEmail as emailDef } from './email.js';
import { localised } from './message.js';
import type { PushNode} from './push.js';
import { sendPush as pushDef } from './push.js';
import type { SmsNode} from './sms.js';
import { sendSms as smsDef } from './sms.js';

// Seen through the general contract, as the compiler and the simulator see them.
const sendEmail = emailDef as ActionDefinition<'action.email', typeof EmailNode>;
const sendSms = smsDef as ActionDefinition<'action.sms', typeof SmsNode>;
const sendChat = chatDef as ActionDefinition<'action.chat', typeof ChatNode>;
const sendPush = pushDef as ActionDefinition<'action.push', typeof PushNode>;

/** A simulation context whose render is the real Liquid renderer. */
function ctx(attributes: Record<string, unknown> = {}, suppressed: string[] = [], event?: CustomerEvent): SimulationContext {
  return {
    customerId: 'c1',
    facts: { attributes, history: [], now: 0, ...(event ? { event } : {}) },
    timeZone: 'UTC',
    suppressed: new Set(suppressed),
    render: (t) => renderTemplate(t, renderScope('c1', attributes, event, { id: 'j1', name: 'Welcome' }, { unsubscribe_url: 'https://u' })),
  };
}

describe('action.email', () => {
  const node = { ...sendEmail.create('m'), subject: 'Hi {{ customer.firstName | default: "there" }}', body: 'Order {{ event.properties.orderId }} · {{ journey.name }} · {{ unsubscribe_url }}' };
  it('contacts by email and renders subject, preheader and body', () => {
    expect(sendEmail.contacts!(node)).toBe('email');
    const out = sendEmail.simulate(node, ctx({ firstName: 'Lan' }, [], { name: 'Order Completed', at: 0, properties: { orderId: 'A7' } }));
    expect(out).toEqual({
      output: 'next',
      status: 'sent',
      reason: 'would send email',
      detail: { subject: 'Hi Lan', preheader: '', body: 'Order A7 · Welcome · https://u' },
    });
  });
  it('uses the default filter when the attribute is missing', () => {
    expect((sendEmail.simulate(node, ctx()).detail as { subject: string }).subject).toBe('Hi there');
  });
  it('is suppressed for a customer who refused email, or everything', () => {
    for (const s of ['email', 'all']) {
      expect(sendEmail.simulate(node, ctx({}, [s]))).toEqual({ output: 'next', status: 'suppressed', reason: 'the customer refused contact on email' });
    }
    expect(sendEmail.simulate(node, ctx({}, ['sms'])).status).toBe('sent');
  });
  it('fails with the template error instead of throwing', () => {
    const out = sendEmail.simulate({ ...node, body: '{% if x %}' }, ctx());
    expect(out.status).toBe('failed');
    expect(out.reason).toMatch(/^template error: .*not closed/);
  });
  it('picks the translation by locale: exact, then language, then default', () => {
    const t = { ...node, subject: 'Hello', body: 'Body', translations: { vi: { subject: 'Xin chào' }, 'pt-BR': { subject: 'Olá', body: 'Corpo' } } };
    const subject = (locale?: string) => (sendEmail.simulate(t, ctx(locale ? { locale } : {})).detail as { subject: string; body: string });
    expect(subject('vi').subject).toBe('Xin chào');
    expect(subject('vi-VN')).toMatchObject({ subject: 'Xin chào', body: 'Body' });
    expect(subject('pt-BR')).toMatchObject({ subject: 'Olá', body: 'Corpo' });
    expect(subject('fr').subject).toBe('Hello');
    expect(subject().subject).toBe('Hello');
  });
  it('lists every template, translations included', () => {
    const t = { ...node, translations: { vi: { subject: 'S', body: 'B' } } };
    expect(sendEmail.templates!(t).map((x) => x.field)).toEqual(['subject', 'preheader', 'body', 'translations.vi.subject', 'translations.vi.body']);
  });
});

describe('localised', () => {
  it('ignores a missing or non-string locale', () => {
    expect(localised({ a: '1' }, { vi: { a: '2' } }, undefined)).toEqual({ a: '1' });
    expect(localised({ a: '1' }, { vi: { a: '2' } }, 42)).toEqual({ a: '1' });
  });
});

describe.each([
  ['sms', sendSms],
  ['chat', sendChat],
] as const)('action.%s', (channel, def) => {
  const node = { ...def.create('m'), body: 'Hi {{ customer.firstName | default: "there" }}', translations: { vi: { body: 'Chào {{ customer.firstName }}' } } } as never;
  it('contacts on its channel and renders the body, translated', () => {
    expect(def.contacts!(node)).toBe(channel);
    expect(def.simulate(node, ctx({ firstName: 'Minh' }))).toMatchObject({ status: 'sent', detail: { body: 'Hi Minh' } });
    expect(def.simulate(node, ctx({ firstName: 'Minh', locale: 'vi' }))).toMatchObject({ detail: { body: 'Chào Minh' } });
    expect(def.templates!(node).map((t) => t.field)).toEqual(['body', 'translations.vi.body']);
  });
  it('honours suppression', () => {
    expect(def.simulate(node, ctx({}, [channel])).status).toBe('suppressed');
  });
});

describe('action.push', () => {
  const node = { ...sendPush.create('p'), title: '{{ customer.firstName }}, your cart', body: 'Tap', url: 'https://shop/c/{{ customer.id }}' };
  it('renders title, body and url', () => {
    expect(sendPush.contacts!(node)).toBe('push');
    expect(sendPush.simulate(node, ctx({ firstName: 'An' })).detail).toEqual({ title: 'An, your cart', body: 'Tap', url: 'https://shop/c/c1' });
    expect(sendPush.simulate(node, ctx({}, ['push'])).status).toBe('suppressed');
  });
  it('lists its translations as templates too', () => {
    const t = { ...node, translations: { vi: { title: 'Giỏ hàng {{ customer.firstName }}' } } };
    expect(sendPush.templates!(t).map((x) => x.field)).toEqual(['title', 'body', 'url', 'translations.vi.title']);
    expect(sendPush.simulate(t, ctx({ firstName: 'An', locale: 'vi' })).detail).toMatchObject({ title: 'Giỏ hàng An', body: 'Tap' });
  });
});
