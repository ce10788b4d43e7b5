/**
 * What a workflow costs in Temporal: read from its recorded history (the server's own account),
 * not from what the code means to do. Temporal Cloud bills per action, so these counts are our
 * users' bill per customer.
 */
import type { Client } from '@temporalio/client';

export interface TemporalCost {
  /** Workflow tasks completed (each a round trip between the server and a worker). */
  workflowTasks: number;
  /** Activities scheduled on the server (each its own task round trip). */
  activities: number;
  /** Local activities (run inside a workflow task; one marker event each). */
  localActivities: number;
  timers: number;
  signals: number;
  /** Search attribute upserts (`patched()` upserts TemporalChangeVersion once per run). */
  upserts: number;
  historyEvents: number;
  /**
   * Billable actions, estimated with Temporal Cloud's rules: the start, each signal, activity,
   * timer and search attribute upsert, and the local activities of one workflow task together as one.
   */
  actions: number;
}

const ZERO: TemporalCost = { workflowTasks: 0, activities: 0, localActivities: 0, timers: 0, signals: 0, upserts: 0, historyEvents: 0, actions: 0 };

/** One workflow's cost, from its history. */
export async function costOf(client: Client, workflowId: string): Promise<TemporalCost> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const c = { ...ZERO };
  let localsInTask = 0;
  for (const e of history.events ?? []) {
    c.historyEvents++;
    if (e.workflowExecutionStartedEventAttributes) c.actions++;
    if (e.workflowTaskCompletedEventAttributes) {
      c.workflowTasks++;
      if (localsInTask > 0) c.actions++;
      localsInTask = 0;
    }
    if (e.activityTaskScheduledEventAttributes) c.activities++;
    if (e.timerStartedEventAttributes) c.timers++;
    if (e.workflowExecutionSignaledEventAttributes) c.signals++;
    if (e.upsertWorkflowSearchAttributesEventAttributes) c.upserts++;
    // The TypeScript SDK's core records each local activity's result as this marker.
    if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity') {
      c.localActivities++;
      localsInTask++;
    }
  }
  c.actions += c.activities + c.timers + c.signals + c.upserts + (localsInTask > 0 ? 1 : 0);
  return c;
}

/** The mean cost per workflow over a sample of ids (fetched a few at a time). */
export async function meanCost(client: Client, workflowIds: string[]): Promise<TemporalCost> {
  const total = { ...ZERO };
  for (let i = 0; i < workflowIds.length; i += 8) {
    const costs = await Promise.all(workflowIds.slice(i, i + 8).map((id) => costOf(client, id)));
    for (const c of costs) for (const k of Object.keys(total) as Array<keyof TemporalCost>) total[k] += c[k];
  }
  const n = Math.max(1, workflowIds.length);
  const mean = { ...ZERO };
  for (const k of Object.keys(total) as Array<keyof TemporalCost>) mean[k] = Math.round((total[k] / n) * 100) / 100;
  return mean;
}

export function describeCost(c: TemporalCost): string {
  return `${c.workflowTasks} workflow tasks, ${c.activities} activities + ${c.localActivities} local, ${c.timers} timers, ` +
    `${c.signals} signals, ${c.upserts} search attribute upserts, ${c.historyEvents} history events, ~${c.actions} billable actions`;
}
