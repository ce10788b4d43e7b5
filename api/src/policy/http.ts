/**
 * Public policy endpoints, no login:
 *   GET  /u/<token>        the preference page (opening it changes nothing: mail scanners open links)
 *   POST /u/<token>        RFC 8058 one-click ("List-Unsubscribe=One-Click", form or multipart),
 *                          or the page's own form
 *   POST /v1/sms/inbound   inbound SMS (STOP / START keywords), write key as HTTP Basic user or ?key=
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '@cairn/db';
import { isOneClickBody, parseInboundSms, parsePreferenceForm, parseSmsKeyword, renderPreferencePage, type PreferenceForm } from '@cairn/core';
import { loadPolicySettings, verifyUnsubscribeToken, type UnsubscribeSecrets } from '@cairn/engine/runtime';
import { BodyError, readBody, sendJson } from '../http/body.js';
import { writeKeyFrom } from '../ingest/auth.js';
import type { JourneyRunner } from '../enrol/runner.js';
import { emitUnsubscribed } from './events.js';
import { customersAt, optIn, optOut } from './opt-out.js';
import { applyPreferences, preferenceView } from './preferences.js';
import { unsafeCharacter } from '../validation/text.js';

export interface PolicyHttpDeps {
  db: Db;
  clock: { now(): number };
  secrets(): Promise<UnsubscribeSecrets>;
  isValidKey(key: string | undefined): Promise<boolean>;
  /** Routes the "Unsubscribed" event to running journeys. */
  runner: JourneyRunner;
  log?: (message: string) => void;
}

export const SMS_INBOUND_PATH = '/v1/sms/inbound';

export function isPolicyPath(pathname: string): boolean {
  return pathname.startsWith('/u/') || pathname === SMS_INBOUND_PATH;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  });
  res.end(html);
}

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font:16px system-ui;max-width:40rem;margin:2rem auto"><h1>${title}</h1><p>${text}</p></body></html>`;

/** multipart/form-data one-click bodies: a part named List-Unsubscribe whose value is One-Click. */
function multipartOneClick(body: string): boolean {
  return /name="List-Unsubscribe"\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n/.test(body);
}

export async function handlePolicyHttp(deps: PolicyHttpDeps, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (pathname === SMS_INBOUND_PATH) return await inboundSms(deps, req, res);
    const token = decodedToken(pathname.slice('/u/'.length));
    if (token === undefined) return sendHtml(res, 400, page('This link is not valid', 'Its address is damaged (malformed percent-encoding). Please use the latest link from one of our messages.'));
    const verified = verifyUnsubscribeToken(token, (await deps.secrets()).all);
    if (!verified.ok) return sendHtml(res, 400, page('This link is not valid', 'Please use the latest link from one of our messages.'));
    const claims = verified.claims;
    const settings = await loadPolicySettings(deps.db);
    const actionUrl = `/u/${encodeURIComponent(token)}`;
    const view = await preferenceView(deps.db, settings, claims, actionUrl);
    if (!view) return sendHtml(res, 404, page('Nothing to manage', 'We hold no messages for this link any more.'));
    if (req.method === 'GET' || req.method === 'HEAD') return sendHtml(res, 200, renderPreferencePage(view));
    if (req.method !== 'POST') return sendHtml(res, 405, page('Not allowed', 'Use the page’s buttons.'));

    const body = await readBody(req, 64 * 1024);
    const type = String(req.headers['content-type'] ?? '');
    const form: PreferenceForm =
      (type.startsWith('multipart/') && multipartOneClick(body)) || isOneClickBody(body)
        ? { action: 'one-click', choices: [] }
        : parsePreferenceForm(body, view.topics, view.channels);
    const notice = await applyPreferences(deps.db, claims, form, view, deps.clock.now());
    if (form.action === 'one-click' || form.action === 'unsubscribe-all') {
      const scope = form.action === 'one-click' ? { channel: claims.channel ?? 'all', ...(claims.topic ? { topic: claims.topic } : {}) } : { channel: 'all' };
      await emitUnsubscribed(deps, claims.customerId, { ...scope, source: form.action }, `unsubscribe:${claims.customerId}:${form.action}:${deps.clock.now()}`);
    }
    if (form.action === 'one-click') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`${notice}\n`);
      return;
    }
    const after = await preferenceView(deps.db, settings, claims, actionUrl, notice);
    return sendHtml(res, 200, renderPreferencePage(after ?? view));
  } catch (err) {
    if (err instanceof BodyError) return sendJson(res, err.status, { error: err.message });
    throw err;
  }
}

/** The token of a /u/ path, or undefined when its percent-encoding is malformed ("%E0%A4%A"). */
function decodedToken(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

async function inboundSms(deps: PolicyHttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST an inbound SMS here' });
  const url = new URL(req.url ?? '/', 'http://localhost');
  const key = writeKeyFrom(req.headers.authorization) ?? url.searchParams.get('key') ?? undefined;
  if (!(await deps.isValidKey(key))) return sendJson(res, 401, { error: 'a valid write key is required (HTTP Basic user name, or ?key=)' });
  const type = String(req.headers['content-type'] ?? '');
  const sms = parseInboundSms(type, await readBody(req, 64 * 1024));
  if (!sms) return sendJson(res, 400, { error: 'expected the sender (From) and the text (Body)' });
  // The text is quoted in the suppression's note: NUL would fail the insert (500).
  const unsafe = unsafeCharacter(sms.body, 'text');
  if (unsafe) return sendJson(res, 400, { error: `Body: ${unsafe}` });
  const keyword = parseSmsKeyword(sms.body);
  const heard = { channel: 'sms' as const, address: sms.from, source: 'sms-stop', note: `"${sms.body.slice(0, 40)}"` };
  let action: 'stopped' | 'started' | 'none' = 'none';
  let customers = 0;
  if (keyword?.kind === 'stop') {
    customers = (await optOut(deps, heard)).customers;
    if (customers) action = 'stopped';
  } else if (keyword?.kind === 'start') {
    customers = (await optIn(deps, { ...heard, keyword: keyword.keyword })).customers;
    if (customers) action = 'started';
  } else {
    customers = (await customersAt(deps.db, 'sms', sms.from)).length;
  }
  if (type.includes('x-www-form-urlencoded')) {
    // Twilio and most aggregators expect TwiML-like XML; an empty Response sends no reply.
    const xml = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(xml), 'X-Cairn-Action': action });
    res.end(xml);
    return;
  }
  sendJson(res, 200, { ok: true, keyword: keyword?.kind ?? null, action, customers });
}
