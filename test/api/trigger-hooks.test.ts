/**
 * Custom triggers (defineTrigger) on the real stack: the built-in "Typeform submitted" trigger's
 * webhook at /v1/hooks/typeform.submitted, called the way Typeform calls it (a form_response
 * delivery signed with the webhook's secret: `Typeform-Signature: sha256=<base64 HMAC-SHA256 of
 * the raw body>`, per Typeform's webhook documentation; Typeform itself cannot reach this
 * machine). A signed delivery starts only the journeys whose trigger step matches its form; a
 * retried delivery is stored once; a bad signature, a missing user id or an unknown trigger is
 * refused with a clear answer and stores nothing; `/v1/track` cannot forge the event.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventually, useStack, type Stack } from './support/stack.js';

const SECRET = 'typeform webhook secret';
let s: Stack;
useStack((stack) => (s = stack), async () => ({ CAIRN_SECRET_TYPEFORM: SECRET }));

const journey = (id: string, formId: string) => ({
  id,
  name: `Form ${formId}`,
  nodes: [
    { id: 'form', type: 'trigger.custom', trigger: 'typeform.submitted', config: { formId } },
    { id: 'thanks', type: 'action.email', subject: 'Thanks, you chose {{ event.properties.answers.plan }}', body: 'We got your answers.' },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'form', target: 'thanks' },
    { id: 'e2', source: 'thanks', target: 'done' },
  ],
});

function delivery(formId: string, token: string, userId?: string) {
  return JSON.stringify({
    event_id: `ev-${token}`,
    event_type: 'form_response',
    form_response: {
      form_id: formId,
      token,
      submitted_at: '2026-11-29T01:00:00Z',
      hidden: userId ? { user_id: userId } : {},
      calculated: { score: 7 },
      answers: [
        { type: 'choice', choice: { label: 'Pro' }, field: { id: 'f1', type: 'multiple_choice', ref: 'plan' } },
        { type: 'email', email: 'lan@example.test', field: { id: 'f2', type: 'email', ref: 'email' } },
      ],
    },
  });
}

const sign = (raw: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(raw).digest('base64')}`;

async function hook(raw: string, signature: string | undefined, type = 'typeform.submitted') {
  const res = await fetch(`${s.url}/v1/hooks/${type}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'typeform-signature': signature } : {}) },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('custom trigger webhooks (/v1/hooks)', () => {
  it('a signed delivery starts the journeys of its form only, once, with the answers as event properties', async () => {
    await s.publish(journey('form-a', 'F-A'));
    await s.publish(journey('form-b', 'F-B'));
    await s.post('/v1/identify', { userId: 'lan', traits: { email: 'lan@example.test' } });
    // The API reads the live journeys at most a second old.
    await new Promise((r) => setTimeout(r, 1100));
    const raw = delivery('F-A', 'resp-1', 'lan');
    expect(await hook(raw, sign(raw))).toMatchObject({ status: 200, body: { success: true, stored: 1 } });
    // Typeform retries a delivery it thinks failed: the same response is stored once.
    expect(await hook(raw, sign(raw))).toMatchObject({ status: 200, body: { stored: 0, duplicates: 1 } });
    const sent = await eventually(
      () => s.db.message.findMany({ where: { customerId: 'lan' } }),
      (m) => m.length >= 1 && m.every((x) => x.status !== 'claimed'),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ journeyId: 'form-a', status: 'sent', content: expect.objectContaining({ subject: 'Thanks, you chose Pro' }) });
    expect(await s.db.enrolment.count({ where: { customerId: 'lan' } })).toBe(1);
    const stored = await s.db.event.findMany({ where: { customerId: 'lan', name: '$trigger.typeform.submitted' } });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.properties).toMatchObject({ formId: 'F-A', responseId: 'resp-1', score: 7, answers: { plan: 'Pro', email: 'lan@example.test' } });
  }, 90_000);

  it('refuses what it cannot trust or use, storing nothing', async () => {
    const before = await s.db.event.count();
    const raw = delivery('F-A', 'resp-2', 'mai');
    const forged = await hook(raw, sign(raw, 'someone else'));
    expect(forged.status).toBe(401);
    expect(String(forged.body.error)).toContain('Typeform-Signature does not match');
    expect((await hook(raw, undefined)).status).toBe(401);
    const anonymous = delivery('F-A', 'resp-3');
    const noUser = await hook(anonymous, sign(anonymous));
    expect(noUser.status).toBe(422);
    expect(String(noUser.body.error)).toContain('hidden field user_id');
    const unknown = await hook(raw, sign(raw), 'nobody.registered');
    expect(unknown).toMatchObject({ status: 404, body: { error: 'no custom trigger "nobody.registered" is registered on this server' } });
    const junk = await hook('{"event_type":', sign('{"event_type":'));
    expect(junk.status).toBe(400);
    // Typeform's "send test request" is another event type: accepted, nothing to store.
    const ping = JSON.stringify({ event_id: 'p', event_type: 'form_ping' });
    expect(await hook(ping, sign(ping))).toMatchObject({ status: 200, body: { stored: 0 } });
    // The write key of a web page cannot forge the trigger's event.
    const track = await s.post('/v1/track', { userId: 'mai', event: '$trigger.typeform.submitted', properties: { formId: 'F-A' } });
    expect(track.status).toBe(400);
    expect(await s.db.event.count()).toBe(before);
  }, 60_000);
});
