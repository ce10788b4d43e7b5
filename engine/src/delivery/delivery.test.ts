import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EmailNode } from '@cairn/core/internal/nodes/action/email';
import { SmsNode } from '@cairn/core/internal/nodes/action/sms';
import { RenderError, renderMessage } from './content.js';
import { sign, verify } from './hmac.js';

describe('webhook signatures', () => {
  it('is the HMAC-SHA256 of the raw body, hex, prefixed', () => {
    const body = '{"a":1}';
    expect(sign(body, 's3cret')).toBe(`sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`);
  });
  it('verifies only the same body with the same secret', () => {
    const sig = sign('payload', 'k');
    expect(verify('payload', 'k', sig)).toBe(true);
    expect(verify('payload!', 'k', sig)).toBe(false);
    expect(verify('payload', 'other', sig)).toBe(false);
    expect(verify('payload', 'k', undefined)).toBe(false);
  });
});

describe('message content', () => {
  const customer = { id: 'c1', attributes: { firstName: 'Lan', locale: 'vi' } };
  it('renders Liquid over attributes and event properties, picking the translation by locale', () => {
    const node = EmailNode.parse({
      id: 'e', type: 'action.email', subject: 'Hi {{ customer.firstName }}', body: 'Total {{ event.properties.total }}',
      translations: { vi: { subject: 'Chào {{ customer.firstName }}' } },
    });
    const out = renderMessage(node, customer, { name: 'Order', at: 0, properties: { total: 12 } }, undefined);
    expect(out).toEqual({ subject: 'Chào Lan', preheader: '', body: 'Total 12' });
  });
  it('names the field of a template error', () => {
    const node = SmsNode.parse({ id: 's', type: 'action.sms', body: '{{ customer.firstName | nope }}' });
    expect(() => renderMessage(node, customer, undefined, undefined)).toThrow(RenderError);
    expect(() => renderMessage(node, customer, undefined, undefined)).toThrow(/template error in body/);
  });
});
