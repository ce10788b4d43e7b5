/**
 * Where an event-triggered customer's time goes, from the workflow history's own timestamps:
 * waiting for a worker to pick up the first workflow task, running it, waiting for the send's
 * activity to start, and the send itself. Read for a sample, reported as medians.
 */
import type { Client } from '@temporalio/client';

export interface Timeline {
  /** Workflow started (server) to its first workflow task started on a worker. */
  toFirstTaskMs: number;
  /** The first workflow task on the worker (replay-free: parse, compile, first steps). */
  firstTaskMs: number;
  /** The send's activity scheduled to started (dispatch to a worker). */
  toSendStartMs: number;
  /** The send activity itself (claim transaction with the progress, provider, record). */
  sendMs: number;
}

const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => (t ? Number(t.seconds ?? 0) * 1000 + (t.nanos ?? 0) / 1e6 : NaN);

export async function timelineOf(client: Client, workflowId: string): Promise<Timeline> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const first = (pick: (e: (typeof events)[number]) => unknown) => ms(events.find((e) => pick(e))?.eventTime);
  const started = first((e) => e.workflowExecutionStartedEventAttributes);
  const taskStarted = first((e) => e.workflowTaskStartedEventAttributes);
  const taskDone = first((e) => e.workflowTaskCompletedEventAttributes);
  const scheduled = first((e) => e.activityTaskScheduledEventAttributes);
  const actStarted = first((e) => e.activityTaskStartedEventAttributes);
  const actDone = first((e) => e.activityTaskCompletedEventAttributes);
  return { toFirstTaskMs: taskStarted - started, firstTaskMs: taskDone - taskStarted, toSendStartMs: actStarted - scheduled, sendMs: actDone - actStarted };
}

/** Median of each part over the sample. */
export async function medianTimeline(client: Client, workflowIds: string[]): Promise<Timeline> {
  const all: Timeline[] = [];
  for (let i = 0; i < workflowIds.length; i += 8) all.push(...(await Promise.all(workflowIds.slice(i, i + 8).map((id) => timelineOf(client, id)))));
  const median = (k: keyof Timeline) => {
    const xs = all.map((t) => t[k]).filter(Number.isFinite).sort((a, b) => a - b);
    return Math.round((xs[Math.floor(xs.length / 2)] ?? NaN) * 10) / 10;
  };
  return { toFirstTaskMs: median('toFirstTaskMs'), firstTaskMs: median('firstTaskMs'), toSendStartMs: median('toSendStartMs'), sendMs: median('sendMs') };
}
