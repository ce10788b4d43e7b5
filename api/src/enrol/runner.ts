/**
 * What the API needs from the journey runtime: start one customer's run, and signal running ones.
 * The Temporal implementation is temporal-runner.ts; tests that do not exercise Temporal may
 * hand in a recording runner instead (and say so).
 */
import type { CustomerEvent, Profile } from '@cairn/core';
import type { JourneyWorkflowInput, MoveVersionRequest } from '@cairn/engine/workflow';
import type { SalesOutcomeSignal } from '@cairn/engine/sales';
import type { BroadcastRunner } from '../broadcasts/runner.js';

export type RunnerSignal =
  | { kind: 'event'; event: CustomerEvent; id?: string }
  | { kind: 'profile'; profile: Profile }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'stop'; reason?: string }
  | { kind: 'remove'; reason?: string }
  /** A rep recorded the outcome of a sales task the run waits on (docs/sales-handoff.md). */
  | { kind: 'salesOutcome'; outcome: SalesOutcomeSignal }
  /** To a newer version, through a node map (applied at the run's next wait). */
  | { kind: 'move'; request: MoveVersionRequest };

export interface ServiceHealth {
  ok: boolean;
  detail: string;
}

export interface JourneyRunner {
  /**
   * Starts the run under `workflowId` (deterministic: journey, customer, entry), or, when it already
   * runs, only delivers the triggering event to it (which the run ignores by its id). Idempotent.
   */
  enrol(workflowId: string, input: JourneyWorkflowInput): Promise<void>;
  /** Signals a run. A run that has already ended is not an error (returns false). */
  signal(workflowId: string, signal: RunnerSignal): Promise<boolean>;
  health(): Promise<ServiceHealth>;
  /** Broadcasts' workflows (absent in runners that do not run Temporal: broadcasts are then refused). */
  broadcasts?: BroadcastRunner;
}
