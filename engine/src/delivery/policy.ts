/**
 * The delivery policy at send time. Runs inside the send transaction, after the customer row is
 * locked: a suppression or consent change recorded concurrently inserts a row referencing the
 * customer (a key-share lock), so it either committed before this read or waits for this
 * transaction. The facts are read here; the decision itself is the pure `decidePolicy` of
 * engine/src/policy, the same function the API's "why not?" answer uses.
 */
import type { Prisma } from '@cairn/db';
import type { Channel } from '../journey/primitives.js';
import { decidePolicy } from '../policy/decide.js';
import { outcomeOf } from '../policy/outcome.js';
import { consentModeOf, longestCapWindowMs, PolicySettings, DEFAULT_POLICY_SETTINGS } from '../policy/settings.js';
import { SuppressionReason, type CapBehaviour, type ConsentRecord, type PolicyDecision as Decision, type PolicyInput as DecisionInput, type RecentSend, type Suppression } from '../policy/types.js';

/** The transaction the send runs in. */
export type PolicyTx = Prisma.TransactionClient;

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

export type SendVerdict =
  | { allowed: true; timeZone: string }
  | { allowed: false; status: 'suppressed' | 'capped'; reason: string; code: string }
  | { allowed: false; status: 'deferred'; reason: string; code: string; until: number };

/** The key of the workspace's policy settings in WorkspaceSetting. */
export const POLICY_SETTINGS_KEY = 'policy';

/** The saved settings, or the defaults (a broken document must not stop every send: defaults are the strict reading). */
export async function loadPolicySettings(tx: Pick<PolicyTx, 'workspaceSetting'>): Promise<PolicySettings> {
  const row = await tx.workspaceSetting.findUnique({ where: { key: POLICY_SETTINGS_KEY } });
  if (!row) return DEFAULT_POLICY_SETTINGS;
  const parsed = PolicySettings.safeParse(row.value);
  return parsed.success ? parsed.data : DEFAULT_POLICY_SETTINGS;
}

/** Everything `decidePolicy` needs, read from the database. Exported for the API's "why not?". */
export async function gatherPolicyFacts(tx: PolicyTx, input: SendPolicyInput): Promise<DecisionInput> {
  const now = input.now ?? Date.now();
  const settings = await loadPolicySettings(tx);
  const customer = input.customerTimeZone !== undefined
    ? { timeZone: input.customerTimeZone }
    : await tx.customer.findUnique({ where: { id: input.customerId }, select: { timeZone: true } });
  const suppressionRows = await tx.suppression.findMany({
    where: { customerId: input.customerId, removedAt: null, channel: { in: [input.channel, 'all'] } },
    orderBy: { createdAt: 'asc' },
  });
  const suppressions: Suppression[] = suppressionRows.map((r) => {
    const reason = SuppressionReason.safeParse(r.reason);
    return {
      channel: r.channel as Suppression['channel'],
      // A reason this version does not know (written by a newer one, or by hand) is treated as staff-entered: hard.
      reason: reason.success ? reason.data : 'manual',
      ...(r.hard !== null ? { hard: r.hard } : reason.success ? {} : { hard: true }),
      at: r.createdAt.getTime(),
      source: r.source,
    };
  });
  const consentRows = await tx.consent.findMany({
    where: { customerId: input.customerId, topic: input.topic, channel: { in: [input.channel, 'all'] } },
  });
  const consents: ConsentRecord[] = consentRows.map((r) => ({ topic: r.topic, channel: r.channel as ConsentRecord['channel'], status: r.status, at: r.createdAt.getTime(), source: r.source }));

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
