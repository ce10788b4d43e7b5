/**
 * An effect step (a message, an action) in the journey workflow: perform it, with the steps that
 * led here travelling in the same call; if the delivery policy deferred it (quiet hours, a
 * deferring cap), rest until the instant it named and perform it again; if it made a sales task
 * the journey waits on, wait for the rep's outcome; then tell the machine how it went. Customer
 * events that arrive meanwhile are handled as in any wait: a goal or exit event takes the customer
 * off this step, and the deferred send never goes.
 */
import { condition } from '@temporalio/workflow';
import type { EffectOutcome } from '@cairn/core/internal/nodes/define';
import type { JourneyNode } from '@cairn/core/internal/nodes/registry';
import type { Pending } from '@cairn/core/internal/run/driver';
import type { SalesOutcomeSignal } from '../sales/signal.js';
import { perform } from './effects.js';
import type { Patches } from './patches.js';
import type { JourneyRun } from './run.js';
import { awaitSalesTask } from './sales-wait.js';

export interface EffectStepOptions {
  /** The journey's name and time zone, as the effect activities need them. */
  journey: { id: string; name: string; timeZone: string };
  /** A run whose history predates local bookkeeping: progress is not carried by effects. */
  legacy: boolean;
  /** The run's side of each patch (patches.ts). */
  patches: Patches;
  effectTimeoutMs: number;
  salesOutcomes: Map<string, SalesOutcomeSignal>;
}

export async function runEffectStep(run: JourneyRun, node: JourneyNode, opts: EffectStepOptions): Promise<void> {
  const { c, workflowId, input } = run;
  const visit = (c.visits[node.id] ?? 0) + 1;
  c.visits[node.id] = visit;
  const event = c.state.context.event;
  const ctx = {
    workflowId, idempotencyKey: `${workflowId}:${node.id}:${visit}`, customerId: input.customerId,
    journey: { id: opts.journey.id, name: opts.journey.name }, timeoutMs: opts.effectTimeoutMs,
    journeyTimeZone: opts.journey.timeZone,
    ...(event ? { event } : {}),
  };
  // The steps that led here travel with the effect: no separate bookkeeping call (a legacy run
  // records them at its next rest, as it always did).
  const taken = opts.legacy ? undefined : run.takeProgress();
  const first = await perform(node, { ...ctx, at: Date.now(), ...(taken ? { progress: taken.input } : {}) }, opts.patches, opts.legacy);
  run.settle(taken, first.completed);
  let outcome = first.outcome;

  const stillHere = () => {
    const now = run.p as Pending;
    return now.kind === 'effect' && now.node.id === node.id;
  };
  let left = false;
  // Deferred by the policy: sleep durably until the instant it named, then run the same step again
  // under the same idempotency key. The policy is judged afresh then, so a suppression recorded
  // meanwhile applies.
  for (let until = deferral(outcome); typeof until === 'number' && c.exitRequested === undefined; until = deferral(outcome)) {
    run.deferredUntil = until;
    await run.flush();
    while (!left && c.exitRequested === undefined && run.deferredUntil > Date.now()) {
      run.idle = true;
      await condition(() => c.exitRequested !== undefined || (c.inbox.length > 0 && !c.paused), run.deferredUntil - Date.now());
      run.idle = false;
      if (!c.paused && run.drainInbox(() => !stillHere())) left = true;
    }
    if (c.paused && !left) await condition(() => !c.paused || c.exitRequested !== undefined);
    run.deferredUntil = undefined;
    if (left || c.exitRequested !== undefined) break;
    outcome = (await perform(node, { ...ctx, at: Date.now() }, opts.patches, opts.legacy)).outcome;
  }
  // A sales task the journey waits on (sales-wait.ts): the rep's outcome, or the timeout.
  if (!left) {
    const waited = await awaitSalesTask(
      outcome,
      opts.salesOutcomes,
      {
        interrupted: () => c.exitRequested !== undefined,
        pendingEvents: () => c.inbox.length > 0 && !c.paused,
        drain: () => run.drainInbox(() => !stillHere()),
        rest: async (until) => {
          run.deferredUntil = until;
          run.idle = until !== undefined;
          if (until !== undefined) await run.flush();
        },
      },
      opts.effectTimeoutMs,
      opts.patches,
    );
    if (waited === 'left') left = true;
    else outcome = waited;
  }
  if (!left) run.feed({ type: 'cairn.done', at: Math.max(Date.now(), c.state.context.now), nodeId: node.id, outcome });
}

/** The instant a deferred send may be tried again, if the policy deferred it. */
function deferral(o: EffectOutcome): number | undefined {
  if (o.status !== 'deferred') return undefined;
  const until = (o.detail as { until?: unknown } | undefined)?.until;
  return typeof until === 'number' ? until : undefined;
}
