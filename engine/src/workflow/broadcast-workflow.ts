/**
 * One workflow per broadcast. It waits for the send time (durable timer), asks for the plan (the
 * passes: one for "now"/"at", one per time zone for "local", each with its instant), then pages
 * through each pass's customers in id order: every page is one activity that sends to the page's
 * audience members through the delivery path (policy and idempotency claim, like every journey
 * send) at the broadcast's rate. Between pages it honours pause, resume and cancel. Sends the
 * policy deferred (quiet hours, a deferring cap) are retried when due, with the same key.
 * Long broadcasts continue-as-new with their cursor, so the history stays small.
 */
import { condition, continueAsNew, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { BroadcastActivities } from '../activities/broadcast.js';
import { broadcastControlSignal, type BroadcastCarried, type BroadcastWorkflowInput } from './broadcast-api.js';

const send = proxyActivities<BroadcastActivities>({
  // A page at a low rate takes long; the activity heartbeats after every send.
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const book = proxyLocalActivities<BroadcastActivities>({ startToCloseTimeout: '1 minute' });

/**
 * Sends one broadcast page by page through the delivery policy, at its rate limit, pausable and
 * cancellable, continuing as new on long audiences; returns how it ended.
 */
export async function broadcastWorkflow(input: BroadcastWorkflowInput): Promise<string> {
  let paused = input.carried?.paused ?? false;
  let processed = input.carried?.processed ?? 0;
  let cancelled = false;
  setHandler(broadcastControlSignal, (c) => {
    if (c === 'cancel') cancelled = true;
    else paused = c === 'pause';
  });
  const id = input.broadcastId;
  const finish = async (status: 'done' | 'cancelled') => {
    await book.broadcastStatus({ broadcastId: id, status });
    return status;
  };

  const plan = await book.broadcastPlan({ broadcastId: id });
  if (!plan) return 'missing';
  if (!input.carried) await book.broadcastStatus({ broadcastId: id, status: plan.passes.some((p) => p.at > Date.now()) ? 'scheduled' : 'sending', total: plan.total });

  let shown: 'sending' | 'paused' | 'scheduled' = 'sending';
  const show = async (s: typeof shown) => {
    if (s !== shown) await book.broadcastStatus({ broadcastId: id, status: s });
    shown = s;
  };
  // Waits for a pause to be lifted; false when cancelled meanwhile.
  const unpaused = async () => {
    if (paused && !cancelled) {
      await show('paused');
      await condition(() => !paused || cancelled);
    }
    return !cancelled;
  };

  for (let pass = input.carried?.pass ?? 0; pass < plan.passes.length; pass++) {
    const p = plan.passes[pass]!;
    // Durable wait for this pass's instant (a cancel ends it early).
    if (p.at > Date.now()) {
      await show('scheduled');
      if (await condition(() => cancelled, p.at - Date.now())) return finish('cancelled');
    }
    let after = pass === input.carried?.pass ? input.carried.after : null;
    for (;;) {
      if (!(await unpaused())) return finish('cancelled');
      await show('sending');
      const page = await send.broadcastSendPage({ broadcastId: id, pass: p, after, processedBefore: processed, at: Date.now() });
      processed += page.scanned;
      after = page.next;
      if (after === null) break;
      if (workflowInfo().continueAsNewSuggested) {
        const carried: BroadcastCarried = { pass, after, paused, processed };
        return continueAsNew<typeof broadcastWorkflow>({ v: input.v ?? 1, broadcastId: id, carried });
      }
    }
  }
  // Deferred sends (quiet hours, caps that defer): retried when due, until none is left.
  for (;;) {
    if (!(await unpaused())) return finish('cancelled');
    const r = await send.broadcastRetryDeferred({ broadcastId: id, at: Date.now() });
    if (r.nextAt === null) break;
    await show('sending');
    if (await condition(() => cancelled, Math.max(1_000, r.nextAt - Date.now()))) return finish('cancelled');
  }
  return finish('done');
}
