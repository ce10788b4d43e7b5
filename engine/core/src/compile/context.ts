/** The data a journey machine carries for one customer. Plain JSON: it is workflow state. */
import type { EffectOutcome } from '../nodes/define.js';
import type { CustomerEvent, Profile } from '../rules/facts.js';

/** One line of a customer's path through a journey: what happened at a node, when and why. */
export interface TraceStep {
  at: number;
  nodeId: string;
  /** entered: arrived at the node; left: took an output; exited: left the journey. */
  kind: 'entered' | 'left' | 'exited';
  output?: string;
  /** A sentence for the marketer: "lifetimeValue is 1200, wanted at least 1000", "waiting until …". */
  reason: string;
  /** For actions: the outcome status (sent, suppressed, skipped, failed, done). */
  status?: string;
  detail?: unknown;
}

/** How and where a customer left the journey. */
export interface ExitInfo {
  /** completed (exit node), goal, exit-event, stopped, holdout, end-of-path. */
  reason: string;
  nodeId?: string;
  at: number;
}

/**
 * The XState context of one customer's run: their profile and history, where they are, and the steps not
 * yet collected.
 */
export interface JourneyContext {
  customerId: string;
  profile: Profile;
  history: CustomerEvent[];
  /** The event that started the journey or released the last wait. */
  event?: CustomerEvent;
  enteredAt: number;
  /** Time of the last event processed. */
  now: number;
  /** The node the customer is at (for exits by stop, goal or exit event). */
  current?: string;
  /** Absolute deadline of the wait the customer is in, if any. */
  deadline?: number;
  /** Steps not yet collected by the runtime (the driver drains them after each event). */
  steps: TraceStep[];
  lastOutcome?: EffectOutcome;
  exit?: ExitInfo;
}
