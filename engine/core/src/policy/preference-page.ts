/**
 * The hosted preference page: one customer's topics x channels, reached through the signed link
 * in every marketing message (no login). Rendered as a plain HTML form — no script, so it works
 * in any mail client's browser — and its POST body parsed back into consent records.
 *
 * Opening the page never changes anything (mail scanners open links); only a POST does.
 */
import type { Channel } from '../journey/primitives.js';

/** One topic on the preference page, and whether the customer receives it. */
export interface PreferenceTopic {
  id: string;
  label: string;
  description?: string;
}

/** What the preference page shows a customer. */
export interface PreferenceView {
  /** e.g. the customer's masked email, shown so people know whose preferences these are. */
  who: string;
  topics: readonly PreferenceTopic[];
  channels: readonly Channel[];
  /** Whether the customer currently receives `topic` on `channel`. */
  allowed: (topic: string, channel: Channel) => boolean;
  /** Channels (or 'all') the customer unsubscribed from themselves: they may resubscribe. */
  unsubscribed: readonly string[];
  /** Channels blocked for a reason the customer cannot undo here (bounce, complaint, staff). */
  blocked: readonly string[];
  /** Where the form posts (the same signed URL). */
  actionUrl: string;
  /** A line shown at the top after a change ("Saved."). */
  notice?: string;
}

const CHANNEL_LABEL: Record<Channel, string> = { email: 'Email', sms: 'SMS', push: 'Push', chat: 'Chat' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The checkbox value for one topic on one channel. */
export const prefKey = (topic: string, channel: Channel) => `${topic}:${channel}`;

/** The preference page's HTML (server-rendered, works without JavaScript). */
export function renderPreferencePage(v: PreferenceView): string {
  const e = escapeHtml;
  const head = `<tr><th scope="col">Topic</th>${v.channels.map((c) => `<th scope="col">${CHANNEL_LABEL[c]}</th>`).join('')}</tr>`;
  const rows = v.topics
    .map((t) => {
      const cells = v.channels
        .map((c) => {
          const id = `p-${t.id}-${c}`;
          const off = v.blocked.includes(c) || v.blocked.includes('all');
          return `<td><input type="checkbox" id="${e(id)}" name="c" value="${e(prefKey(t.id, c))}"${v.allowed(t.id, c) && !off ? ' checked' : ''}${off ? ' disabled' : ''} aria-label="${e(`${t.label} by ${CHANNEL_LABEL[c]}`)}"></td>`;
        })
        .join('');
      return `<tr><th scope="row">${e(t.label)}${t.description ? `<br><small>${e(t.description)}</small>` : ''}</th>${cells}</tr>`;
    })
    .join('\n');
  const status = [
    ...v.unsubscribed.map((c) => `<p class="state">You are unsubscribed from ${c === 'all' ? 'all messages' : `all ${e(CHANNEL_LABEL[c as Channel] ?? c)} messages`}.</p>`),
    ...v.blocked.map((c) => `<p class="state">${c === 'all' ? 'Messages are' : `${e(CHANNEL_LABEL[c as Channel] ?? c)} messages are`} stopped for this address.</p>`),
  ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Your message preferences</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}table{border-collapse:collapse;width:100%}th,td{padding:.5rem;border-bottom:1px solid #ddd;text-align:left}td{text-align:center}small{color:#666;font-weight:normal}.notice{background:#e8f5e9;padding:.5rem 1rem}.state{color:#8a4b00}button{font:inherit;padding:.5rem 1rem;margin:.5rem .5rem 0 0}</style>
</head><body>
<h1>Your message preferences</h1>
<p>For ${e(v.who)}</p>
${v.notice ? `<p class="notice" role="status">${e(v.notice)}</p>` : ''}
${status}
<form method="post" action="${e(v.actionUrl)}">
<table>${head}
${rows}</table>
<button type="submit" name="action" value="save">Save preferences</button>
<button type="submit" name="action" value="unsubscribe-all">Unsubscribe from everything</button>
${v.unsubscribed.length ? '<button type="submit" name="action" value="resubscribe">Resubscribe</button>' : ''}
</form>
</body></html>`;
}

/** What a customer asked for on the preference page. */
export type PreferenceAction = 'save' | 'unsubscribe-all' | 'resubscribe' | 'one-click';

/** The preference page's submitted form, parsed. */
export interface PreferenceForm {
  action: PreferenceAction;
  /** For 'save': every topic x channel on the page, granted or refused (unticked boxes are not sent). */
  choices: Array<{ topic: string; channel: Channel; status: 'granted' | 'refused' }>;
}

/**
 * Reads the page's POST body (application/x-www-form-urlencoded). RFC 8058's one-click body
 * ("List-Unsubscribe=One-Click") is recognised here too, since both arrive at the same URL.
 */
export function parsePreferenceForm(body: string, topics: readonly PreferenceTopic[], channels: readonly Channel[]): PreferenceForm {
  const form = new URLSearchParams(body.trim());
  if (form.get('List-Unsubscribe') === 'One-Click') return { action: 'one-click', choices: [] };
  const raw = form.get('action');
  const action: PreferenceAction = raw === 'unsubscribe-all' || raw === 'resubscribe' ? raw : 'save';
  if (action !== 'save') return { action, choices: [] };
  const ticked = new Set(form.getAll('c'));
  const choices = topics.flatMap((t) =>
    channels.map((channel) => ({ topic: t.id, channel, status: ticked.has(prefKey(t.id, channel)) ? ('granted' as const) : ('refused' as const) })),
  );
  return { action, choices };
}
