/**
 * The delivery policy at send time. Runs inside the send transaction, after the customer row is
 * locked: a suppression or consent change recorded concurrently inserts a row referencing the
 * customer (a key-share lock), so it either committed before this read or waits for this
 * transaction. The facts are read here; the decision itself is the pure `decidePolicy` of
 * engine/src/policy, the same function the API's "why not?" answer uses.
 */
import type { Prisma } from '@cairn/db';
import type { Channel } from '@cairn/core/internal/journey/primitives';
import { decidePolicy } from '@cairn/core/internal/policy/decide';
import { outcomeOf } from '@cairn/core/internal/policy/outcome';
import { consentModeOf, longestCapWindowMs, PolicySettings, DEFAULT_POLICY_SETTINGS } from '@cairn/core/internal/policy/settings';
import { SuppressionReason, type CapBehaviour, type ConsentRecord, type PolicyDecision as Decision, type PolicyInput as DecisionInput, type RecentSend, type Suppression } from '@cairn/core/internal/policy/types';

/** The transaction the send runs in. */
export type PolicyTx = Prisma.TransactionClient;

/** What the delivery policy judges a send by: who, on which channel and topic, and when. */
export interface SendPolicyInput {
  customerId: string;
  channel: Channel;
  topic: string;
  transactional: boolean;
  /** Epoch ms the send is judged at (default: now). */
  now?: number;
  /** What the node does when a cap is reached (default skip). */
  capBehaviour?: CapBehaviour;
  /** The journey's time zone: the fallback when the customer has none. */
  journeyTimeZone?: string;
  /** The customer's time zone when the caller already read the row in this transaction (else read here). */
  customerTimeZone?: string | null;
}

/**
 * The delivery policy's verdict on one send: allowed (in which time zone), suppressed or capped (with why),
 * or deferred until a time.
 */
export type SendVerdict =
  | { allowed: true; timeZone: string }
  | { allowed: false; status: 'suppressed' | 'capped'; reason: string; code: string }
  | { allowed: false; status: 'deferred'; reason: string; code: string; until: number };

/** The key of the workspace's policy settings in WorkspaceSetting. */
export const POLICY_SETTINGS_KEY = 'policy';

/** A saved settings document, or the defaults (a broken document must not stop every send: defaults are the strict reading). */
function settingsOf(value: unknown): PolicySettings {
  if (value === null || value === undefined) return DEFAULT_POLICY_SETTINGS;
  const parsed = PolicySettings.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_POLICY_SETTINGS;
}

/** The saved settings, or the defaults. */
export async function loadPolicySettings(tx: Pick<PolicyTx, 'workspaceSetting'>): Promise<PolicySettings> {
  const row = await tx.workspaceSetting.findUnique({ where: { key: POLICY_SETTINGS_KEY } });
  return settingsOf(row?.value);
}

interface FactRows {
  settings: unknown;
  suppressions: Array<{ channel: string; reason: string; hard: boolean | null; at: number; source: string }> | null;
  consents: Array<{ topic: string; channel: string; status: ConsentRecord['status']; at: number; source: string }> | null;
}

/**
 * The settings, the customer's live suppressions for the channel and consents for the topic, in
 * one statement (one round trip on the send path instead of three). Records left on a profile
 * merged into this one (written by a request that raced the merge) count too: a refusal is never
 * lost to a merge. Times as epoch ms (the
 * columns hold UTC, as Prisma writes them).
 */
async function readFacts(tx: PolicyTx, input: SendPolicyInput): Promise<FactRows> {
  const [row] = await tx.$queryRaw<FactRows[]>`
    SELECT
      (SELECT value FROM "WorkspaceSetting" WHERE key = ${POLICY_SETTINGS_KEY}) AS settings,
      (SELECT json_agg(json_build_object('channel', s.channel, 'reason', s.reason, 'hard', s.hard, 'source', s.source,
                                         'at', round(extract(epoch FROM s."createdAt") * 1000)::bigint) ORDER BY s."createdAt")
         FROM "Suppression" s
        WHERE s."customerId" IN (SELECT ${input.customerId} UNION ALL SELECT id FROM "Customer" WHERE "mergedInto" = ${input.customerId})
          AND s."removedAt" IS NULL AND s.channel IN (${input.channel}, 'all')) AS suppressions,
      (SELECT json_agg(json_build_object('topic', c.topic, 'channel', c.channel, 'status', c.status, 'source', c.source,
                                         'at', round(extract(epoch FROM c."createdAt") * 1000)::bigint) ORDER BY c."createdAt")
         FROM "Consent" c
        WHERE c."customerId" IN (SELECT ${input.customerId} UNION ALL SELECT id FROM "Customer" WHERE "mergedInto" = ${input.customerId})
          AND c.topic = ${input.topic} AND c.channel IN (${input.channel}, 'all')) AS consents`;
  return row ?? { settings: null, suppressions: null, consents: null };
}

/** A stored suppression row as the policy reads it (the send path and the move preview alike). */
export function suppressionOf(r: { channel: string; reason: string; hard: boolean | null; source: string; at: number }): Suppression {
  const reason = SuppressionReason.safeParse(r.reason);
  return {
    channel: r.channel as Suppression['channel'],
    // A reason this version does not know (written by a newer one, or by hand) is treated as staff-entered: hard.
    reason: reason.success ? reason.data : 'manual',
    ...(r.hard !== null ? { hard: r.hard } : reason.success ? {} : { hard: true }),
    at: r.at,
    source: r.source,
  };
}

/** Everything `decidePolicy` needs, read from the database. Exported for the API's "why not?". */
export async function gatherPolicyFacts(tx: PolicyTx, input: SendPolicyInput): Promise<DecisionInput> {
  const now = input.now ?? Date.now();
  const facts = await readFacts(tx, input);
  const settings = settingsOf(facts.settings);
  const customer = input.customerTimeZone !== undefined
    ? { timeZone: input.customerTimeZone }
    : await tx.customer.findUnique({ where: { id: input.customerId }, select: { timeZone: true } });
  const suppressions: Suppression[] = (facts.suppressions ?? []).map((r) => suppressionOf({ ...r, at: Number(r.at) }));
  const consents: ConsentRecord[] = (facts.consents ?? []).map((r) => ({ topic: r.topic, channel: r.channel as ConsentRecord['channel'], status: r.status, at: Number(r.at), source: r.source }));

  let recentSends: RecentSend[] = [];
  const window = longestCapWindowMs(settings);
  if (window > 0 && !input.transactional) {
    const since = new Date(now - window);
    // Sent messages count at their send time; a claimed one is in flight (or its worker died
    // mid-send): it counts as sent now, the cautious reading.
    const rows = await tx.message.findMany({
      where: {
        customerId: input.customerId,
        transactional: false,
        OR: [{ status: 'sent', sentAt: { gt: since } }, { status: 'claimed', createdAt: { gt: new Date(now - window - 86_400_000) } }],
      },
      select: { status: true, sentAt: true, channel: true, topic: true },
    });
    recentSends = rows.map((r) => ({ at: r.status === 'sent' && r.sentAt ? r.sentAt.getTime() : now, channel: r.channel as Channel, topic: r.topic }));
  }

  return {
    channel: input.channel,
    topic: input.topic,
    transactional: input.transactional,
    now,
    timeZones: { customer: customer?.timeZone ?? null, journey: input.journeyTimeZone ?? null, workspace: settings.timeZone },
    suppressions,
    consents,
    consentMode: consentModeOf(settings, input.topic),
    caps: settings.caps,
    recentSends,
    quietHours: settings.quietHours,
    capBehaviour: input.capBehaviour ?? 'skip',
  };
}

/** The policy's answer for one send, as the send path records it. */
export async function checkPolicy(tx: PolicyTx, input: SendPolicyInput): Promise<SendVerdict & { decision: Decision }> {
  const decision = decidePolicy(await gatherPolicyFacts(tx, input));
  const o = outcomeOf(decision);
  if (o.status === 'allowed') return { allowed: true, timeZone: decision.kind === 'allow' ? decision.timeZone : 'UTC', decision };
  return { allowed: false, ...o, decision };
}
