/**
 * The claim phase both send paths share: `deliver` (messages) and `claimContact` (custom actions
 * that contact the customer). In one transaction it locks the customer row, finds the step's
 * idempotency key and, unless an earlier attempt left a row that is not `deferred`, judges the
 * delivery policy afresh and writes the row under the key: a refusal or deferral here, or what
 * the caller decides once the policy allows (`allowed`). A deferred row is updated in place.
 *
 * The lock serialises sends to one customer and orders them with suppressions written
 * concurrently (inserting a Suppression row takes a key-share lock on the customer), so a
 * suppression either committed before the policy read it or waits for this transaction.
 */
import type { Db, MessageRow, MessageStatus } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { liveIdSql } from '../customer/live.js';
import type { Channel } from '@cairn/core/internal/journey/primitives';
import { checkPolicy, type PolicyTx, type SendPolicyInput, type SendVerdict } from './policy.js';

/**
 * Waiting for a pooled connection is normal when more activities run than the pool has
 * connections; Prisma's 2 s default would turn that queueing into failed (retried) activities.
 */
export const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

export interface ClaimSpec {
  idempotencyKey: string;
  customerId: string;
  /** The enrolment's workflow, to link the row to the enrolment. */
  workflowId?: string | undefined;
  /** The row's fixed fields. */
  row: { journeyId: string | null; nodeId: string; channel: Channel; topic: string; transactional: boolean; provider?: string };
  /** How the policy judges this step (its time, cap behaviour, the journey's time zone). */
  policy: Pick<SendPolicyInput, 'now' | 'capBehaviour' | 'journeyTimeZone'>;
  /**
   * Work the caller commits together with the claim (the workflow's progress up to this step),
   * run once the customer is locked. It must be idempotent: a retried step runs it again.
   */
  alongside?: ((tx: PolicyTx) => Promise<{ enrolmentId?: string } | void>) | undefined;
}

/** The customer row as the claim locks it: what the policy and the caller read of it. */
export interface LockedCustomer {
  id: string;
  timeZone: string | null;
  email: string | null;
  phone: string | null;
  pushToken: string | null;
  chatId: string | null;
  attributes: unknown;
}

/** The fields a step writes on its row. */
export type RowData = Omit<Prisma.MessageUncheckedUpdateInput, 'id' | 'idempotencyKey'> & { status: MessageStatus };

export type Refusal = Extract<SendVerdict, { allowed: false }>;

export interface ClaimSteps<T> {
  unknownCustomer(): T;
  /** An earlier attempt left this row (final, or still `claimed`): nothing is judged again. */
  found(row: MessageRow): T;
  /** The policy refused or deferred the step; its row is written. */
  refused(verdict: Refusal, row: MessageRow): T;
  /**
   * The policy allows it: the caller writes the row (`claimed`, or its own refusal) with `write`.
   * `customer` is the locked row, read in this transaction.
   */
  allowed(tx: PolicyTx, write: (data: RowData) => Promise<MessageRow>, customer: LockedCustomer): Promise<T>;
}

export async function claimStep<T>(db: Db, spec: ClaimSpec, steps: ClaimSteps<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    // The lock reads the row too: the policy (time zone) and the caller (address, attributes)
    // use it instead of reading the customer again.
    const customer = await lockLiveCustomer(tx, spec.customerId);
    if (!customer) return steps.unknownCustomer();
    // A merged id: the policy judges, and the row belongs to, the surviving profile.
    const customerId = customer.id;
    const along = spec.alongside ? await spec.alongside(tx) : undefined;
    const existing = await tx.message.findUnique({ where: { idempotencyKey: spec.idempotencyKey } });
    if (existing && existing.status !== 'deferred') return steps.found(existing);

    const enrolment = along?.enrolmentId
      ? { id: along.enrolmentId }
      : spec.workflowId ? await tx.enrolment.findUnique({ where: { workflowId: spec.workflowId }, select: { id: true } }) : null;
    const write = (data: RowData): Promise<MessageRow> =>
      existing
        ? tx.message.update({ where: { id: existing.id }, data: { policyCode: null, deferredUntil: null, ...data } })
        : tx.message.create({
            data: { ...(data as Prisma.MessageUncheckedCreateInput), ...spec.row, idempotencyKey: spec.idempotencyKey, customerId, enrolmentId: enrolment?.id ?? null },
          });

    const verdict = await checkPolicy(tx, {
      customerId, channel: spec.row.channel, topic: spec.row.topic, transactional: spec.row.transactional, ...spec.policy,
      customerTimeZone: customer.timeZone,
    });
    if (!verdict.allowed) {
      const row = await write({
        status: verdict.status,
        reason: verdict.reason,
        policyCode: verdict.code,
        ...(verdict.status === 'deferred' ? { deferredUntil: new Date(verdict.until) } : {}),
      });
      return steps.refused(verdict, row);
    }
    return steps.allowed(tx, write, customer);
  }, TX_OPTIONS);
}

/**
 * Locks and reads the customer the step is for: the surviving profile when `id` was merged into
 * another (customer/live.ts). The lock is taken first and the pointer read from the locked row:
 * a merge committing while we waited for the lock is seen, so the send is judged by the
 * surviving profile's suppressions, never by the emptied pointer row.
 */
async function lockLiveCustomer(tx: PolicyTx, id: string): Promise<LockedCustomer | undefined> {
  const lock = (where: Prisma.Sql) =>
    tx.$queryRaw<Array<LockedCustomer & { mergedInto: string | null }>>`SELECT id, "timeZone", email, phone, "pushToken", "chatId", attributes, "mergedInto" FROM "Customer" WHERE id = ${where} FOR UPDATE`;
  const [row] = await lock(liveIdSql(id));
  if (!row?.mergedInto) return row;
  const [live] = await lock(Prisma.sql`${row.mergedInto}`);
  return live;
}
