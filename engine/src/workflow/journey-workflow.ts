/**
 * The one generic workflow: interprets a compiled journey for one customer. It loops on the
 * driver's `pending()`: an effect step performs the effect through an activity (effect-step.ts),
 * a wait sleeps on a durable timer until the wait's absolute deadline or a signal (wait-step.ts),
 * and progress is recorded as the run goes (run.ts). Everything here is deterministic (Date.now()
 * is Temporal's workflow clock); a change to the commands it issues goes behind `patched()`
 * (README, "Changing the workflow") and the committed histories replay in `npm test`.
 */
import { condition, workflowInfo, ApplicationFailure } from '@temporalio/workflow';
import { compile, parseJourney, startRun } from './core.js';
import type { TraceStep } from '@cairn/core/internal/compile/context';
import { completes, CARRIED_STATE_VERSION, WORKFLOW_INPUT_VERSION, type CarriedState, type JourneyWorkflowInput, type JourneyWorkflowResult } from './api.js';
import { runEffectStep } from './effect-step.js';
import { LOCAL_BOOKKEEPING, recordsFor } from './effects.js';
import { patchesFor } from './patches.js';
import { JourneyRun } from './run.js';
import { listenForSalesOutcomes } from './sales-wait.js';
import { listenToSignalsAndQueries } from './signals.js';
import { runWaitStep } from './wait-step.js';

/** Continue as new past this many history events even if the server does not suggest it yet. */
export const HISTORY_THRESHOLD = 2_000;

/** Runs one customer through one version of a journey, from its trigger (or a carried state) to its end. */
export async function journeyWorkflow(input: JourneyWorkflowInput): Promise<JourneyWorkflowResult> {
  refuseNewer('workflow input', input.v, WORKFLOW_INPUT_VERSION);
  if (input.carried) refuseNewer('carried state', input.carried.v, CARRIED_STATE_VERSION);
  // Decided once, first: a run whose history predates local bookkeeping keeps its old commands.
  const patches = patchesFor(input.v);
  const legacy = !patches(LOCAL_BOOKKEEPING);
  const parsed = parseJourney(input.journey);
  if (!parsed.ok) throw ApplicationFailure.nonRetryable(`journey ${input.journeyId} is not valid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const compiled = compile(parsed.journey);

  let unflushed: TraceStep[] = [];
  let c: CarriedState;
  if (input.carried) {
    c = input.carried;
  } else {
    const started = startRun(compiled, input.customerId, input.enter);
    unflushed = started.steps;
    const seen = input.enterEventId ? [input.enterEventId] : [];
    c = { v: CARRIED_STATE_VERSION, state: started.state, inbox: [], seq: 0, visits: {}, paused: false, seenEventIds: seen };
  }
  const run = new JourneyRun(compiled, input, workflowInfo().workflowId, recordsFor(!legacy), c, unflushed);
  listenToSignalsAndQueries(run);
  const salesOutcomes = listenForSalesOutcomes();
  const effectOptions = {
    journey: { id: input.journeyId, name: parsed.journey.name, timeZone: parsed.journey.settings.timeZone },
    legacy,
    patches,
    effectTimeoutMs: input.options?.effectTimeoutMs ?? 60_000,
    salesOutcomes,
  };
  const waitOptions = { legacy, patches, historyThreshold: input.options?.historyThreshold ?? HISTORY_THRESHOLD };

  for (;;) {
    if (c.exitRequested !== undefined && run.p.kind !== 'done' && run.p.kind !== 'not-entered') {
      run.feed({ type: 'cairn.exit', at: Math.max(Date.now(), c.state.context.now), reason: c.exitRequested });
    }
    // Events first: a goal or exit event that arrived ends the journey before any further effect.
    if (!c.paused) {
      for (let item = c.inbox.shift(); item && run.p.kind !== 'done'; item = c.inbox.shift()) run.feedItem(item);
    }
    const p = run.p;
    if (p.kind === 'done' || p.kind === 'not-entered') {
      await run.flush();
      return p.kind === 'done' ? { status: completes(p.exit.reason) ? 'completed' : 'exited', exit: p.exit } : { status: 'not-entered' };
    }
    if (c.paused) {
      await run.flush();
      run.idle = true;
      await condition(() => !c.paused || c.exitRequested !== undefined);
      run.idle = false;
      continue;
    }
    if (p.kind === 'effect') await runEffectStep(run, p.node, effectOptions);
    else await runWaitStep(run, p.deadline, waitOptions);
  }
}

/** A contract version newer than this worker's code: fail the run in words, never misread it. */
function refuseNewer(what: string, version: number | undefined, supported: number): void {
  if ((version ?? 1) > supported) {
    throw ApplicationFailure.nonRetryable(`the ${what} has version ${version}, newer than this worker reads (${supported}): deploy the newer worker`);
  }
}
