/**
 * The one generic workflow: interprets a compiled journey for one customer. It loops on the
 * driver's `pending()`: performs effects through activities, sleeps on durable timers until the
 * wait's absolute deadline or a signal, and records progress. Everything here is deterministic
 * (Date.now() is Temporal's workflow clock).
 */
import { condition, continueAsNew, patched, setHandler, workflowInfo, ApplicationFailure } from '@temporalio/workflow';
import { compile } from '@cairn/core/internal/compile/compile';
import type { TraceStep } from '@cairn/core/internal/compile/context';
import type { MachineEvent } from '@cairn/core/internal/compile/events';
import { parseJourney } from '@cairn/core/internal/journey/journey';
import { advance, currentNode, pending, startRun, type Pending } from '@cairn/core/internal/run/driver';
import type { CustomerEvent } from '@cairn/core/internal/rules/facts';
import {
  completes, currentNodeQuery, customerEventSignal, moveVersionSignal, pauseSignal, profileSignal, removeSignal, resumeSignal, statusQuery, stopSignal,
  CARRIED_STATE_VERSION, WORKFLOW_INPUT_VERSION,
  type CarriedState, type JourneyRunStatus, type JourneyWorkflowInput, type JourneyWorkflowResult, type MoveVersionRequest,
} from './api.js';
import { MOVE_VERSION_PATCH, movedRun } from './move-version.js';
import type { ProgressInput } from '../activities/types.js';
import { LOCAL_BOOKKEEPING, perform, recordsFor } from './effects.js';
import { awaitSalesTask, listenForSalesOutcomes } from './sales-wait.js';

/** Continue as new past this many history events even if the server does not suggest it yet. */
export const HISTORY_THRESHOLD = 2_000;
const SEEN_IDS_KEPT = 200;

export async function journeyWorkflow(input: JourneyWorkflowInput): Promise<JourneyWorkflowResult> {
  refuseNewer('workflow input', input.v, WORKFLOW_INPUT_VERSION);
  if (input.carried) refuseNewer('carried state', input.carried.v, CARRIED_STATE_VERSION);
  // Decided once, first: a run whose history predates local bookkeeping keeps its old commands.
  const legacy = !patched(LOCAL_BOOKKEEPING);
  const records = recordsFor(!legacy);
  const parsed = parseJourney(input.journey);
  if (!parsed.ok) throw ApplicationFailure.nonRetryable(`journey ${input.journeyId} is not valid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const compiled = compile(parsed.journey);
  const { workflowId } = workflowInfo();
  const journeyRef = { id: input.journeyId, name: parsed.journey.name };
  const historyThreshold = input.options?.historyThreshold ?? HISTORY_THRESHOLD;
  const effectTimeoutMs = input.options?.effectTimeoutMs ?? 60_000;

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

  const isEnterEvent = (e: CustomerEvent) =>
    !input.carried && input.enter.event !== undefined && e.name === input.enter.event.name && e.at === input.enter.event.at &&
    JSON.stringify(e.properties) === JSON.stringify(input.enter.event.properties);

  setHandler(customerEventSignal, ({ event, id }) => {
    if (id !== undefined) {
      if (c.seenEventIds.includes(id)) return;
      c.seenEventIds = [...c.seenEventIds, id].slice(-SEEN_IDS_KEPT);
    } else if (isEnterEvent(event)) return; // signalWithStart delivered the trigger event twice
    c.inbox.push(id !== undefined ? { kind: 'event', event, id } : { kind: 'event', event });
  });
  setHandler(profileSignal, (profile) => void c.inbox.push({ kind: 'profile', profile }));
  setHandler(pauseSignal, () => void (c.paused = true));
  setHandler(resumeSignal, () => void (c.paused = false));
  setHandler(stopSignal, (arg) => void (c.exitRequested ??= arg?.reason ?? 'stopped'));
  setHandler(removeSignal, (arg) => void (c.exitRequested ??= arg?.reason ?? 'removed'));
  const salesOutcomes = listenForSalesOutcomes();
  /** A move to a newer version, applied at the next wait (move-version.ts). */
  let moveTo: MoveVersionRequest | undefined;
  setHandler(moveVersionSignal, (request) => void (moveTo = request));

  let p: Pending = pending(compiled, c.state);
  /** Set while a send waits for the delivery policy (quiet hours, a deferring cap). */
  let deferredUntil: number | undefined;
  let idle = false;
  const statusOf = (): JourneyRunStatus => {
    if (p.kind === 'done') return completes(p.exit.reason) ? 'completed' : 'exited';
    if (p.kind === 'not-entered') return 'not-entered';
    if (c.paused) return 'paused';
    return p.kind === 'wait' || deferredUntil !== undefined ? 'waiting' : 'active';
  };
  setHandler(currentNodeQuery, () => currentNode(c.state));
  setHandler(statusQuery, () => ({
    status: statusOf(),
    node: currentNode(c.state),
    ...(p.kind === 'wait' && p.deadline !== undefined ? { deadline: p.deadline } : deferredUntil !== undefined ? { deadline: deferredUntil } : {}),
    paused: c.paused,
    idle,
    steps: c.seq + inFlight + unflushed.length,
  }));

  const feed = (event: MachineEvent) => {
    const r = advance(compiled, c.state, event);
    c.state = r.state;
    unflushed.push(...r.steps);
    p = pending(compiled, c.state);
  };
  // Progress is recorded by whichever call comes next: the effect activity of the next action
  // (with its effect; the send in its claim transaction), or `flush` (a local activity) when the
  // run rests (a wait, a pause, a deferral) or ends. Rows are keyed by seq: a step is written once
  // whatever the retries, and steps whose call failed are carried to the next one.
  let lastRecorded = '';
  /** Steps handed to a call still in flight (counted by the status query). */
  let inFlight = 0;
  /** The unrecorded steps and where the run stands, or nothing when there is nothing new. */
  const takeProgress = (): { input: ProgressInput; mark: string } | undefined => {
    const status = statusOf();
    // Nothing new (an unrelated event woke the wait): no write at all.
    const mark = `${status}:${currentNode(c.state)}`;
    if (unflushed.length === 0 && mark === lastRecorded) return undefined;
    const exitReason = p.kind === 'done' ? p.exit.reason : p.kind === 'not-entered' ? 'not-entered' : undefined;
    const steps = unflushed;
    unflushed = [];
    inFlight = steps.length;
    return {
      mark,
      input: {
        workflowId, journeyId: input.journeyId, versionId: input.versionId, customerId: input.customerId, entry: input.entry,
        triggerNodeId: input.enter.triggerId, fromSeq: c.seq, steps,
        currentNodeId: p.kind === 'done' ? (p.exit.nodeId ?? null) : currentNode(c.state),
        status: status === 'paused' ? 'waiting' : status === 'not-entered' ? 'exited' : status,
        ...(exitReason ? { exitReason } : {}),
        at: Date.now(),
      },
    };
  };
  /** After the call that carried `taken`: advance seq if it is recorded, else keep the steps for the next call. */
  const settle = (taken: { input: ProgressInput; mark: string } | undefined, recorded: boolean) => {
    inFlight = 0;
    if (!taken) return;
    if (recorded) {
      c.seq += taken.input.steps.length;
      lastRecorded = taken.mark;
    } else {
      unflushed = [...taken.input.steps, ...unflushed];
    }
  };
  const flush = async () => {
    const taken = takeProgress();
    if (!taken) return;
    // Retried until the database answers: once it returns, the steps are recorded.
    await records.recordProgress(taken.input);
    settle(taken, true);
  };

  for (;;) {
    if (c.exitRequested !== undefined && p.kind !== 'done' && p.kind !== 'not-entered') {
      feed({ type: 'cairn.exit', at: Math.max(Date.now(), c.state.context.now), reason: c.exitRequested });
    }
    if (!c.paused) {
      // Events first: a goal or exit event that arrived ends the journey before any further effect.
      for (let item = c.inbox.shift(); item && p.kind !== 'done'; item = c.inbox.shift()) {
        const at = Math.max(Date.now(), c.state.context.now);
        feed(item.kind === 'event' ? { type: 'customer.event', at, event: item.event } : { type: 'cairn.profile', at, profile: item.profile });
      }
    }
    if (p.kind === 'done' || p.kind === 'not-entered') {
      await flush();
      return p.kind === 'done' ? { status: completes(p.exit.reason) ? 'completed' : 'exited', exit: p.exit } : { status: 'not-entered' };
    }
    if (c.paused) {
      await flush();
      idle = true;
      await condition(() => !c.paused || c.exitRequested !== undefined);
      idle = false;
      continue;
    }
    if (p.kind === 'effect') {
      const node = p.node;
      const visit = (c.visits[node.id] ?? 0) + 1;
      c.visits[node.id] = visit;
      const event = c.state.context.event;
      const ctx = {
        workflowId, idempotencyKey: `${workflowId}:${node.id}:${visit}`, customerId: input.customerId, journey: journeyRef, timeoutMs: effectTimeoutMs,
        journeyTimeZone: parsed.journey.settings.timeZone,
        ...(event ? { event } : {}),
      };
      // The steps that led here travel with the effect: no separate bookkeeping call (a legacy
      // run records them at its next rest, as it always did).
      const taken = legacy ? undefined : takeProgress();
      const first = await perform(node, { ...ctx, at: Date.now(), ...(taken ? { progress: taken.input } : {}) }, legacy);
      settle(taken, first.completed);
      let outcome = first.outcome;
      // The delivery policy deferred the send (quiet hours, a deferring cap): sleep durably until
      // the instant it named, then run the same step again under the same idempotency key. The
      // policy is judged afresh then, so a suppression recorded meanwhile applies.
      const deferral = (o: typeof outcome) => (o.status === 'deferred' ? (o.detail as { until?: unknown } | undefined)?.until : undefined);
      // Events that arrive meanwhile are handled as in any wait: a goal or exit event takes the
      // customer off this step, and the deferred send never goes.
      const stillHere = () => {
        const now = p as Pending;
        return now.kind === 'effect' && now.node.id === node.id;
      };
      let left = false;
      for (let until = deferral(outcome); typeof until === 'number' && c.exitRequested === undefined; until = deferral(outcome)) {
        deferredUntil = until;
        await flush();
        while (!left && c.exitRequested === undefined && deferredUntil > Date.now()) {
          idle = true;
          await condition(() => c.exitRequested !== undefined || (c.inbox.length > 0 && !c.paused), deferredUntil - Date.now());
          idle = false;
          for (let item = c.paused ? undefined : c.inbox.shift(); item; item = c.inbox.shift()) {
            const at = Math.max(Date.now(), c.state.context.now);
            feed(item.kind === 'event' ? { type: 'customer.event', at, event: item.event } : { type: 'cairn.profile', at, profile: item.profile });
            if (!stillHere()) {
              left = true;
              break;
            }
          }
        }
        if (c.paused && !left) await condition(() => !c.paused || c.exitRequested !== undefined);
        deferredUntil = undefined;
        if (left || c.exitRequested !== undefined) break;
        outcome = (await perform(node, { ...ctx, at: Date.now() }, legacy)).outcome;
      }
      // A sales task the journey waits on (sales-wait.ts): the rep's outcome, or the timeout.
      if (!left) {
        const waited = await awaitSalesTask(outcome, salesOutcomes, {
          interrupted: () => c.exitRequested !== undefined,
          pendingEvents: () => c.inbox.length > 0 && !c.paused,
          drain: () => {
            for (let item = c.inbox.shift(); item; item = c.inbox.shift()) {
              const at = Math.max(Date.now(), c.state.context.now);
              feed(item.kind === 'event' ? { type: 'customer.event', at, event: item.event } : { type: 'cairn.profile', at, profile: item.profile });
              if (!stillHere()) return true;
            }
            return false;
          },
          rest: async (until) => {
            deferredUntil = until;
            idle = until !== undefined;
            if (until !== undefined) await flush();
          },
        }, effectTimeoutMs);
        if (waited === 'left') left = true;
        else outcome = waited;
      }
      if (!left) feed({ type: 'cairn.done', at: Math.max(Date.now(), c.state.context.now), nodeId: node.id, outcome });
      continue;
    }
    // A wait: record where the customer is, maybe continue as new, then sleep until the deadline or a signal.
    const deadline = p.deadline;
    if (moveTo && patched(MOVE_VERSION_PATCH)) {
      const moved = movedRun(input, c, moveTo, Date.now());
      moveTo = undefined;
      if (moved) {
        unflushed.push(moved.step);
        await flush();
        await continueAsNew<typeof journeyWorkflow>(moved.input(c));
      }
    }
    const info = workflowInfo();
    const renew = info.continueAsNewSuggested || info.historyLength > historyThreshold;
    // A wait whose deadline has already passed is no rest: its steps travel with the next call.
    if (legacy || renew || deadline === undefined || deadline > Date.now()) await flush();
    if (renew) {
      await continueAsNew<typeof journeyWorkflow>({ ...input, v: WORKFLOW_INPUT_VERSION, carried: { ...c, v: CARRIED_STATE_VERSION } });
    }
    const woken = () => c.inbox.length > 0 || c.paused || c.exitRequested !== undefined || moveTo !== undefined;
    idle = true;
    const signalled = deadline === undefined ? (await condition(woken), true) : deadline > Date.now() ? await condition(woken, deadline - Date.now()) : false;
    idle = false;
    if (signalled) continue;
    const profile = await records.loadProfile({ customerId: input.customerId });
    feed({ type: 'cairn.timer', at: Math.max(Date.now(), deadline ?? 0, c.state.context.now), ...(profile ? { profile } : {}) });
  }
}

/** A contract version newer than this worker's code: fail the run in words, never misread it. */
function refuseNewer(what: string, version: number | undefined, supported: number): void {
  if ((version ?? 1) > supported) {
    throw ApplicationFailure.nonRetryable(`the ${what} has version ${version}, newer than this worker reads (${supported}): deploy the newer worker`);
  }
}
