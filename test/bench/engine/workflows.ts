/**
 * The benchmark worker's workflows: the real journey workflow, and the baseline, a bare Temporal
 * workflow with the same number of activities and timers and no journey logic at all.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';

export { journeyWorkflow } from '@cairn/engine/workflows';

export interface BaselineActivities {
  noop(i: number): Promise<number>;
}

const acts = proxyActivities<BaselineActivities>({ startToCloseTimeout: '1 minute' });

/** `before` activities, one timer of `timerMs`, then `after` activities. */
export async function baselineWorkflow(input: { before: number; timerMs: number; after: number }): Promise<number> {
  let n = 0;
  for (let i = 0; i < input.before; i++) n += await acts.noop(i);
  await sleep(input.timerMs);
  for (let i = 0; i < input.after; i++) n += await acts.noop(i);
  return n;
}
