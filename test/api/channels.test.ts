/**
 * Channels on the real stack: the Channels page's calls (admins only, settings kept per channel,
 * a test send to oneself through the delivery path) and SMS through Twilio (embedded PostgreSQL, Temporal dev server, worker, HTTP
 * API), with the official `twilio` SDK. Twilio cannot be reached from here, so the SDK is pointed
 * (TWILIO_API_URL) at a local stand-in that speaks Twilio's documented Messages API and signs its
 * webhooks the way Twilio documents (support/twilio-standin.ts). Checked: the journey's SMS
 * reaches the stand-in with the sender, text and a status callback URL; the signed callback
 * marks the message delivered (a replay changes nothing) or failed with Twilio's error code; an
 * inbound STOP suppresses the number through the suppression writer and a later send is refused
 * without reaching Twilio; HELP answers with the help text; START lifts the suppression; forged,
 * unsigned or tampered requests get 403 and change nothing.
 */
import { createCaller } from '@cairn/api';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, freePort, useStack, type Stack } from './support/stack.js';
import { startTwilioStandIn, twilioSignature, type TwilioStandIn } from './support/twilio-standin.js';

let s: Stack;
let tw: TwilioStandIn;
let publicUrl: string;
const FROM = '+15005550006';

useStack(
  (stack) => (s = stack),
  async () => {
    tw = await startTwilioStandIn();
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    return { PORT: String(port), CAIRN_PUBLIC_URL: publicUrl, TWILIO_ACCOUNT_SID: tw.accountSid, TWILIO_AUTH_TOKEN: tw.authToken, TWILIO_FROM: FROM, TWILIO_API_URL: tw.url };
  },
);
afterAll(() => tw?.close());

const smsJourney = (id: string) => ({
  id,
  name: `SMS ${id}`,
  settings: { entry: { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 5 } },
  nodes: [
    { id: 'signed-up', type: 'trigger.event', event: 'Signed Up' },
    { id: 'text', type: 'action.sms', body: 'Xin chào {{ customer.firstName }}' },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'signed-up', target: 'text' },
    { id: 'e2', source: 'text', target: 'done' },
  ],
});

const settled = (customerId: string, count: number) =>
  eventually(
    () => s.db.message.findMany({ where: { journeyId: 'sms', customerId }, orderBy: { createdAt: 'asc' } }),
    (rows) => rows.length === count && rows.every((r) => r.status !== 'claimed'),
  );
const incomingUrl = () => `${publicUrl}/v1/providers/twilio/incoming`;
const activeStops = () => s.db.suppression.count({ where: { customerId: 'lan', channel: 'sms', removedAt: null } });

describe('SMS through Twilio (the twilio SDK against a local stand-in of its API)', () => {
  it('carries the SMS channel once TWILIO_* are set, and names its inbound URLs', async () => {
    const sms = (await s.channels.describe()).find((c) => c.channel === 'sms');
    expect(sms).toMatchObject({ provider: 'twilio', source: 'environment', configured: true, settings: { from: FROM } });
    expect(sms?.inboundUrls).toEqual({ status: `${publicUrl}/v1/providers/twilio/status`, incoming: incomingUrl() });
  });

  it('sends a journey SMS through Twilio, and the signed status callback marks it delivered (once)', async () => {
    await s.publish(smsJourney('sms'));
    await s.post('/v1/identify', { userId: 'lan', traits: { firstName: 'Lan', phone: '+84901234567' } });
    await s.post('/v1/track', { userId: 'lan', event: 'Signed Up', messageId: 'lan-1' });
    const [row] = await settled('lan', 1);
    expect(row).toMatchObject({ status: 'sent', provider: 'twilio', providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/), receipt: null });
    expect(tw.messages).toHaveLength(1);
    const sent = tw.messages[0]!;
    expect(sent).toMatchObject({ sid: row!.providerId, to: '+84901234567', from: FROM, body: 'Xin chào Lan' });
    expect(sent.auth).toBe(`Basic ${Buffer.from(`${tw.accountSid}:${tw.authToken}`).toString('base64')}`);
    expect(sent.statusCallback).toBe(`${publicUrl}/v1/providers/twilio/status?m=${row!.id}`);

    const res = await tw.statusCallback(sent.sid, 'delivered');
    expect(res.status).toBe(200);
    const delivered = await s.db.message.findUniqueOrThrow({ where: { id: row!.id } });
    expect(delivered).toMatchObject({ status: 'sent', receipt: 'delivered' });
    expect(delivered.receiptAt).toBeInstanceOf(Date);

    // Twilio retries callbacks: a replay, and a late "failed", change nothing.
    expect((await tw.statusCallback(sent.sid, 'delivered')).status).toBe(200);
    expect((await tw.statusCallback(sent.sid, 'failed', { errorCode: '30003' })).status).toBe(200);
    expect(await s.db.message.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ status: 'sent', receipt: 'delivered', receiptAt: delivered.receiptAt });

    // The receipt is a customer event too, stored once, for journeys to wait on.
    const events = await s.db.event.findMany({ where: { customerId: 'lan', name: { startsWith: 'Message ' } } });
    expect(events.map((e) => [e.name, e.properties])).toEqual([['Message Delivered', { messageId: row!.id, channel: 'sms', provider: 'twilio', journeyId: 'sms', nodeId: 'text' }]]);
  }, 90_000);

  it('refuses forged, unsigned and tampered webhooks with 403, changing nothing', async () => {
    const before = await activeStops();
    expect((await tw.incoming(incomingUrl(), '+84901234567', 'STOP', { token: 'not-the-auth-token' })).status).toBe(403);
    expect((await tw.incoming(incomingUrl(), '+84901234567', 'STOP', { signature: null })).status).toBe(403);
    // Signed for other fields than the ones sent (the text changed on the way).
    const forOther = twilioSignature(tw.authToken, incomingUrl(), { Body: 'HELLO', From: '+84901234567' });
    expect((await tw.incoming(incomingUrl(), '+84901234567', 'STOP', { signature: forOther })).status).toBe(403);
    // Signed for another URL (a callback replayed against the inbound hook).
    const elsewhere = twilioSignature(tw.authToken, `${publicUrl}/v1/providers/twilio/status`, {});
    expect((await tw.incoming(incomingUrl(), '+84901234567', 'STOP', { signature: elsewhere })).status).toBe(403);
    expect(await activeStops()).toBe(before);
    const sid = tw.messages[0]!.sid;
    expect((await tw.statusCallback(sid, 'undelivered', { token: 'not-the-auth-token' })).status).toBe(403);
  });

  it('an inbound STOP suppresses the number and a later send is refused; HELP answers; START lifts it', async () => {
    const stop = await tw.incoming(incomingUrl(), '+84 90 123 4567', 'Stop', { sid: 'SMstop0000000000000000000000000001' });
    expect(stop.status).toBe(200);
    expect(await stop.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    const suppression = await s.db.suppression.findFirstOrThrow({ where: { customerId: 'lan', channel: 'sms', removedAt: null } });
    expect(suppression).toMatchObject({ reason: 'unsubscribed', source: 'sms-stop', hard: true, note: '"Stop" via Twilio' });
    // The same STOP replayed by Twilio: still one suppression, one Unsubscribed event.
    expect((await tw.incoming(incomingUrl(), '+84 90 123 4567', 'Stop', { sid: 'SMstop0000000000000000000000000001' })).status).toBe(200);
    expect(await activeStops()).toBe(1);
    expect(await s.db.event.count({ where: { customerId: 'lan', name: 'Unsubscribed' } })).toBe(1);

    await s.post('/v1/track', { userId: 'lan', event: 'Signed Up', messageId: 'lan-2' });
    const rows = await settled('lan', 2);
    expect(rows[1]).toMatchObject({ status: 'suppressed', policyCode: 'unsubscribed' });
    expect(tw.messages).toHaveLength(1);

    const help = await tw.incoming(incomingUrl(), '+84901234567', 'help');
    expect(await help.text()).toContain('<Message>Reply STOP to stop receiving messages, START to receive them again.</Message>');

    expect((await tw.incoming(incomingUrl(), '+84901234567', 'START')).status).toBe(200);
    expect(await activeStops()).toBe(0);
    await s.post('/v1/track', { userId: 'lan', event: 'Signed Up', messageId: 'lan-3' });
    const after = await settled('lan', 3);
    expect(after[2]).toMatchObject({ status: 'sent', provider: 'twilio' });
    expect(tw.messages).toHaveLength(2);

    // Any other text is a reply: a "Message Replied" event, stored once per Twilio message.
    for (let i = 0; i < 2; i++) expect((await tw.incoming(incomingUrl(), '+84901234567', 'Còn size M không?', { sid: 'SMreply000000000000000000000000001' })).status).toBe(200);
    const replies = await s.db.event.findMany({ where: { customerId: 'lan', name: 'Message Replied' } });
    expect(replies.map((e) => e.properties)).toEqual([{ channel: 'sms', provider: 'twilio', text: 'Còn size M không?' }]);

        // Undelivered: the row turns failed with Twilio's error code.
    expect((await tw.statusCallback(tw.messages[1]!.sid, 'undelivered', { errorCode: '30003' })).status).toBe(200);
    expect(await s.db.message.findUniqueOrThrow({ where: { id: after[2]!.id } })).toMatchObject({ status: 'failed', receipt: 'failed', reason: 'Twilio: undelivered (error 30003)' });
    const failed = await s.db.event.findFirstOrThrow({ where: { customerId: 'lan', name: 'Message Failed' } });
    expect(failed.properties).toMatchObject({ messageId: after[2]!.id, reason: 'Twilio: undelivered (error 30003)' });
  }, 90_000);
});

describe('hostile requests to the provider hooks', () => {
  it('answers 404 / 405 / 4xx, never 5xx, and records nothing from them', async () => {
    const before = await s.db.suppression.count();
    for (const path of ['/v1/providers/nope/status', '/v1/providers/twilio/nope', '/v1/providers/twilio/status/extra', '/v1/providers/', '/v1/providers/%E0%A4%A/x']) {
      const res = await fetch(`${publicUrl}${path}`, { method: 'POST', body: 'x' });
      expect([404, 400], path).toContain(res.status);
    }
    expect((await fetch(incomingUrl())).status).toBe(405);
    // Signed correctly but odd: a missing or absurd sender, a huge text, control characters.
    for (const [from, body] of [['', 'STOP'], ['x'.repeat(5000), 'STOP'], ['+84901234567', 'é'.repeat(20_000)], ['\u0000', '\ud800']]) {
      const res = await tw.incoming(incomingUrl(), from!, body!);
      expect(res.status, JSON.stringify([from!.slice(0, 20), body!.slice(0, 20)])).toBeLessThan(500);
    }
    // JSON instead of a form: no fields, the signature cannot match.
    const json = await fetch(incomingUrl(), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Twilio-Signature': 'x' }, body: '{"From":"+84901234567","Body":"STOP"}' });
    expect(json.status).toBe(403);
    expect(await s.db.suppression.count()).toBe(before);

    // A STOP with a NUL after it is still STOP; the NUL cannot reach the database (it would fail the insert).
    expect((await tw.incoming(incomingUrl(), '+84901234567', 'STOP\u0000')).status).toBe(200);
    expect(await s.db.suppression.findFirst({ where: { customerId: 'lan', removedAt: null } })).toMatchObject({ note: '"STOP " via Twilio' });
    expect((await tw.incoming(incomingUrl(), '+84901234567', 'START')).status).toBe(200);
    expect(await activeStops()).toBe(0);
  });
});

describe('the Channels page (tRPC, admins only)', () => {
  it('lists each channel with its provider, and refuses members', async () => {
    const { channels, me } = await s.caller.channels.list();
    expect(me.email).toBe('admin@cairn.test');
    expect(channels.map((c) => [c.channel, c.provider])).toEqual([['email', 'log'], ['sms', 'twilio'], ['push', 'log'], ['chat', 'log']]);
    expect(channels.find((c) => c.channel === 'email')?.options.map((o) => o.name)).toEqual(['smtp', 'resend', 'postmark', 'webhook', 'log']);
    const member = createCaller({ db: s.db, runner: s.runner, clock: { now: () => Date.now() }, user: { id: 'm', email: 'member@cairn.test', name: 'M', role: 'member' }, channels: s.channels });
    await expect(member.channels.list()).rejects.toThrow(/only an admin/);
    await expect(member.channels.update({ channel: 'sms', provider: 'log' })).rejects.toThrow(/only an admin/);
  });

  it('saves a channel choice, validated by the provider, and the next send uses it', async () => {
    await expect(s.caller.channels.update({ channel: 'sms', provider: 'twilio', settings: { from: 'not a number!' } })).rejects.toThrow(/from: an E\.164 number/);
    await expect(s.caller.channels.update({ channel: 'sms', provider: 'smtp', settings: {} })).rejects.toThrow(/SMTP cannot carry sms/);
    await expect(s.caller.channels.update({ channel: 'sms', provider: 'nope', settings: {} })).rejects.toThrow(/no provider named nope/);
    const saved = await s.caller.channels.update({ channel: 'sms', provider: 'twilio', settings: { from: '+15005550009', helpText: 'Shop help: reply STOP to stop.' } });
    expect(saved).toMatchObject({ provider: 'twilio', source: 'saved', settings: { from: '+15005550009', helpText: 'Shop help: reply STOP to stop.' } });

    // "Send a test to me": through the delivery path (a message row, the provider's id) to the stand-in.
    const before = tw.messages.length;
    const test = await s.caller.channels.sendTest({ channel: 'sms', to: '+84907654321' });
    expect(test).toMatchObject({ status: 'sent', provider: 'twilio', to: '+84907654321' });
    expect(tw.messages).toHaveLength(before + 1);
    expect(tw.messages.at(-1)).toMatchObject({ to: '+84907654321', from: '+15005550009', body: expect.stringContaining('This is a test from Cairn') });
    const row = await s.db.message.findUniqueOrThrow({ where: { id: test.messageId! } });
    expect(row).toMatchObject({ channel: 'sms', transactional: true, providerId: tw.messages.at(-1)!.sid });

    // HELP now answers with the saved text.
    const help = await tw.incoming(incomingUrl(), '+84907654321', 'HELP');
    expect(await help.text()).toContain('<Message>Shop help: reply STOP to stop.</Message>');
  });

  it('sends a test of a message step, rendered for the sample customer, to me', async () => {
    const step = { id: 'remind', type: 'action.sms', body: 'Chào {{ customer.firstName }}, {{ event.properties.item }} is back' };
    const before = tw.messages.length;
    const sent = await s.caller.channels.sendTest({ node: step, sample: { firstName: 'Hoa', $event: { name: 'Viewed', properties: { item: 'the red bag' } } }, to: '+84907654321' });
    expect(sent).toMatchObject({ status: 'sent', provider: 'twilio' });
    expect(tw.messages.slice(before).map((m) => m.body)).toEqual(['Chào Hoa, the red bag is back']);
    const row = await s.db.message.findUniqueOrThrow({ where: { id: sent.messageId! } });
    expect(row).toMatchObject({ nodeId: 'remind', transactional: true, journeyId: null });
    // Email goes to one's own address only; a step that sends nothing is refused in words.
    await expect(s.caller.channels.sendTest({ node: { id: 'm', type: 'action.email', subject: 's', body: 'b' }, to: 'someone@else.test' })).rejects.toThrow(/your own address \(admin@cairn\.test\) only/);
    await expect(s.caller.channels.sendTest({ node: { id: 'w', type: 'wait.delay', duration: { amount: 1, unit: 'days' } } })).rejects.toThrow(/sends no message/);
    await expect(s.caller.channels.sendTest({ node: { id: 'x', type: 'action.sms' } })).rejects.toThrow(/the step is not valid: body/);
    // A member may test their own messages.
    const member = createCaller({ db: s.db, runner: s.runner, clock: { now: () => Date.now() }, user: { id: 'm', email: 'member@cairn.test', name: 'M', role: 'member' }, channels: s.channels });
    expect(await member.channels.sendTest({ node: { id: 'm', type: 'action.email', subject: 'Hi', body: 'Text' } })).toMatchObject({ status: 'sent', to: 'member@cairn.test' });
  });

  it('previews an MJML email step as HTML and text for the sample customer', async () => {
    const node = { id: 'm', type: 'action.email', format: 'mjml', subject: 'For {{ customer.firstName }}', preheader: 'Soon', body: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{ customer.firstName }}</mj-text></mj-column></mj-section></mj-body></mjml>' };
    const preview = await s.caller.channels.previewEmail({ node, sample: { firstName: 'Hoa <i>' } });
    expect(preview.subject).toBe('For Hoa <i>');
    expect(preview.html).toContain('Hi Hoa &lt;i&gt;');
    expect(preview.html).toContain('@media only screen');
    expect(preview.text).toBe('Hi Hoa <i>');
    await expect(s.caller.channels.previewEmail({ node: { ...node, body: 'not mjml' } })).rejects.toThrow(/an MJML body starts with <mjml>/);
    expect(await s.caller.channels.previewEmail({ node: { id: 'p', type: 'action.email', subject: 'S', body: 'Plain {{ customer.firstName }}' }, sample: { firstName: 'Hoa' } })).toEqual({ subject: 'S', preheader: '', text: 'Plain Hoa', html: null });
  });

  it('a test email goes to the signed-in user on the log provider, recorded like any send', async () => {
    const test = await s.caller.channels.sendTest({ channel: 'email' });
    expect(test).toMatchObject({ status: 'sent', provider: 'log', to: 'admin@cairn.test' });
    const row = await s.db.message.findUniqueOrThrow({ where: { id: test.messageId! } });
    expect(row.content).toMatchObject({ to: 'admin@cairn.test', subject: 'Cairn test message' });
  });
});
