/**
 * Inbound SMS webhooks. Providers post the sender and the text under different names: Twilio
 * and Plivo form fields (From/Body, From/Text), Vonage (msisdn/text), MessageBird and generic
 * JSON (originator/payload, from/body). This picks the sender's number and the text from any of them.
 */

export interface InboundSms {
  from: string;
  body: string;
}

const FROM = ['From', 'from', 'msisdn', 'originator', 'sender', 'phone'];
const BODY = ['Body', 'body', 'Text', 'text', 'payload', 'message'];

function pick(fields: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = fields[n];
    if (typeof v === 'string' && v.length > 0) return v;
  }
  return undefined;
}

/** "+84 90-123 4567" -> "+84901234567"; a number without "+" keeps its digits only. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[^\d]/g, '');
  return raw.trim().startsWith('+') ? `+${digits}` : digits;
}

/** The sender and text of an inbound SMS, from a form-encoded or JSON body; null if absent. */
export function parseInboundSms(contentType: string, body: string): InboundSms | null {
  let fields: Record<string, unknown>;
  if (contentType.includes('json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (!parsed || typeof parsed !== 'object') return null;
      fields = parsed as Record<string, unknown>;
    } catch {
      return null;
    }
  } else {
    fields = Object.fromEntries(new URLSearchParams(body));
  }
  const from = pick(fields, FROM);
  const text = pick(fields, BODY);
  if (!from || text === undefined) return null;
  const phone = normalisePhone(from);
  return phone.replace('+', '').length >= 3 ? { from: phone, body: text } : null;
}
