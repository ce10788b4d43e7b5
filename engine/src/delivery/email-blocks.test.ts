import { describe, expect, it } from 'vitest';
import { checkEmptyContent } from '@cairn/core/internal/checks/empty-content';
import { emailBlocksToMjml, emailBlockTemplates, EmailBlock } from '@cairn/core/internal/nodes/action/email-blocks';
import { EmailNode } from '@cairn/core/internal/nodes/action/email';
import { markupOf, renderMessage } from './content.js';
import { compileMjml } from './mjml.js';

const BLOCKS = [
  { id: 'h', kind: 'heading', text: 'Hello {{ customer.firstName | default: "there" }} & friends' },
  { id: 't', kind: 'text', text: 'Your <picks> are in.\nSee them before {{ event.properties.until }}.' },
  { id: 'i', kind: 'image', src: 'https://cdn.shop.example/spring.png', alt: 'Spring {{ customer.city }}', href: 'https://shop.example/img' },
  { id: 'd', kind: 'divider' },
  { id: 's', kind: 'spacer', height: 32 },
  { id: 'c', kind: 'columns', left: 'Left for {{ customer.firstName }}', right: 'Right side' },
  { id: 'b', kind: 'button', label: 'Shop {{ customer.city }}', href: 'https://shop.example/spring?c={{ customer.id }}', color: '#16a34a' },
  { id: 'x', kind: 'button', label: 'Bad link', href: 'javascript:alert(1)' },
].map((b) => EmailBlock.parse(b));

const node = (extra: Record<string, unknown> = {}) =>
  EmailNode.parse({ id: 'e', type: 'action.email', subject: 'For {{ customer.firstName }}', body: '', format: 'blocks', blocks: BLOCKS, ...extra });

const customer = { id: 'cust&1', attributes: { firstName: 'Lan <b>', city: 'Hà Nội' } };
const event = { name: 'Cart', properties: { until: 'Friday' }, occurredAt: new Date(0).toISOString() } as never;

describe('block emails', () => {
  it('compile to MJML in block order, literal text escaped and Liquid kept as written', () => {
    const mjml = emailBlocksToMjml(BLOCKS);
    expect(mjml).toMatch(/^<mjml>/);
    expect(mjml).toContain('Hello {{ customer.firstName | default: "there" }} &#38; friends');
    expect(mjml).toContain('Your &#60;picks&#62; are in.<br />See them');
    const order = ['Hello', 'Your', 'mj-image', 'mj-divider', 'mj-spacer height="32px"', 'Left for', 'Shop {{'].map((s) => mjml.indexOf(s));
    expect(order.every((v, i) => v >= 0 && (i === 0 || v > order[i - 1]!))).toBe(true);
    // The two columns are one section of their own, so they stack on a phone.
    expect(mjml).toMatch(/<mj-section[^>]*>\s*<mj-column>\s*<mj-text[^>]*>Left for[\s\S]*?<\/mj-column>\s*<mj-column>\s*<mj-text[^>]*>Right side/);
    expect(mjml).not.toContain('javascript:');
    expect(mjml).toContain('>Bad link</mj-button>');
  });

  it('render for a customer and send as HTML with a generated plain-text part', async () => {
    const n = node();
    expect(markupOf(n)).toEqual({ field: 'body', language: 'mjml' });
    const rendered = renderMessage(n, customer, event, undefined);
    const { html, text } = await compileMjml(rendered.body!, 'Preview line');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('Hello Lan &lt;b&gt; &#38; friends');
    expect(html).toContain('Your &#60;picks&#62; are in.<br />See them before Friday.');
    expect(html).toContain('src="https://cdn.shop.example/spring.png"');
    expect(html).toContain('alt="Spring Hà Nội"');
    expect(html).toContain('href="https://shop.example/spring?c=cust&amp;1"');
    expect(html).toContain('background:#16a34a');
    expect(html).toContain('Left for Lan &lt;b&gt;');
    expect(html).not.toContain('javascript:');
    expect(text).toContain('Hello Lan <b> & friends\nYour <picks> are in.');
    expect(text).toContain('Shop Hà Nội [https://shop.example/spring?c=cust&1]');
    expect(text).toContain('See them before Friday.');
    expect(text).toContain('Left for Lan <b>');
    expect(rendered.subject).toBe('For Lan <b>');
  });

  it('exposes each block field to the template checks, and an email with no blocks is empty', () => {
    expect(emailBlockTemplates(BLOCKS).map((t) => t.field)).toContain('blocks.6.href');
    const empty = node({ blocks: [] });
    const problems = checkEmptyContent({ nodes: new Map([['e', empty]]) } as never);
    expect(problems.map((p) => p.field)).toEqual(['body']);
    expect(checkEmptyContent({ nodes: new Map([['e', node()]]) } as never)).toEqual([]);
  });

  it('takes a translated subject; a translated body only when it is MJML', () => {
    const vi = { ...customer, attributes: { ...customer.attributes, locale: 'vi' } };
    const plain = renderMessage(node({ translations: { vi: { subject: 'Chào {{ customer.firstName }}', body: 'Xin chào' } } }), vi, event, undefined);
    expect(plain.subject).toBe('Chào Lan <b>');
    expect(plain.body).toContain('Hello Lan &lt;b&gt; &#38; friends');
    const own = renderMessage(node({ translations: { vi: { body: '<mjml><mj-body></mj-body></mjml>' } } }), vi, event, undefined);
    expect(own.body).toBe('<mjml><mj-body></mj-body></mjml>');
  });

  it('leaves text and MJML bodies as they were', () => {
    const plain = EmailNode.parse({ id: 'e', type: 'action.email', subject: 's', body: 'Hi {{ customer.firstName }}' });
    expect(markupOf(plain)).toBeUndefined();
    expect(renderMessage(plain, customer, undefined, undefined).body).toBe('Hi Lan <b>');
    const mjml = EmailNode.parse({ id: 'e', type: 'action.email', subject: 's', body: '<mjml></mjml>', format: 'mjml', blocks: BLOCKS });
    expect(renderMessage(mjml, customer, undefined, undefined).body).toBe('<mjml></mjml>');
  });
});
