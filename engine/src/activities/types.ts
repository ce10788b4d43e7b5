/**
 * Inputs and outputs of the activities. Plain JSON (they cross the Temporal boundary), and
 * importable with `import type` from the workflow.
 */
import type { TraceStep } from '@cairn/core/internal/compile/context';
import type { EffectOutcome } from '@cairn/core/internal/nodes/define';
import type { CustomActionNode } from '@cairn/core/internal/nodes/action/custom';
import type { CustomerEvent, Profile } from '@cairn/core/internal/rules/facts';
import type { MessageNode } from '../delivery/content.js';
import type { BuiltinActionKind, NodeOf } from '@cairn/core/internal/nodes/registry';

/** Attempts of the send and action activities (unless an action declares its own); the last one records a failure instead of throwing. */
export const EFFECT_MAX_ATTEMPTS = 5;

/** What every effect activity knows about where it runs. */
export interface EffectInput<N> {
  workflowId: string;
  /** workflowId:nodeId:visit — unique per visit of a node. */
  idempotencyKey: string;
  customerId: string;
  node: N;
  event?: CustomerEvent;
  journey: { id: string; name: string };
  /** The workflow's clock when it asked (epoch ms): sends are judged at it (delivery policy). */
  at?: number;
  /** The journey's time zone: quiet hours fall back to it for customers without one. */
  journeyTimeZone?: string;
  /**
   * The enrolment's progress up to this step (the trace steps that led here), recorded by the
   * activity before its effect (the send path: in the claim's transaction) instead of by a
   * separate call. Idempotent like `recordProgress`; absent when nothing is new.
   */
  progress?: ProgressInput;
}

/** A message step for the `sendMessage` activity. */
export type SendInput = EffectInput<MessageNode>;
/** A built-in non-message action's step (engine/src/actions), for the generic `runAction`. */
export type ActionInput = EffectInput<NodeOf<BuiltinActionKind>>;
/** A custom action's step for the `runCustomAction` activity. */
export type CustomActionInput = EffectInput<CustomActionNode>;

/** The enrolment status a progress record writes. */
export type EnrolmentProgressStatus = 'active' | 'waiting' | 'completed' | 'exited';

/** Steps of one enrolment since the last call, and where it stands now. */
export interface ProgressInput {
  workflowId: string;
  journeyId: string;
  versionId: string;
  customerId: string;
  entry: number;
  triggerNodeId?: string;
  /** Sequence number of `steps[0]` in the enrolment's trace (retries rewrite the same rows). */
  fromSeq: number;
  steps: TraceStep[];
  currentNodeId: string | null;
  status: EnrolmentProgressStatus;
  exitReason?: string;
  /** Epoch ms of the record (entry time on the first call, exit time on the last). */
  at: number;
}

/** The activities the journey workflow calls, by name. */
export interface JourneyActivities {
  sendMessage(input: SendInput): Promise<EffectOutcome>;
  /** Every built-in non-message action (tag, update attribute, webhook, assign rep): one path. */
  runAction(input: ActionInput): Promise<EffectOutcome>;
  /**
   * The names the same actions had before `cairn-actions-contract`: runs that scheduled them
   * still do on replay, so the worker keeps answering them (with `runAction`'s implementation).
   */
  callWebhook(input: ActionInput): Promise<EffectOutcome>;
  updateAttribute(input: ActionInput): Promise<EffectOutcome>;
  tagCustomer(input: ActionInput): Promise<EffectOutcome>;
  assignRep(input: ActionInput): Promise<EffectOutcome>;
  /** A waiting journey's sales task timed out: reassign it and tell the team lead. */
  escalateSalesTask(input: { taskId: string; at?: number }): Promise<{ reason: string }>;
  runCustomAction(input: CustomActionInput): Promise<EffectOutcome>;
  loadProfile(input: { customerId: string }): Promise<Profile | null>;
  recordProgress(input: ProgressInput): Promise<void>;
}
