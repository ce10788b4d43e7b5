/**
 * The unsubscribe and preference links of one message, and the RFC 8058 headers for email.
 * The link's token is signed with the workspace secret; the issue time is the message's claim
 * time, so a resend of the same message (after a crash) carries the same link.
 */
import type { Db } from '@cairn/db';
import type { Channel } from '@cairn/core/internal/journey/primitives';
import { listUnsubscribeHeaders, unsubscribeUrl } from '@cairn/core/internal/policy/list-unsubscribe';
import { unsubscribeSecrets } from './secret.node.js';
import { signUnsubscribeToken } from './token.node.js';

/** Where public links point (the API's base URL) and the secret they are signed with. */
export interface LinkConfig {
  /** Public base URL of the API (e.g. https://cairn.example.com). */
  baseUrl: string;
  secret: string;
}

/** The signed links of one message a template can use: unsubscribe and preferences. */
export interface MessageLinks {
  unsubscribe_url: string;
  preferences_url: string;
}

/** Links for a message on `channel` about `topic`: the one-click link unsubscribes from that topic there. */
export function messageLinks(cfg: LinkConfig, m: { customerId: string; channel: Channel; topic: string; issuedAt: number }): MessageLinks {
  const topicToken = signUnsubscribeToken({ customerId: m.customerId, channel: m.channel, topic: m.topic, issuedAt: m.issuedAt }, cfg.secret);
  const pageToken = signUnsubscribeToken({ customerId: m.customerId, issuedAt: m.issuedAt }, cfg.secret);
  return { unsubscribe_url: unsubscribeUrl(cfg.baseUrl, topicToken), preferences_url: unsubscribeUrl(cfg.baseUrl, pageToken) };
}

/** List-Unsubscribe headers for the link, or none when the URL cannot carry one-click (plain http on a public host). */
export function oneClickHeaders(url: string): Record<string, string> {
  try {
    return listUnsubscribeHeaders({ url, allowLocalHttp: true });
  } catch {
    return {};
  }
}

/** The settings links are made from (parsed at start-up, see worker/env.ts). */
export interface LinkSettings {
  CAIRN_PUBLIC_URL?: string | undefined;
  /** The API's port: the default public URL is http://localhost:PORT (3000). */
  PORT?: number | undefined;
  UNSUBSCRIBE_SECRET?: string | undefined;
}

/**
 * The link configuration, read once: CAIRN_PUBLIC_URL (else http://localhost:PORT) and the
 * workspace secret (see secret.node.ts).
 */
export function defaultLinkConfig(db: Pick<Db, 'workspaceSetting'>, env: LinkSettings): () => Promise<LinkConfig> {
  let cached: Promise<LinkConfig> | undefined;
  return () => {
    cached ??= unsubscribeSecrets(db, env).then((s) => ({ baseUrl: env.CAIRN_PUBLIC_URL || `http://localhost:${env.PORT ?? 3000}`, secret: s.current }));
    // A failed read (database down) is retried on the next send.
    cached.catch(() => (cached = undefined));
    return cached;
  };
}
