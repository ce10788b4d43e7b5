/**
 * What the outside world can tell a running journey (customer events, profile changes, pause,
 * resume, stop, remove, a move to a newer version) and ask it (where the customer is, the status).
 * Signals only queue work or set flags on the run; the workflow's loop acts on them.
 */
import { setHandler } from '@temporalio/workflow';
import { currentNode } from './core.js';
import type { CustomerEvent } from '@cairn/core/internal/rules/facts';
import { currentNodeQuery, customerEventSignal, moveVersionSignal, pauseSignal, profileSignal, removeSignal, resumeSignal, statusQuery, stopSignal } from './api.js';
import type { JourneyRun } from './run.js';

/** Event ids remembered to drop a redelivered signal. */
const SEEN_IDS_KEPT = 200;

export function listenToSignalsAndQueries(run: JourneyRun): void {
  const { input } = run;
  const isEnterEvent = (e: CustomerEvent) =>
    !input.carried && input.enter.event !== undefined && e.name === input.enter.event.name && e.at === input.enter.event.at &&
    JSON.stringify(e.properties) === JSON.stringify(input.enter.event.properties);

  setHandler(customerEventSignal, ({ event, id }) => {
    const c = run.c;
    if (id !== undefined) {
      if (c.seenEventIds.includes(id)) return;
      c.seenEventIds = [...c.seenEventIds, id].slice(-SEEN_IDS_KEPT);
    } else if (isEnterEvent(event)) return; // signalWithStart delivered the trigger event twice
    c.inbox.push(id !== undefined ? { kind: 'event', event, id } : { kind: 'event', event });
  });
  setHandler(profileSignal, (profile) => void run.c.inbox.push({ kind: 'profile', profile }));
  setHandler(pauseSignal, () => void (run.c.paused = true));
  setHandler(resumeSignal, () => void (run.c.paused = false));
  setHandler(stopSignal, (arg) => void (run.c.exitRequested ??= arg?.reason ?? 'stopped'));
  setHandler(removeSignal, (arg) => void (run.c.exitRequested ??= arg?.reason ?? 'removed'));
  setHandler(moveVersionSignal, (request) => void (run.moveTo = request));

  setHandler(currentNodeQuery, () => currentNode(run.c.state));
  setHandler(statusQuery, () => {
    const p = run.p;
    return {
      status: run.status(),
      node: currentNode(run.c.state),
      ...(p.kind === 'wait' && p.deadline !== undefined ? { deadline: p.deadline } : run.deferredUntil !== undefined ? { deadline: run.deferredUntil } : {}),
      paused: run.c.paused,
      idle: run.idle,
      steps: run.c.seq + run.inFlight + run.unflushed.length,
    };
  });
}
