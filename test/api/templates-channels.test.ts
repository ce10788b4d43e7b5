/**
 * Gallery templates through real providers on the real stack (embedded PostgreSQL, Temporal dev
 * server, worker, HTTP API): "Post-purchase care" opens with a Zalo message and "High-value
 * hand-off" sends mid-value customers an SMS. Zalo and Twilio cannot be reached from here, so
 * their providers are pointed at local stand-ins of their documented APIs (support/zalo-standin.ts,
 * support/twilio-standin.ts, the official `twilio` SDK for SMS). Checked: both templates are
 * instantiated and published as they are, one "Order Completed" sends the Vietnamese thank-you to
 * the customer's Zalo id as an OA message and the Vietnamese SMS to their number through Twilio,
 * rendered with the event's order, and both rows record the vendors' ids.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, useStack, type Stack } from './support/stack.js';
import { startTwilioStandIn, type TwilioStandIn } from './support/twilio-standin.js';
import { startZaloStandIn, type ZaloStandIn } from './support/zalo-standin.js';

let s: Stack;
let zs: ZaloStandIn;
let tw: TwilioStandIn;

useStack(
  (stack) => (s = stack),
  async () => {
    [zs, tw] = await Promise.all([startZaloStandIn(), startTwilioStandIn()]);
    return {
      ZALO_ACCESS_TOKEN: zs.accessToken,
      ZALO_APP_ID: zs.appId,
      ZALO_OA_SECRET_KEY: zs.secretKey,
      ZALO_API_URL: zs.url,
      TWILIO_ACCOUNT_SID: tw.accountSid,
      TWILIO_AUTH_TOKEN: tw.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_URL: tw.url,
    };
  },
);
afterAll(() => Promise.all([zs?.close(), tw?.close()]));

describe('templates that use chat and SMS, through Zalo and Twilio (local stand-ins)', () => {
  it('sends the templates’ first messages through the providers', async () => {
    const ids: string[] = [];
    for (const [template, params] of [
      ['post-purchase-care', {}],
      ['high-value-handoff', { midOrderThreshold: 100 }],
    ] as const) {
      const { id } = await s.caller.templates.instantiate({ id: template, params });
      await s.caller.journeys.publish({ id, note: 'from the gallery' });
      ids.push(id);
    }
    await s.post('/v1/identify', { userId: 'thu', traits: { firstName: 'Thu', locale: 'vi', phone: '+84901112233', chatId: '5551234567890123' } });
    await s.post('/v1/track', { userId: 'thu', event: 'Order Completed', messageId: 'thu-1', properties: { orderId: 'DH1001', productName: 'Áo dài', total: 500 } });

    const rows = await eventually(
      () => s.db.message.findMany({ where: { customerId: 'thu', channel: { in: ['chat', 'sms'] } }, orderBy: { channel: 'asc' } }),
      (r) => r.length === 2 && r.every((m) => m.status !== 'claimed'),
      60_000,
    );
    expect(rows.map((r) => [r.journeyId, r.channel, r.status, r.provider])).toEqual([
      [ids[0], 'chat', 'sent', 'zalo'],
      [ids[1], 'sms', 'sent', 'twilio'],
    ]);
    expect(zs.oa).toHaveLength(1);
    expect(zs.oa[0]!.body.recipient.user_id).toBe('5551234567890123');
    expect(zs.oa[0]!.body.message.text).toMatch(/^Chào Thu, cảm ơn bạn đã đặt đơn DH1001! Chúng tôi đã đóng gói Áo dài/);
    expect(rows[0]!.providerId).toBe(zs.oa[0]!.messageId);
    expect(tw.messages).toHaveLength(1);
    expect(tw.messages[0]).toMatchObject({ to: '+84901112233', body: expect.stringMatching(/^Cảm ơn Thu đã đặt hàng!/) });
    expect(rows[1]!.providerId).toBe(tw.messages[0]!.sid);
  }, 120_000);
});
