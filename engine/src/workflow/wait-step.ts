/**
 * A wait in the journey workflow: apply a move to a newer version if one was asked, record where
 * the customer is, continue as new when the history is long, then sleep until the wait's absolute
 * deadline or a signal. A deadline reached feeds the machine a timer with the profile as it is now.
 */
import { condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import { CARRIED_STATE_VERSION, WORKFLOW_INPUT_VERSION } from './api.js';
import type { journeyWorkflow } from './journey-workflow.js';
import { MOVE_VERSION_PATCH, movedRun } from './move-version.js';
import type { Patches } from './patches.js';
import type { JourneyRun } from './run.js';

export interface WaitStepOptions {
  /** A run whose history predates local bookkeeping: progress is recorded at every wait. */
  legacy: boolean;
  /** The run's side of each patch (patches.ts). */
  patches: Patches;
  /** Continue as new past this many history events even if the server does not suggest it yet. */
  historyThreshold: number;
}

export async function runWaitStep(run: JourneyRun, deadline: number | undefined, opts: WaitStepOptions): Promise<void> {
  const { c, input } = run;
  if (run.moveTo && opts.patches(MOVE_VERSION_PATCH)) {
    const moved = movedRun(input, c, run.moveTo, Date.now());
    run.moveTo = undefined;
    if (moved) {
      run.unflushed.push(moved.step);
      await run.flush();
      await continueAsNew<typeof journeyWorkflow>(moved.input(c));
    }
  }
  const info = workflowInfo();
  const renew = info.continueAsNewSuggested || info.historyLength > opts.historyThreshold;
  // A wait whose deadline has already passed is no rest: its steps travel with the next call.
  if (opts.legacy || renew || deadline === undefined || deadline > Date.now()) await run.flush();
  if (renew) {
    await continueAsNew<typeof journeyWorkflow>({ ...input, v: WORKFLOW_INPUT_VERSION, carried: { ...c, v: CARRIED_STATE_VERSION } });
  }
  const woken = () => c.inbox.length > 0 || c.paused || c.exitRequested !== undefined || run.moveTo !== undefined;
  run.idle = true;
  const signalled = deadline === undefined ? (await condition(woken), true) : deadline > Date.now() ? await condition(woken, deadline - Date.now()) : false;
  run.idle = false;
  if (signalled) return;
  const profile = await run.loadProfile();
  run.feed({ type: 'cairn.timer', at: Math.max(Date.now(), deadline ?? 0, c.state.context.now), ...(profile ? { profile } : {}) });
}
