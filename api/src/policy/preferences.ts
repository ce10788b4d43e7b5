/**
 * What the hosted preference page shows and does, over the database. Every change is committed
 * before the page answers, and the send path reads suppressions and consent inside its own
 * transaction, so an unsubscribe is effective for the very next send.
 */
import type { Db } from '@cairn/db';
import {
  consentModeOf, latestConsent, type Channel, type PolicySettings, type PreferenceForm, type PreferenceView, type UnsubscribeClaims,
} from '@cairn/core';
import { liftSuppressions, suppressMany } from './suppress.js';

/** Sources of suppressions a customer made themselves (and may undo on the page). */
export const SELF_SOURCES = ['one-click', 'unsubscribe-link', 'preference-page', 'sms-stop'];

export function maskEmail(e: string): string {
  const [user = '', domain = ''] = e.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}
export function maskPhone(p: string): string {
  return p.length <= 4 ? '****' : `${p.slice(0, 3)}${'•'.repeat(Math.max(0, p.length - 7))}${p.slice(-4)}`;
}

export async function preferenceView(db: Db, settings: PolicySettings, claims: UnsubscribeClaims, actionUrl: string, notice?: string): Promise<PreferenceView | null> {
  const customer = await db.customer.findUnique({
    where: { id: claims.customerId },
    include: { suppressions: { where: { removedAt: null } }, consents: { orderBy: { createdAt: 'asc' } } },
  });
  if (!customer) return null;
  const channels: Channel[] = [];
  if (customer.email) channels.push('email');
  if (customer.phone) channels.push('sms');
  if (customer.pushToken) channels.push('push');
  if (customer.chatId) channels.push('chat');
  if (claims.channel && !channels.includes(claims.channel)) channels.push(claims.channel);
  if (channels.length === 0) channels.push('email');

  const topics = settings.topics.filter((t) => !t.transactional).map((t) => ({ id: t.id, label: t.label, description: t.description }));
  const extra = [claims.topic, ...customer.consents.map((c) => c.topic)].filter((t): t is string => !!t && !topics.some((x) => x.id === t));
  for (const t of new Set(extra)) topics.push({ id: t, label: t.replace(/[_-]/g, ' '), description: '' });

  const records = customer.consents.map((c) => ({ topic: c.topic, channel: c.channel as Channel | 'all', status: c.status, at: c.createdAt.getTime() }));
  const allowed = (topic: string, channel: Channel) => {
    const latest = latestConsent(records, topic, channel);
    return latest ? latest.status === 'granted' : consentModeOf(settings, topic) === 'opt-out';
  };
  const unsubscribed = [...new Set(customer.suppressions.filter((s) => s.reason === 'unsubscribed').map((s) => s.channel))];
  const blocked = [...new Set(customer.suppressions.filter((s) => s.reason !== 'unsubscribed').map((s) => s.channel))];
  return {
    who: customer.email ? maskEmail(customer.email) : customer.phone ? maskPhone(customer.phone) : `customer ${customer.id.slice(0, 3)}…`,
    topics,
    channels,
    allowed,
    unsubscribed,
    blocked,
    actionUrl,
    ...(notice ? { notice } : {}),
  };
}

/** Applies a POST from the page (or a one-click unsubscribe); returns the notice to show. */
export async function applyPreferences(db: Db, claims: UnsubscribeClaims, form: PreferenceForm, view: PreferenceView, now: number): Promise<string> {
  const customerId = claims.customerId;
  switch (form.action) {
    case 'one-click': {
      if (claims.topic) {
        await db.consent.create({ data: { customerId, topic: claims.topic, channel: claims.channel ?? 'all', status: 'refused', source: 'one-click' } });
        return `You will no longer receive ${claims.topic.replace(/[_-]/g, ' ')} messages${claims.channel ? ` by ${claims.channel}` : ''}.`;
      }
      await suppressMany(db, [{ customerId, channel: claims.channel ?? 'all', reason: 'unsubscribed', source: 'one-click' }]);
      return claims.channel ? `You are unsubscribed from ${claims.channel} messages.` : 'You are unsubscribed from all messages.';
    }
    case 'unsubscribe-all':
      await suppressMany(db, [{ customerId, channel: 'all', reason: 'unsubscribed', source: 'preference-page' }]);
      return 'You are unsubscribed from all messages.';
    case 'resubscribe': {
      const lifted = await liftSuppressions(
        db,
        { customerId, reason: 'unsubscribed', source: { in: SELF_SOURCES } },
        { reason: 'resubscribed on the preference page', by: 'customer', at: new Date(now) },
      );
      return lifted ? 'Welcome back: you are subscribed again.' : 'Nothing to change.';
    }
    case 'save': {
      const changes = form.choices.filter((c) => view.allowed(c.topic, c.channel) !== (c.status === 'granted'));
      if (changes.length) await db.consent.createMany({ data: changes.map((c) => ({ customerId, topic: c.topic, channel: c.channel, status: c.status, source: 'preference-page' })) });
      return changes.length ? 'Your preferences are saved.' : 'Nothing changed.';
    }
  }
}
