import { describe, expect, it } from 'vitest';
import { EmailNode } from '@cairn/core/internal/nodes/action/email';
import { RenderError, renderMessage } from './content.js';
import { compileMjml, withPreview } from './mjml.js';

const MJML = `<mjml><mj-body><mj-section><mj-column>
  <mj-text>Hi {{ customer.firstName }},</mj-text>
  <mj-button href="https://shop.example/cart?c={{ customer.id }}">See your cart</mj-button>
</mj-column></mj-section></mj-body></mjml>`;

describe('MJML email bodies', () => {
  it('escapes what Liquid prints into MJML, and only there', () => {
    const node = EmailNode.parse({ id: 'e', type: 'action.email', subject: 'For {{ customer.firstName }}', body: MJML, format: 'mjml' });
    const out = renderMessage(node, { id: 'c&1', attributes: { firstName: 'Lan <b>"x"</b>' } }, undefined, undefined);
    expect(out.body).toContain('Hi Lan &lt;b&gt;&#34;x&#34;&lt;/b&gt;,');
    expect(out.body).toContain('cart?c=c&amp;1');
    expect(out.subject).toBe('For Lan <b>"x"</b>');
    // A plain-text body is not escaped.
    const text = EmailNode.parse({ id: 'e', type: 'action.email', subject: 's', body: 'Hi {{ customer.firstName }}' });
    expect(renderMessage(text, { id: 'c', attributes: { firstName: 'A & B' } }, undefined, undefined).body).toBe('Hi A & B');
  });

  it('compiles to responsive HTML with a plain-text part generated from it', async () => {
    const node = EmailNode.parse({ id: 'e', type: 'action.email', subject: 's', body: MJML, format: 'mjml' });
    const rendered = renderMessage(node, { id: 'c1', attributes: { firstName: 'Lan' } }, undefined, undefined);
    const { html, text } = await compileMjml(rendered.body!, 'Your cart misses you');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('@media only screen and (min-width:480px)');
    expect(html).toContain('href="https://shop.example/cart?c=c1"');
    expect(html).toContain('Your cart misses you');
    expect(text).toContain('Hi Lan,');
    expect(text).toContain('See your cart [https://shop.example/cart?c=c1]');
    expect(text).not.toContain('<');
    expect(text).not.toContain('Your cart misses you');
  });

  it('adds the preheader as the preview line unless the source has one', () => {
    expect(withPreview('<mjml><mj-body></mj-body></mjml>', 'Hi & bye')).toBe('<mjml><mj-head><mj-preview>Hi &#38; bye</mj-preview></mj-head><mj-body></mj-body></mjml>');
    expect(withPreview('<mjml><mj-head><mj-title>t</mj-title></mj-head></mjml>', 'p')).toBe('<mjml><mj-head><mj-preview>p</mj-preview><mj-title>t</mj-title></mj-head></mjml>');
    expect(withPreview('<mjml><mj-head><mj-preview>own</mj-preview></mj-head></mjml>', 'p')).toContain('<mj-preview>own</mj-preview></mj-head>');
    expect(withPreview('<mjml></mjml>', '')).toBe('<mjml></mjml>');
  });

  it('refuses a body that is not MJML, naming the field', async () => {
    await expect(compileMjml('Hello there', '')).rejects.toThrow(RenderError);
    await expect(compileMjml('Hello there', '')).rejects.toThrow(/template error in body: an MJML body starts with <mjml>/);
  });
});
