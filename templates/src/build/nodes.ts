/**
 * Short constructors for the nodes templates use most. Messages always carry a topic and a
 * Vietnamese translation, so a template cannot forget either.
 */
import type { Channel, Duration, RuleGroup } from '@cairn/core';
import type { NodeInput } from './flow.js';

/**
 * English content plus its Vietnamese translation. `subject` is the email subject or the push
 * title (required for those channels; SMS and chat have none).
 */
export interface Copy {
  subject?: string;
  body: string;
  vi: { subject?: string; body: string };
}

function titled(channel: Channel, id: string, o: Copy): { subject: string; vi: string } {
  if (!o.subject || !o.vi.subject) throw new Error(`${channel} message ${id} needs a subject in English and Vietnamese`);
  return { subject: o.subject, vi: o.vi.subject };
}

interface MessageOptions extends Copy {
  topic: string;
  label?: string;
  transactional?: boolean;
}

/** Every marketing email ends with a way out (the delivery layer fills both links). */
/** How every template greets the customer by name, with a fallback when the name is unknown. */
export const GREETING = {
  en: '{{ customer.firstName | default: "there" }}',
  vi: '{{ customer.firstName | default: "bạn" }}',
} as const;

export const EMAIL_FOOTER = {
  en: '\n\n--\nFewer emails? Choose what you get: {{ preferences_url }} · Unsubscribe: {{ unsubscribe_url }}',
  vi: '\n\n--\nMuốn nhận ít email hơn? Tùy chọn: {{ preferences_url }} · Hủy đăng ký: {{ unsubscribe_url }}',
};

export type ChatApp = 'zalo' | 'whatsapp' | 'messenger' | 'wechat' | 'line' | 'telegram';

/** A message on any channel: the template's channel parameter picks the node kind. */
export function message(id: string, channel: Channel, o: MessageOptions & { app?: ChatApp }): NodeInput {
  const common = { id, label: o.label, topic: o.topic, transactional: o.transactional ?? false };
  switch (channel) {
    case 'email': {
      const t = titled(channel, id, o);
      const en = common.transactional ? '' : EMAIL_FOOTER.en;
      const vi = common.transactional ? '' : EMAIL_FOOTER.vi;
      return {
        ...common,
        type: 'action.email',
        subject: t.subject,
        body: o.body + en,
        translations: { vi: { subject: t.vi, body: o.vi.body + vi } },
      };
    }
    case 'push': {
      const t = titled(channel, id, o);
      return { ...common, type: 'action.push', title: t.subject, body: o.body, translations: { vi: { title: t.vi, body: o.vi.body } } };
    }
    case 'sms':
      return { ...common, type: 'action.sms', body: o.body, translations: { vi: { body: o.vi.body } } };
    case 'chat':
      return { ...common, type: 'action.chat', app: o.app ?? 'zalo', body: o.body, translations: { vi: { body: o.vi.body } } };
  }
}

export const email = (id: string, o: MessageOptions): NodeInput => message(id, 'email', o);
export const sms = (id: string, o: MessageOptions): NodeInput => message(id, 'sms', o);
export const push = (id: string, o: MessageOptions): NodeInput => message(id, 'push', o);
export const chat = (id: string, o: MessageOptions & { app?: ChatApp }): NodeInput => message(id, 'chat', o);

export const delay = (id: string, duration: Duration, label?: string): NodeInput => ({ id, type: 'wait.delay', duration, label });

/** Waits for `event`, giving up after `timeout` (templates never wait forever). */
export const waitFor = (id: string, event: string, timeout: Duration, label?: string): NodeInput => ({
  id,
  type: 'wait.event',
  event,
  timeout,
  label,
});

/** A split with named branches, first match wins, then `else`. */
export const split = (id: string, branches: Array<{ id: string; label: string; rules: RuleGroup }>, label?: string): NodeInput => ({
  id,
  type: 'condition.split',
  branches,
  label,
});

export const goal = (id: string, event: string, label?: string): NodeInput => ({ id, type: 'goal', event, label });

export const exit = (id: string, reason = 'completed', label?: string): NodeInput => ({ id, type: 'exit', reason, label });

export const tag = (id: string, name: string, label?: string): NodeInput => ({ id, type: 'action.tag', tag: name, label });

export const setAttribute = (
  id: string,
  attribute: string,
  value: string,
  valueType: 'string' | 'number' | 'boolean' = 'string',
  label?: string,
): NodeInput => ({ id, type: 'action.updateAttribute', attribute, value, valueType, label });

/** Rule shorthands. */
export const all = (...rules: RuleGroup['rules']): RuleGroup => ({ op: 'and', rules });
export const any = (...rules: RuleGroup['rules']): RuleGroup => ({ op: 'or', rules });
