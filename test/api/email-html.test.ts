/**
 * HTML email on the real stack (embedded PostgreSQL, Temporal dev server, worker) and a real SMTP
 * server (`smtp-server`, support/mail-sink.ts): a journey's email written in MJML arrives as
 * multipart/alternative with responsive HTML and a plain-text part generated from it, Liquid
 * output escaped in the HTML, the preheader as the preview line, and the List-Unsubscribe
 * headers of marketing email; the message row keeps both parts. Its links and open pixel go
 * through Cairn (one event per message and link, a redirect only to targets kept on the row). A
 * plain-text email stays plain.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, useStack, type Stack } from './support/stack.js';
import { startMailSink, type MailSink } from './support/mail-sink.js';

let s: Stack;
let sink: MailSink;

useStack(
  (stack) => (s = stack),
  async () => {
    sink = await startMailSink();
    return { SMTP_URL: sink.url, SMTP_FROM: 'Shop <hello@shop.example>' };
  },
);
afterAll(() => sink?.close());

const MJML = `<mjml>
  <mj-body background-color="#f4f4f4">
    <mj-section background-color="#ffffff">
      <mj-column>
        <mj-text font-size="18px">Chào {{ customer.firstName }},</mj-text>
        <mj-text>Your cart is waiting.</mj-text>
        <mj-button href="https://shop.example/cart">Back to your cart</mj-button>
        <mj-text font-size="11px"><a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

const journey = (id: string, email: Record<string, unknown>) => ({
  id,
  name: id,
  nodes: [
    { id: 'cart', type: 'trigger.event', event: `${id} started` },
    { id: 'mail', type: 'action.email', ...email },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'cart', target: 'mail' },
    { id: 'e2', source: 'mail', target: 'done' },
  ],
});

describe('HTML email from MJML (real SMTP server)', () => {
  it('arrives as multipart HTML and text with the List-Unsubscribe headers', async () => {
    await s.publish(journey('html-mail', { subject: 'Your cart, {{ customer.firstName }}', preheader: 'Still thinking it over?', body: MJML, format: 'mjml' }));
    await s.post('/v1/identify', { userId: 'lan', traits: { firstName: 'Lan <b>', email: 'lan@example.test' } });
    await s.post('/v1/track', { userId: 'lan', event: 'html-mail started', messageId: 'lan-cart' });
    const [row] = await eventually(
      () => s.db.message.findMany({ where: { journeyId: 'html-mail' } }),
      (r) => r.length === 1 && r[0]!.status !== 'claimed',
    );
    expect(row).toMatchObject({ status: 'sent', provider: 'smtp' });
    await eventually(async () => sink.mails.length, (n) => n === 1);
    const mail = sink.mails[0]!;
    expect(mail.to).toBe('lan@example.test');
    expect(mail.headers.get('content-type')).toMatch(/^multipart\/alternative;/);
    expect(mail.headers.get('subject')).toContain('Your cart');
    expect(mail.headers.get('list-unsubscribe')).toMatch(/^<http:\/\/localhost:\d+\/u\/[^>]+>$/);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    const html = mail.parts.get('text/html') ?? '';
    const text = mail.parts.get('text/plain') ?? '';
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('@media only screen and (min-width:480px)');
    expect(html).toContain('Chào Lan &lt;b&gt;,');
    expect(html).toContain('Still thinking it over?');
    const unsubscribe = /<(http[^>]+)>/.exec(mail.headers.get('list-unsubscribe') ?? '')?.[1] ?? '';
    expect(html).toContain(`href="${unsubscribe}"`);
    // The text part: the preheader first (as for every email), then the HTML's words and links.
    expect(text).toMatch(/^Still thinking it over\?\r?\n\r?\nChào Lan <b>,/);
    expect(text).toContain('Back to your cart [https://shop.example/cart]');
    expect(text).not.toContain('<mj-');

    // The row keeps what the provider received: both parts.
    const content = row!.content as Record<string, string>;
    expect(content.html).toBe(html.replace(/\r\n/g, '\n'));
    expect(content.body).toContain('Chào Lan <b>,');

    // Links go through Cairn (but the unsubscribe link), and an open pixel is added.
    expect(html).not.toContain('href="https://shop.example/cart"');
    expect(JSON.parse(content.tracked_links ?? '[]')).toEqual(['https://shop.example/cart']);
    const tracked = /href="(http:\/\/localhost:\d+\/v1\/t\/c\/[^"]+)"/.exec(html)?.[1] ?? '';
    const pixel = /<img src="(http:\/\/localhost:\d+\/v1\/t\/o\/[^"]+)"/.exec(html)?.[1] ?? '';
    expect(tracked).not.toBe('');
    expect(pixel).not.toBe('');
    const local = (u: string) => `${s.url}${new URL(u).pathname}`;
    for (let i = 0; i < 2; i++) {
      const click = await fetch(local(tracked), { redirect: 'manual' });
      expect(click.status).toBe(302);
      expect(click.headers.get('location')).toBe('https://shop.example/cart');
      const open = await fetch(local(pixel));
      expect(open.status).toBe(200);
      expect(open.headers.get('content-type')).toBe('image/gif');
    }
    const events = await s.db.event.findMany({ where: { customerId: 'lan', name: { in: ['Email Opened', 'Email Link Clicked'] } }, orderBy: { name: 'asc' } });
    expect(events.map((e) => [e.name, e.properties])).toEqual([
      ['Email Link Clicked', { messageId: row!.id, channel: 'email', journeyId: 'html-mail', nodeId: 'mail', url: 'https://shop.example/cart', link: 0 }],
      ['Email Opened', { messageId: row!.id, channel: 'email', journeyId: 'html-mail', nodeId: 'mail' }],
    ]);
    // No open redirect: a token that does not verify, or names no link, goes nowhere.
    const forged = local(tracked).replace(/\.0\.[\w-]{22}$/, '.0.AAAAAAAAAAAAAAAAAAAAAA');
    expect((await fetch(forged, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(local(tracked).replace('/v1/t/c/', '/v1/t/o/'), { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${s.url}/v1/t/c/https%3A%2F%2Fevil.example`, { redirect: 'manual' })).status).toBe(404);
  }, 90_000);

  it('keeps a plain-text email plain', async () => {
    await s.publish(journey('text-mail', { subject: 'Plain', body: 'Hi {{ customer.firstName }}' }));
    await s.post('/v1/track', { userId: 'lan', event: 'text-mail started', messageId: 'lan-text' });
    await eventually(async () => sink.mails.length, (n) => n === 2);
    const mail = sink.mails[1]!;
    expect(mail.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(mail.parts.get('text/plain')).toBe('Hi Lan <b>');
  }, 90_000);
});
