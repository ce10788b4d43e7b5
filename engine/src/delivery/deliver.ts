/**
 * The single send path. Every message any journey sends goes through `deliver`:
 *
 *   1. one transaction (the claim phase, claim.ts, shared with custom actions): lock the
 *      customer row, look up the idempotency key, run the policy (suppression, consent, quiet
 *      hours, frequency caps: policy.ts), render, and insert the message row (`claimed`, or its final refusal: suppressed, capped, no_address, a template
 *      error as failed; or `deferred` with the instant the policy allows it);
 *   2. the channel provider, outside the transaction;
 *   3. the outcome recorded on the same row (sent / failed).
 *
 * A retried activity finds its key: a final row is returned as recorded, without sending. A row
 * still `claimed` means an earlier attempt died between claim and record; the provider may or
 * may not have been reached, so the same content is handed to it again with the same key
 * (providers forward the key: SMTP Message-ID, X-Cairn-Idempotency-Key) so receivers can drop
 * the repeat. Nobody is skipped and the row is never recorded twice.
 *
 * A `deferred` row is not final: the workflow sleeps until `until` and calls again with the same
 * key, and the policy runs afresh on the same row (a suppression recorded meanwhile applies).
 */
import type { Db, MessageRow, MessageStatus } from '@cairn/db';
import { messageLinks, oneClickHeaders, type LinkConfig } from '../policy/links.node.js';
import type { CustomerEvent } from '@cairn/core/internal/rules/facts';
import { channelOf, markupOf, RenderError, renderMessage, type MessageNode } from './content.js';
import { compileMjml } from './mjml.js';
import { trackEmail } from './tracking.js';
import { claimStep } from './claim.js';
import type { PolicyTx } from './policy.js';
import { AddressGoneError, PermanentSendError, pushDeviceKind, type Provider, type ProviderSource, type PushDeviceKind } from './provider.js';
import type { PushNode } from '@cairn/core/internal/nodes/action/push';

/** What the send path needs: the database, the channels' providers, a clock and the link settings. */
export interface DeliveryDeps {
  db: Db;
  /** Fixed per channel, or read per send (`createChannels(...).providers`: the Channels page's choices). */
  providers: ProviderSource;
  clock: { now(): number };
  /** Signs the unsubscribe / preference links of marketing email; absent: no links. */
  links?: () => Promise<LinkConfig>;
}

/** One message to send for one customer at one step, with the key that makes a retried send a no-op. */
export interface DeliveryRequest {
  /** workflowId + node id + visit count: one send per visit of a node, whatever the retries. */
  idempotencyKey: string;
  customerId: string;
  node: MessageNode;
  /** The event the Liquid content may refer to (`event.properties.*`). */
  event?: CustomerEvent;
  journey?: { id: string; name: string };
  /** The enrolment's workflow, to link the message row to the enrolment. */
  workflowId?: string;
  /** On the last attempt a retryable provider error is recorded as failed instead of thrown. */
  finalAttempt?: boolean;
  /**
   * The workflow's clock when it asked (epoch ms). The send is judged at the later of this and
   * the activity's clock, so a workflow on a time-skipping test server and its activities agree.
   */
  at?: number;
  /** The journey's time zone, the fallback for a customer without one. */
  journeyTimeZone?: string;
  /** Idempotent work committed in the claim's transaction (the enrolment's progress up to this step). */
  alongside?: (tx: PolicyTx) => Promise<{ enrolmentId?: string } | void>;
}

/** The status a send ends in (every message status except the transient `claimed`). */
export type FinalStatus = Exclude<MessageStatus, 'claimed'>;

/**
 * What a send came to: its final status, the reason when it was not sent, and when to try again if
 * deferred.
 */
export interface DeliveryResult {
  status: FinalStatus;
  reason: string;
  messageId?: string;
  provider?: string;
  /** True when the outcome was already recorded by an earlier attempt (nothing sent now). */
  replayed?: boolean;
  /** The policy rule that refused or deferred the message (e.g. "hard_bounce", "quiet-hours"). */
  code?: string;
  /** For `deferred`: when to try again (epoch ms), with the same idempotency key. */
  until?: number;
}

type Claim =
  | { kind: 'final'; result: DeliveryResult }
  | { kind: 'send'; messageId: string; to: string; content: Record<string, string>; provider: string };

const ADDRESS_FIELD = { email: 'email', sms: 'phone', push: 'pushToken', chat: 'chatId' } as const;

/**
 * Sends one message through the delivery policy: claims it once (idempotent), checks suppressions, consent,
 * caps and quiet hours, renders it, hands it to the provider and records the outcome.
 */
export async function deliver(deps: DeliveryDeps, req: DeliveryRequest): Promise<DeliveryResult> {
  const channel = channelOf(req.node);
  const provider = (typeof deps.providers === 'function' ? await deps.providers() : deps.providers)[channel];
  const now = Math.max(deps.clock.now(), req.at ?? 0);
  const linkConfig = deps.links && channel === 'email' && !req.node.transactional ? await deps.links() : undefined;
  const final = (status: FinalStatus, reason: string, row: MessageRow, extra: { code?: string; until?: number } = {}): Claim => ({
    kind: 'final',
    result: { status, reason, messageId: row.id, ...(extra.code ? { code: extra.code } : {}), ...(extra.until !== undefined ? { until: extra.until } : {}) },
  });
  const claim = await claimStep<Claim>(
    deps.db,
    {
      idempotencyKey: req.idempotencyKey,
      customerId: req.customerId,
      workflowId: req.workflowId,
      row: { journeyId: req.journey?.id ?? null, nodeId: req.node.id, channel, topic: req.node.topic, transactional: req.node.transactional },
      policy: { now, capBehaviour: req.node.onCap ?? 'skip', ...(req.journeyTimeZone ? { journeyTimeZone: req.journeyTimeZone } : {}) },
      alongside: req.alongside,
    },
    {
      unknownCustomer: () => ({ kind: 'final', result: { status: 'failed', reason: `unknown customer ${req.customerId}` } }),
      found: (existing) => {
        if (existing.status !== 'claimed') {
          const result: DeliveryResult = { status: existing.status, reason: existing.reason ?? existing.status, messageId: existing.id, replayed: true };
          if (existing.provider) result.provider = existing.provider;
          return { kind: 'final', result };
        }
        const { to = '', ...content } = (existing.content ?? {}) as Record<string, string>;
        return { kind: 'send', messageId: existing.id, to, content, provider: existing.provider ?? provider.name };
      },
      refused: (verdict, row) => final(verdict.status, verdict.reason, row, { code: verdict.code, ...(verdict.status === 'deferred' ? { until: verdict.until } : {}) }),
      allowed: async (tx, write, customer) => {
        const attributes = (customer.attributes ?? {}) as Record<string, unknown>;
        const field = ADDRESS_FIELD[channel];
        const legacy = customer[field] ?? (typeof attributes[field] === 'string' ? (attributes[field] as string) : null);
        // Push reaches every device of the step's target (browsers, apps, both) under this one claim.
        const devices = channel === 'push' ? await pushDevices(tx, customer.id, legacy, (req.node as PushNode).target ?? 'both') : undefined;
        const to = devices ? (devices[0]?.address ?? null) : legacy;
        if (!to) {
          const target = (req.node as PushNode).target ?? 'both';
          const reason = devices ? `the customer has no push device${target === 'both' ? '' : ` of kind ${target}`} (pushToken)` : `the customer has no ${field} for ${channel}`;
          return final('no_address', reason, await write({ status: 'no_address', reason }));
        }
        // Marketing email carries signed links (Liquid `unsubscribe_url`, `preferences_url`), kept in
        // the row so a resend after a crash carries the same ones.
        const links = linkConfig ? messageLinks(linkConfig, { customerId: customer.id, channel, topic: req.node.topic, issuedAt: now }) : undefined;
        let content: Record<string, string>;
        try {
          content = renderMessage(req.node, { id: customer.id, attributes }, req.event, req.journey, links);
          // An MJML body is sent as HTML with a generated plain-text part (`body`); the row keeps both.
          const markup = markupOf(req.node);
          if (markup) {
            const compiled = await compileMjml(content[markup.field] ?? '', content.preheader ?? '', markup.field);
            content = { ...content, [markup.field]: compiled.text, html: compiled.html };
          }
        } catch (err) {
          if (err instanceof RenderError) return final('failed', err.message, await write({ status: 'failed', reason: err.message }));
          throw err;
        }
        if (links) content = { ...content, unsubscribe_url: links.unsubscribe_url };
        // A channel that routes by content (chat: by the step's app) names the provider that carries it.
        const carrier = devices ? carriersOf(provider, devices) : (provider.nameFor?.(content) ?? provider.name);
        if (devices) content = { ...content, devices: JSON.stringify(devices) };
        const row = await write({ status: 'claimed', reason: null, content: { to, ...content }, provider: carrier });
        // Marketing HTML email: links and an open pixel through Cairn (tracking.ts), made with the
        // row's id and kept on the row in this transaction, so a resend carries the same ones.
        if (linkConfig && links && content.html) {
          const tracked = trackEmail(content.html, { baseUrl: linkConfig.baseUrl, secret: linkConfig.secret, messageId: row.id, skip: [links.unsubscribe_url, links.preferences_url] });
          content = { ...content, html: tracked.html, tracked_links: JSON.stringify(tracked.links) };
          await tx.message.update({ where: { id: row.id }, data: { content: { to, ...content } } });
        }
        return { kind: 'send', messageId: row.id, to, content, provider: carrier };
      },
    },
  );

  if (claim.kind === 'final') return claim.result;

  const record = async (status: FinalStatus, reason: string, providerId?: string) => {
    await deps.db.message.update({
      where: { id: claim.messageId },
      data: { status, reason, provider: claim.provider, ...(providerId ? { providerId } : {}), ...(status === 'sent' ? { sentAt: new Date(Math.max(deps.clock.now(), req.at ?? 0)) } : {}) },
    });
    return { status, reason, messageId: claim.messageId, provider: claim.provider };
  };

  if (channel === 'push' && claim.content.devices) {
    const out = await sendToDevices(deps, req, provider, { messageId: claim.messageId, to: claim.to, content: claim.content });
    return record(out.status, out.reason, out.providerId);
  }

  try {
    const sent = await provider.send({
      idempotencyKey: req.idempotencyKey,
      messageId: claim.messageId,
      channel,
      customerId: req.customerId,
      to: claim.to,
      topic: req.node.topic,
      content: claim.content,
      ...(claim.content.unsubscribe_url ? { headers: oneClickHeaders(claim.content.unsubscribe_url) } : {}),
      ...(req.journey ? { journeyId: req.journey.id } : {}),
      nodeId: req.node.id,
    });
    return await record('sent', `sent by ${claim.provider}`, sent.providerId);
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    if (err instanceof AddressGoneError) {
      const field = ADDRESS_FIELD[channel];
      await deps.db.customer.updateMany({ where: { id: req.customerId, [field]: claim.to }, data: { [field]: null } });
      // An identify keeps the trait among the attributes too, and the address falls back to it:
      // forget that copy as well, or the next send would use the dead address again.
      await deps.db.$executeRaw`UPDATE "Customer" SET attributes = attributes - ${field}::text WHERE id = ${req.customerId} AND attributes->>${field}::text = ${claim.to}`;
    }
    if (err instanceof PermanentSendError || req.finalAttempt) return record('failed', `${claim.provider}: ${message}`);
    throw err;
  }
}

interface PushDevice {
  kind: PushDeviceKind;
  address: string;
}

interface DeviceOutcome {
  kind: PushDeviceKind;
  provider: string;
  status: 'sent' | 'failed';
  providerId?: string;
  reason?: string;
}

/** The customer's push devices (PushDevice rows, then the older single `pushToken`), of the target's kind. */
async function pushDevices(tx: PolicyTx, customerId: string, legacy: string | null, target: 'both' | 'app' | 'browser'): Promise<PushDevice[]> {
  const rows = await tx.pushDevice.findMany({ where: { customerId }, orderBy: { createdAt: 'asc' }, select: { address: true } });
  const addresses = [...new Set([...rows.map((r) => r.address), ...(legacy ? [legacy] : [])])];
  return addresses.map((address) => ({ kind: pushDeviceKind(address), address })).filter((d) => target === 'both' || d.kind === target);
}

/** The providers that carry these devices, as the row names them ("web-push+fcm"), so receipts of either find it. */
function carriersOf(provider: Provider, devices: readonly PushDevice[]): string {
  return [...new Set(devices.map((d) => (provider.forDevice?.(d.kind) ?? provider).name))].join('+');
}

/**
 * One push step to each device, under the step's single claim: the policy judged the person once
 * (a cap counts the step once, whatever number of phones and browsers they have). Each device's
 * outcome is written to the row as it comes, so a retry after a retryable error or a crash sends
 * only to the devices not yet done. The step is sent when any device got it, failed when none did.
 */
async function sendToDevices(
  deps: DeliveryDeps,
  req: DeliveryRequest,
  provider: Provider,
  claim: { messageId: string; to: string; content: Record<string, string> },
): Promise<{ status: FinalStatus; reason: string; providerId?: string }> {
  const { devices: list = '[]', device_outcomes: done = '{}', ...content } = claim.content;
  const devices = JSON.parse(list) as PushDevice[];
  const outcomes = JSON.parse(done) as Record<string, DeviceOutcome>;
  let retry: unknown;
  for (const [i, device] of devices.entries()) {
    if (outcomes[i]) continue;
    const carrier = provider.forDevice?.(device.kind) ?? provider;
    try {
      const sent = await carrier.send({
        // Each device its own key: a receiver dropping repeats must not drop the second device.
        idempotencyKey: i === 0 ? req.idempotencyKey : `${req.idempotencyKey}:${i}`,
        messageId: claim.messageId,
        channel: 'push',
        customerId: req.customerId,
        to: device.address,
        topic: req.node.topic,
        content,
        ...(req.journey ? { journeyId: req.journey.id } : {}),
        nodeId: req.node.id,
      });
      outcomes[i] = { kind: device.kind, provider: carrier.name, status: 'sent', ...(sent.providerId ? { providerId: sent.providerId } : {}) };
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      if (err instanceof AddressGoneError) await forgetPushDevice(deps.db, req.customerId, device.address);
      if (err instanceof PermanentSendError || req.finalAttempt) outcomes[i] = { kind: device.kind, provider: carrier.name, status: 'failed', reason: `${carrier.name}: ${message}` };
      else retry ??= err;
    }
  }
  await deps.db.message.update({ where: { id: claim.messageId }, data: { content: { to: claim.to, ...claim.content, device_outcomes: JSON.stringify(outcomes) } } });
  if (retry) throw retry;
  const all = devices.map((_, i) => outcomes[i]!);
  const sent = all.filter((o) => o.status === 'sent');
  const failed = all.filter((o) => o.status === 'failed');
  const names = [...new Set(sent.map((o) => o.provider))].join(' and ');
  if (sent.length === 0) return { status: 'failed', reason: failed.map((o) => o.reason).join('; ') };
  const reason = failed.length === 0 ? `sent by ${names}${all.length > 1 ? ` to ${all.length} devices` : ''}` : `sent by ${names} to ${sent.length} of ${all.length} devices; ${failed.map((o) => o.reason).join('; ')}`;
  return { status: 'sent', reason, ...(sent[0]!.providerId ? { providerId: sent[0]!.providerId } : {}) };
}

/** A dead subscription or token (410, UNREGISTERED): removed, and the older single address cleared if it is the one. */
async function forgetPushDevice(db: Db, customerId: string, address: string): Promise<void> {
  await db.pushDevice.deleteMany({ where: { customerId, address } });
  await db.customer.updateMany({ where: { id: customerId, pushToken: address }, data: { pushToken: null } });
  await db.$executeRaw`UPDATE "Customer" SET attributes = attributes - 'pushToken' WHERE id = ${customerId} AND attributes->>'pushToken' = ${address}`;
}
