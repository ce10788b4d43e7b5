/**
 * A customer's story in a marketer's words: what they did ("plan changed from free to pro",
 * "Viewed page Pricing", "Typeform submitted"), the journeys they entered and how they left
 * ("Entered “Welcome”: converted"), and each message with its outcome ("Email sent: “Hi Ada”",
 * "SMS not sent: the customer refused SMS") and its rendered content. Each item keeps its facts
 * as fields (journey, node, status); `title` and `detail` are for reading only.
 */
import { ATTRIBUTE_CHANGED, MANUAL_ENROL, SCHEDULE_FIRED, triggerOf } from '@cairn/core';

interface EventRow {
  id: bigint | number | string;
  name: string;
  timestamp: Date;
  properties: unknown;
}
interface EnrolmentRow {
  id: string;
  journeyId: string;
  enteredAt: Date;
  status: string;
  exitReason: string | null;
  journey: { name: string };
}
interface MessageRow {
  id: string;
  journeyId: string | null;
  nodeId: string | null;
  createdAt: Date;
  channel: string;
  status: string;
  reason: string | null;
  content: unknown;
  journey: { name: string } | null;
}

const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** A value as a person reads it: text as is, nothing as "nothing", the rest as JSON, cut short. */
function shown(v: unknown): string {
  if (v === null || v === undefined || v === '') return 'nothing';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

/** What an event says happened. */
export function eventInWords(name: string, properties: unknown): string {
  const p = record(properties);
  if (name === ATTRIBUTE_CHANGED) {
    const attribute = String(p.attribute ?? 'an attribute');
    if (p.from === null || p.from === undefined) return `${attribute} set to ${shown(p.to)}`;
    if (p.to === null || p.to === undefined) return `${attribute} cleared (was ${shown(p.from)})`;
    return `${attribute} changed from ${shown(p.from)} to ${shown(p.to)}`;
  }
  if (name === '$identify') {
    const keys = Object.keys(p);
    return keys.length ? `Profile updated: ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ` and ${keys.length - 6} more` : ''}` : 'Identified';
  }
  if (name === '$page') return `Viewed page ${shown(p.name ?? p.title ?? p.url ?? p.path)}`;
  if (name === '$screen') return `Viewed screen ${shown(p.name)}`;
  if (name === '$group') return 'Joined a group';
  if (name === '$alias') return 'Linked another id to this customer';
  if (name === MANUAL_ENROL) return 'Enrolled by hand or through the API';
  if (name === SCHEDULE_FIRED) return 'A scheduled journey started';
  if (name.startsWith('$trigger.')) {
    const type = name.slice('$trigger.'.length);
    return `${triggerOf(type)?.title ?? type} (through its webhook)`;
  }
  return name;
}

const EXIT_WORDS: Record<string, string> = {
  goal: 'converted (reached the goal)',
  'end-of-path': 'reached the end',
  completed: 'reached the end',
  holdout: 'kept out as the holdout',
  'exit-event': 'an exit event ended it',
  stopped: 'the journey was stopped',
  archived: 'the journey was archived',
};

/** How an enrolment stands or ended. */
export function enrolmentInWords(journeyName: string, status: string, exitReason: string | null): string {
  const name = `Entered “${journeyName}”`;
  if (status === 'waiting') return `${name}: waiting`;
  if (status === 'active') return `${name}: in progress`;
  const how = exitReason ? (EXIT_WORDS[exitReason] ?? exitReason) : status === 'completed' ? 'reached the end' : 'left';
  return `${name}: ${how}`;
}

const CHANNEL_WORDS: Record<string, string> = { email: 'Email', sms: 'SMS', push: 'Push', chat: 'Chat message', webhook: 'Webhook' };
const STATUS_WORDS: Record<string, string> = {
  claimed: 'sending',
  sent: 'sent',
  suppressed: 'not sent',
  capped: 'not sent (frequency cap)',
  deferred: 'held back',
  no_address: 'not sent (no address)',
  failed: 'failed',
};

/** A message's outcome, with its first words: "Email sent: “Hi Ada”", "SMS failed: …". */
export function messageInWords(channel: string, status: string, reason: string | null, content: unknown): string {
  const c = record(content);
  const what = `${CHANNEL_WORDS[channel] ?? channel} ${STATUS_WORDS[status] ?? status}`;
  if (status === 'sent' || status === 'claimed') {
    const first = [c.subject, c.title, c.body, c.text].find((v) => typeof v === 'string' && v.trim());
    return first ? `${what}: “${shown(String(first).trim().split('\n')[0])}”` : what;
  }
  return reason ? `${what}: ${reason}` : what;
}

/** The message as the customer got it (or would have): subject, title and body, as text. */
function contentOf(content: unknown): string | undefined {
  const c = record(content);
  const parts = (['subject', 'title', 'preheader', 'body', 'text', 'url'] as const)
    .map((k) => (typeof c[k] === 'string' && c[k] ? `${k}: ${String(c[k])}` : ''))
    .filter(Boolean);
  const text = parts.join('\n\n');
  return text ? (text.length > 4000 ? `${text.slice(0, 3999)}…` : text) : undefined;
}

export function timelineItems(events: EventRow[], enrolments: EnrolmentRow[], messages: MessageRow[], limit: number) {
  return [
    ...events.map((e) => ({ at: e.timestamp, kind: 'event' as const, id: String(e.id), name: e.name, title: eventInWords(e.name, e.properties) })),
    ...enrolments.map((e) => ({
      at: e.enteredAt,
      kind: 'enrolment' as const,
      id: e.id,
      journeyId: e.journeyId,
      journeyName: e.journey.name,
      status: e.status,
      title: enrolmentInWords(e.journey.name, e.status, e.exitReason),
    })),
    ...messages.map((m) => {
      const detail = contentOf(m.content);
      return {
        at: m.createdAt,
        kind: 'message' as const,
        id: m.id,
        journeyId: m.journeyId,
        journeyName: m.journey?.name ?? null,
        nodeId: m.nodeId,
        status: m.status,
        title: `${messageInWords(m.channel, m.status, m.reason, m.content)}${m.journey ? ` · ${m.journey.name}` : ''}`,
        ...(detail ? { detail } : {}),
      };
    }),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, limit);
}
