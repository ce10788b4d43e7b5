/**
 * The events a compiled journey machine understands. Every event carries `at` (epoch ms): the
 * machine never reads a clock, so the same events give the same run in the browser, in tests
 * and in a replayed Temporal workflow.
 */
import type { EffectOutcome } from '../nodes/define.js';
import type { CustomerEvent, Profile } from '../rules/facts.js';

/** Enrol the customer through one trigger node. */
export interface EnterEvent {
  type: 'cairn.enter';
  at: number;
  triggerId: string;
  /** Set by the driver's `startRun`; the machine's initial state is shared by all customers. */
  customerId?: string;
  profile: Profile;
  /** Past events the journey's rules refer to (see `historyNeeds`). */
  history: CustomerEvent[];
  /** The event that triggered the entry, if any. */
  event?: CustomerEvent;
}

/** Something the customer did, while in the journey. */
export interface CustomerEventEvent {
  type: 'customer.event';
  at: number;
  event: CustomerEvent;
}

/** The current wait's deadline has passed. The runtime may attach a fresh profile. */
export interface TimerEvent {
  type: 'cairn.timer';
  at: number;
  profile?: Profile;
}

/** The runtime finished the current action node's effect. */
export interface DoneEvent {
  type: 'cairn.done';
  at: number;
  nodeId: string;
  outcome: EffectOutcome;
}

/** The customer's profile changed (identify). */
export interface ProfileEvent {
  type: 'cairn.profile';
  at: number;
  profile: Profile;
}

/** Stop the journey for this customer (journey stopped, customer removed). */
export interface ExitEvent {
  type: 'cairn.exit';
  at: number;
  reason: string;
}

/**
 * Every event a compiled journey machine accepts (entry, customer event, timer, effect done, profile
 * change, exit).
 */
export type MachineEvent = EnterEvent | CustomerEventEvent | TimerEvent | DoneEvent | ProfileEvent | ExitEvent;
