/**
 * The journey workflow's public contract: its id scheme, input, signals and queries. Workflow-safe
 * and Node-safe: the API imports this (for `signalWithStart`) without loading the workflow.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ExitInfo } from '@cairn/core/internal/compile/context';
import type { EnterEvent } from '@cairn/core/internal/compile/events';
import type { Journey, JourneyInput } from '@cairn/core/internal/journey/journey';
import type { CustomerEvent, Profile } from '@cairn/core/internal/rules/facts';
import type { RunState } from '@cairn/core/internal/run/driver';

/** The workflow type name, for clients that start it by name. */
export const JOURNEY_WORKFLOW = 'journeyWorkflow';
/** Default task queue of the worker. */
export const DEFAULT_TASK_QUEUE = 'cairn-journeys';

/**
 * The deterministic workflow id of one customer's n-th entry (1-based) into a journey. Ingest
 * starts workflows with `signalWithStart` under this id, so a retried request never enrols twice.
 */
export function workflowIdFor(journeyId: string, customerId: string, entry: number): string {
  return `journey:${journeyId}:customer:${customerId}:entry:${entry}`;
}

/** A tracked event for the customer. `id` (the ingest messageId) lets the workflow drop repeats. */
export interface CustomerEventSignal {
  event: CustomerEvent;
  id?: string;
}

/** Something that arrived while the workflow was busy, handled in order. */
export type InboxItem = { kind: 'event'; event: CustomerEvent; id?: string } | { kind: 'profile'; profile: Profile };

/** Everything a run carries across continue-as-new. Deadlines inside `state` are absolute. */
/**
 * Versions of the workflow's durable contracts. A customer can wait in a journey for months, so a
 * worker may receive an input (or a carried state, after continue-as-new) written by older code;
 * absent means 1. A change to either shape bumps its version here and the workflow reads every
 * version it has ever written (see README "Changing the workflow"); a version newer than the
 * worker fails the run at once with a message, rather than being misread.
 */
export const WORKFLOW_INPUT_VERSION = 2;
/**
 * The input version from which a run asks none of the patches that existed when it was written
 * (patches.ts). Version 2: the shape is unchanged; its writers (the API's enrolment,
 * continue-as-new, a move) only start runs on code that takes all of those patches.
 */
export const SETTLED_PATCHES_INPUT_VERSION = 2;
/** The version of `CarriedState` this code writes and reads. */
export const CARRIED_STATE_VERSION = 1;

/**
 * Everything a journey run carries across continue-as-new: the machine state, queued signals, steps
 * recorded, visits per step, pause and exit flags, and event ids seen.
 */
export interface CarriedState {
  /** CARRIED_STATE_VERSION when written; absent in states written before versions existed (1). */
  v?: number;
  state: RunState;
  inbox: InboxItem[];
  /** Number of trace steps recorded so far (the next NodeEvent seq). */
  seq: number;
  /** Visits per action node: part of the idempotency key (a loop revisiting a node sends again). */
  visits: Record<string, number>;
  paused: boolean;
  exitRequested?: string;
  seenEventIds: string[];
}

/**
 * What starts a journey workflow for one customer: the journey version, the entry, and after
 * continue-as-new the carried state.
 */
export interface JourneyWorkflowInput {
  /** WORKFLOW_INPUT_VERSION when written; absent in inputs written before versions existed (1). */
  v?: number;
  journeyId: string;
  /** The JourneyVersion row the customer is pinned to. */
  versionId: string;
  /** That version's journey JSON: the customer keeps it even when a newer version is published. */
  journey: Journey | JourneyInput;
  customerId: string;
  /** 1 for the first entry, 2 for a re-entry… (part of the workflow id). */
  entry: number;
  enter: EnterEvent;
  /** The ingest id of the triggering event, so the same event sent as a signal is not seen twice. */
  enterEventId?: string;
  /** Set by the workflow itself when it continues as new. */
  carried?: CarriedState;
  options?: JourneyWorkflowOptions;
}

/** Tuning, mostly for tests: the defaults suit production. */
export interface JourneyWorkflowOptions {
  /** Continue as new once history passes this many events (default 2,000, or the server's suggestion). */
  historyThreshold?: number;
  /** Start-to-close timeout of effect activities in ms (default 60 s): how soon a dead worker's send is retried. */
  effectTimeoutMs?: number;
}

/** Where a journey run stands, as the status query reports it. */
export type JourneyRunStatus = 'active' | 'waiting' | 'paused' | 'completed' | 'exited' | 'not-entered';

/** How a journey run ended: completed (end or goal), exited (with why), or never entered. */
export interface JourneyWorkflowResult {
  status: 'completed' | 'exited' | 'not-entered';
  exit?: ExitInfo;
}

/**
 * The status query's answer: status, current step, deadline of the current wait, and whether the run is
 * idle.
 */
export interface JourneyStatusView {
  status: JourneyRunStatus;
  node: string;
  /** Absolute deadline of the current wait (epoch ms). */
  deadline?: number;
  paused: boolean;
  /** Blocked on its timer or a signal, nothing in flight (recorded progress included). */
  idle: boolean;
  steps: number;
}

/**
 * A customer event for a running journey (goal, exit event, or what a wait listens for); deduplicated by
 * id.
 */
export const customerEventSignal = defineSignal<[CustomerEventSignal]>('customerEvent');
/** The customer's profile changed (identify): conditions evaluated later see the new attributes. */
export const profileSignal = defineSignal<[Profile]>('profile');
/** Journey paused: hold timers and effects (events queue) until `resume`. */
export const pauseSignal = defineSignal('pause');
/** Journey resumed: timers and effects held by `pause` go on, queued events are handled. */
export const resumeSignal = defineSignal('resume');
/** Journey stopped: the customer exits now with the reason (default "stopped"). */
export const stopSignal = defineSignal<[{ reason?: string }?]>('stop');
/** One customer removed from the journey by staff (default reason "removed"). */
export const removeSignal = defineSignal<[{ reason?: string }?]>('remove');

/**
 * Move the run to a newer published version (publish with "move waiting customers"): applied at
 * the run's next rest, through continue-as-new (move-version.ts).
 */
export const moveVersionSignal = defineSignal<[MoveVersionRequest]>('moveVersion');

/** The version to move to and where each old wait's customers go (old node id -> new node id, or "leave"). */
export interface MoveVersionRequest {
  versionId: string;
  version: number;
  journey: Journey | JourneyInput;
  nodeMap: Record<string, string>;
}

/** The id of the step the customer is at. */
export const currentNodeQuery = defineQuery<string>('currentNode');
/** Where the run stands (`JourneyStatusView`). */
export const statusQuery = defineQuery<JourneyStatusView>('status');

/** Enrolment status for a run's exit reason: reaching the end or a goal completes the journey. */
export function completes(reason: string): boolean {
  return reason === 'completed' || reason === 'end-of-path' || reason === 'goal';
}
export * from './broadcast-api.js';
