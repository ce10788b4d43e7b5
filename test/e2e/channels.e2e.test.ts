/**
 * The Channels page in a real Chromium against the real stack (embedded PostgreSQL, Temporal dev
 * server, worker, API) with Twilio configured in the environment and pointed at a local stand-in
 * of its API (Twilio cannot be reached from here; see api/support/twilio-standin.ts). An admin
 * opens the page from the account menu, sends a test email and a test SMS to themselves (the SMS
 * reaches the stand-in), switches email to a provider whose secret is missing and sees the test
 * refused in words, and picks Web Push for push. Screenshots at 1440x900 and 1280x720 in test/artifacts/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type Stack } from '../api/support/stack.js';
import { startTwilioStandIn, type TwilioStandIn } from '../api/support/twilio-standin.js';
import { startWhatsAppStandIn, type WhatsAppStandIn } from '../api/support/whatsapp-standin.js';
import { startZaloStandIn, type ZaloStandIn } from '../api/support/zalo-standin.js';
import { seriousViolations } from './support/axe.js';
import { openLiveEditor, type LiveEditor } from './support/live.js';
import type { Served } from './support/serve.js';
import { signInThroughForm } from './support/sign-in.js';

let live: LiveEditor;
let stack: Stack;
let tw: TwilioStandIn;
let zs: ZaloStandIn;
let wa: WhatsAppStandIn;
let served: Served;
let page: Page;
let errors: string[];
const shot = (name: string) => live.shot(name);

beforeAll(async () => {
  [tw, zs, wa] = await Promise.all([startTwilioStandIn(), startZaloStandIn(), startWhatsAppStandIn()]);
  const port = await freePort();
  const env = { PORT: String(port), CAIRN_PUBLIC_URL: `http://127.0.0.1:${port}`, TWILIO_ACCOUNT_SID: tw.accountSid, TWILIO_AUTH_TOKEN: tw.authToken, TWILIO_FROM: '+15005550006', TWILIO_API_URL: tw.url, ZALO_ACCESS_TOKEN: zs.accessToken, ZALO_APP_ID: zs.appId, ZALO_OA_SECRET_KEY: zs.secretKey, ZALO_API_URL: zs.url, WHATSAPP_ACCESS_TOKEN: wa.accessToken, WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId, WHATSAPP_API_URL: wa.url };
  live = await openLiveEditor('channels', env);
  ({ stack, served, page, errors } = live);
}, 300_000);

afterAll(async () => {
  await live?.close();
  await tw?.close();
  await zs?.close();
  await wa?.close();
}, 60_000);

describe('the Channels page', { timeout: 90_000 }, () => {
  it('shows each channel with its provider, from the account menu', async () => {
    await page.goto(`${served.url}/#/`);
    await signInThroughForm(page);
    await page.getByTestId('channels-link').click();
    await page.getByTestId('channels-page').waitFor();
    await expect.poll(() => page.getByTestId('channel-sms-status').textContent()).toBe('Twilio · from the environment');
    expect(await page.getByTestId('channel-email-status').textContent()).toBe('Log only · default');
    expect(await page.getByTestId('channel-sms-setting-from').inputValue()).toBe('+15005550006');
    expect(await page.getByTestId('channel-sms-url-incoming').textContent()).toBe(`${stack.channels.inboundUrl('twilio', 'incoming')}`);
    expect(await seriousViolations(page)).toEqual([]);
    await shot('1440');
    await page.setViewportSize({ width: 1280, height: 720 });
    await shot('1280');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('sends a test email and a test SMS to me, through the delivery path', async () => {
    expect(await page.getByTestId('channel-email-test-to').inputValue()).toBe('admin@cairn.test');
    await page.getByTestId('channel-email-test').click();
    await expect.poll(() => page.getByTestId('channel-email-test-ok').textContent()).toBe('Recorded by the log provider: nothing left Cairn (choose a provider above to send it).');
    expect(await stack.db.message.count({ where: { customerId: { startsWith: 'cairn-user:' }, channel: 'email', status: 'sent', provider: 'log' } })).toBe(1);

    await page.getByTestId('channel-sms-test-to').fill('+84901234567');
    await page.getByTestId('channel-sms-test').click();
    await expect.poll(() => page.getByTestId('channel-sms-test-ok').textContent()).toBe('Sent by twilio to +84901234567.');
    expect(tw.messages.map((m) => [m.to, m.from])).toEqual([['+84901234567', '+15005550006']]);
    expect(tw.messages[0]?.body).toContain('This is a test from Cairn');
    await shot('tests-sent');
  });

  it('switches a channel to a provider whose secret is missing, and says so', async () => {
    await page.getByTestId('channel-email-provider').selectOption('smtp');
    await page.getByTestId('channel-email-setting-from').fill('Shop <hello@shop.example>');
    await page.getByTestId('channel-email-save').click();
    await expect.poll(() => page.getByTestId('channel-email-status').textContent()).toBe('SMTP · needs SMTP_URL');
    await page.getByTestId('channel-email-test').click();
    await expect.poll(() => page.getByTestId('channel-email-test-error').textContent()).toBe('Not sent (failed): smtp: SMTP needs SMTP_URL in the environment');

    await page.getByTestId('channel-push-provider').selectOption('web-push');
    await page.getByTestId('channel-push-setting-subject').fill('mailto:ops@shop.example');
    await page.getByTestId('channel-push-save').click();
    await expect.poll(() => page.getByTestId('channel-push-status').textContent()).toBe('Web Push · chosen here');
    const saved = await stack.db.workspaceSetting.findUniqueOrThrow({ where: { key: 'channel.push' } });
    expect(saved.value).toMatchObject({ provider: 'web-push', settings: { subject: 'mailto:ops@shop.example', ttlSeconds: 86400 }, updatedBy: 'admin@cairn.test' });
    await shot('switched');
    expect(errors).toEqual([]);
  });

  it('shows Zalo on the chat channel (WhatsApp steps routed to WhatsApp), saves a ZNS template and sends a test to a Zalo id', async () => {
    expect(await page.getByTestId('channel-chat-status').textContent()).toBe('Zalo · from the environment');
    expect(await page.getByTestId('channel-chat-routes').textContent()).toBe(`WhatsApp steps go through WhatsApp (from the environment): ${stack.channels.inboundUrl('whatsapp', 'events')}`);
    expect(await page.getByTestId('channel-chat-url-events').textContent()).toBe(stack.channels.inboundUrl('zalo', 'events'));
    await page.getByTestId('channel-chat-setting-znsTemplateId').fill('248079');
    await page.getByTestId('channel-chat-save').click();
    await expect.poll(() => page.getByTestId('channel-chat-status').textContent()).toBe('Zalo · chosen here');
    const saved = await stack.db.workspaceSetting.findUniqueOrThrow({ where: { key: 'channel.chat' } });
    expect(saved.value).toMatchObject({ provider: 'zalo', settings: { znsTemplateId: '248079', znsTextParam: 'content', znsDevelopment: false } });

    await page.getByTestId('channel-chat-test-to').fill('2512523625412515');
    await page.getByTestId('channel-chat-test').click();
    await expect.poll(() => page.getByTestId('channel-chat-test-ok').textContent()).toBe('Sent by zalo to 2512523625412515.');
    expect(zs.oa.map((m) => m.body.recipient.user_id)).toEqual(['2512523625412515']);
    await page.getByTestId('channel-chat-status').scrollIntoViewIfNeeded();
    await shot('chat-zalo-1440');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('channel-chat-status').scrollIntoViewIfNeeded();
    await shot('chat-zalo-1280');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(errors).toEqual([]);
  });
});
