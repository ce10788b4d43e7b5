/**
 * The benchmark worker's workflows: the real journey workflow, and two baselines without any
 * journey logic (no compiler, no state machine, no generic interpreter):
 * - `baselineWorkflow`, a bare Temporal workflow with the same number of activities and timers,
 *   whose activities do nothing;
 * - `handWrittenWorkflow`, the bench journey written by hand as a plain Temporal workflow, calling
 *   the same activities as the journey (the same progress records, profile load and sends, with
 *   the same database writes), each an ordinary activity, as a developer would write it.
 */
import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { TraceStep } from '@cairn/core/internal/compile/context';
import type { JourneyActivities, ProgressInput, SendInput } from '@cairn/engine/runtime';

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

const real = proxyActivities<Pick<JourneyActivities, 'recordProgress' | 'loadProfile' | 'sendMessage'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

export interface HandWrittenInput {
  journeyId: string;
  journeyName: string;
  versionId: string;
  customerId: string;
  timerMs: number;
  /** The journey's two email nodes, as published. */
  email1: SendInput['node'];
  email2: SendInput['node'];
}

/**
 * The bench journey (trigger, wait, split on plan, email, email, exit) by hand: record entering
 * the wait, sleep, load the profile, branch in code, send twice (each send recording the steps
 * that led to it), record the end. Five activities and a timer.
 */
export async function handWrittenWorkflow(input: HandWrittenInput): Promise<void> {
  const { workflowId } = workflowInfo();
  let seq = 0;
  const progress = (steps: TraceStep[], currentNodeId: string | null, status: ProgressInput['status']): ProgressInput => {
    const p: ProgressInput = {
      workflowId, journeyId: input.journeyId, versionId: input.versionId, customerId: input.customerId, entry: 1, triggerNodeId: 't',
      fromSeq: seq, steps, currentNodeId, status, at: Date.now(), ...(status === 'completed' ? { exitReason: 'completed' } : {}),
    };
    seq += steps.length;
    return p;
  };
  const step = (nodeId: string, kind: TraceStep['kind'], reason: string, more: Partial<TraceStep> = {}): TraceStep => ({ at: Date.now(), nodeId, kind, reason, ...more });
  const send = (node: SendInput['node'], steps: TraceStep[]) => real.sendMessage({
    workflowId, idempotencyKey: `${workflowId}:${node.id}:1`, customerId: input.customerId, node,
    journey: { id: input.journeyId, name: input.journeyName }, at: Date.now(), progress: progress(steps, node.id, 'active'),
  });

  await real.recordProgress(progress([step('t', 'entered', 'entered'), step('t', 'left', 'started', { output: 'next' }), step('wait', 'entered', 'waiting')], 'wait', 'waiting'));
  await sleep(input.timerMs);
  const profile = await real.loadProfile({ customerId: input.customerId });
  const branch = profile?.attributes['plan'] === 'pro' ? 'pro' : 'else';
  const first = await send(input.email1, [step('wait', 'left', 'time passed', { output: 'next' }), step('split', 'entered', 'deciding'), step('split', 'left', `took ${branch}`, { output: branch }), step('email1', 'entered', 'sending')]);
  const second = await send(input.email2, [step('email1', 'left', first.status, { output: first.output, status: first.status }), step('email2', 'entered', 'sending')]);
  await real.recordProgress(progress([step('email2', 'left', second.status, { output: second.output, status: second.status }), step('done', 'entered', 'exit'), step('done', 'exited', 'completed')], null, 'completed'));
}
