/**
 * The named guards and actions a compiled machine refers to. The machine config is plain data
 * (state names, transitions, `{ type, params }` references); the behaviour lives here, closed
 * over the journey's node index so a guard only needs `{ nodeId }` as params.
 */
import { assign } from 'xstate';
import type { Journey } from '../journey/journey.js';
import type { EffectOutcome } from '../nodes/define.js';
import { kindTitleOf } from '../nodes/kind-of.js';
import { definitionOf } from '../nodes/registry.js';
import type { CustomerEvent, Facts, Profile } from '../rules/facts.js';
import { SEGMENT_ENTERED, SEGMENT_EXITED } from '../segments/events.js';
import type { JourneyContext, TraceStep } from './context.js';
import type { MachineEvent } from './events.js';
import type { JourneyIndex } from './graph.js';

/**
 * The customer's past events a journey sees, newest last: the history kept in the machine and
 * the history the API loads for entry rules (one limit, so entry and in-journey rules agree).
 * Enough for recency/count rules, bounded so workflow state stays small.
 */
export const HISTORY_LIMIT = 500;

type Args = { context: JourneyContext; event: MachineEvent };

export function factsOf(ctx: JourneyContext): Facts {
  return { attributes: ctx.profile.attributes, event: ctx.event, history: ctx.history, now: ctx.now, ...(ctx.profile.segments ? { segments: ctx.profile.segments } : {}) };
}

/** A fresh profile without memberships (the timer's profile load) keeps the ones the run knows. */
function withSegments(profile: Profile, known: readonly string[] | undefined): Profile {
  return profile.segments === undefined && known ? { ...profile, segments: [...known] } : profile;
}

/** Memberships after a "$segment_entered" / "$segment_exited" event; undefined for other events. */
function segmentsAfter(known: readonly string[] | undefined, e: CustomerEvent): string[] | undefined {
  const id = e.properties.segmentId;
  if (typeof id !== 'string' || (e.name !== SEGMENT_ENTERED && e.name !== SEGMENT_EXITED)) return undefined;
  const rest = (known ?? []).filter((s) => s !== id);
  return e.name === SEGMENT_ENTERED ? [...rest, id] : rest;
}

export function timeZoneOf(ctx: JourneyContext, journey: Journey): string {
  return ctx.profile.timeZone || journey.settings.timeZone;
}

function remember(history: CustomerEvent[], e: CustomerEvent): CustomerEvent[] {
  const next = history.length >= HISTORY_LIMIT ? history.slice(history.length - HISTORY_LIMIT + 1) : history.slice();
  next.push(e);
  return next;
}

function push(ctx: JourneyContext, step: TraceStep): TraceStep[] {
  return [...ctx.steps, step];
}

function label(index: JourneyIndex, nodeId: string): string {
  const n = index.nodes.get(nodeId);
  return n?.label || (n ? kindTitleOf(n) : nodeId);
}

export function implementations(journey: Journey, index: JourneyIndex) {
  const node = (id: string) => {
    const n = index.nodes.get(id);
    if (!n) throw new Error(`compiled machine refers to missing node ${id}`);
    return n;
  };

  // "arrived at <label>" for every entered step: built once per node (custom actions' titles can
  // be registered later, so theirs are built each time).
  const arrivals = new Map<string, string>();
  const arrival = (nodeId: string): string => {
    let reason = arrivals.get(nodeId);
    if (reason === undefined) {
      reason = `arrived at ${label(index, nodeId)}`;
      if (index.nodes.get(nodeId)?.type !== 'action.custom') arrivals.set(nodeId, reason);
    }
    return reason;
  };

  const guards = {
    entersVia: ({ event }: Args, p: { triggerId: string }) => event.type === 'cairn.enter' && event.triggerId === p.triggerId,
    /** The condition node's decision (made on entry) is this output. */
    chose: ({ context }: Args, p: { output: string }) => context.lastOutcome?.output === p.output,
    deadlinePassed: ({ context, event }: Args) => context.deadline !== undefined && event.at >= context.deadline,
    awaits: ({ event }: Args, p: { nodeId: string; output: string }) => {
      if (event.type !== 'customer.event') return false;
      const n = node(p.nodeId);
      const def = definitionOf(n.type);
      return def.behaviour === 'wait' && def.awaits?.(n, event.event) === p.output;
    },
    doneWith: ({ event }: Args, p: { nodeId: string; output: string }) =>
      event.type === 'cairn.done' && event.nodeId === p.nodeId && event.outcome.output === p.output,
    reachesGoal: ({ context, event }: Args, p: { goalId: string }) => {
      if (event.type !== 'customer.event') return false;
      const g = node(p.goalId);
      const def = definitionOf(g.type);
      return def.behaviour === 'goal' && def.matchesEvent(g, event.event, { ...factsOf(context), event: event.event, now: event.at });
    },
    isExitEvent: ({ event }: Args) =>
      event.type === 'customer.event' && journey.settings.exitEvents.includes(event.event.name),
  };

  const actions = {
    enter: assign(({ context, event }: Args) => {
      if (event.type !== 'cairn.enter') return {};
      return {
        customerId: event.customerId ?? context.customerId,
        profile: event.profile,
        history: event.history.slice(-HISTORY_LIMIT),
        event: event.event,
        enteredAt: event.at,
        now: event.at,
      };
    }),
    /** Every event moves the machine's clock; customer events join the history. */
    observe: assign(({ context, event }: Args) => {
      const patch: Partial<JourneyContext> = { now: Math.max(context.now, event.at) };
      if (event.type === 'customer.event') patch.history = remember(context.history, event.event);
      if ((event.type === 'cairn.timer' || event.type === 'cairn.profile') && event.profile) patch.profile = withSegments(event.profile, context.profile.segments);
      if (event.type === 'customer.event') {
        const segments = segmentsAfter(patch.profile?.segments ?? context.profile.segments, event.event);
        if (segments) patch.profile = { ...(patch.profile ?? context.profile), segments };
      }
      return patch;
    }),
    entered: assign(({ context }: Args, p: { nodeId: string }) => ({
      current: p.nodeId,
      steps: push(context, { at: context.now, nodeId: p.nodeId, kind: 'entered', reason: arrival(p.nodeId) }),
    })),
    /** A condition decides on entry; `chose` guards then pick the matching output. */
    decide: assign(({ context }: Args, p: { nodeId: string }) => {
      const n = node(p.nodeId);
      const def = definitionOf(n.type);
      if (def.behaviour !== 'condition') return {};
      const choice = def.choose(n, factsOf(context), context.customerId);
      const outcome: EffectOutcome = { output: choice.output, status: 'decided', reason: choice.reason };
      return { lastOutcome: outcome };
    }),
    arm: assign(({ context }: Args, p: { nodeId: string }) => {
      const n = node(p.nodeId);
      const def = definitionOf(n.type);
      if (def.behaviour !== 'wait') return {};
      const deadline = def.deadline(n, context.now, timeZoneOf(context, journey), context.profile.attributes ?? {});
      const reason = deadline === undefined ? 'waiting for an event' : `waiting until ${new Date(deadline).toISOString()}`;
      return {
        deadline,
        current: p.nodeId,
        steps: push(context, { at: context.now, nodeId: p.nodeId, kind: 'entered', reason }),
      };
    }),
    disarm: assign(() => ({ deadline: undefined })),
    /** Records the output taken; `why` names what decided it. */
    left: assign(({ context, event }: Args, p: { nodeId: string; output: string; why: 'condition' | 'timer' | 'event' | 'effect' | 'trigger' }) => {
      let reason = 'continued';
      let status: string | undefined;
      let detail: unknown;
      const patch: Partial<JourneyContext> = {};
      if (p.why === 'condition') reason = context.lastOutcome?.reason ?? reason;
      else if (p.why === 'timer') reason = p.output === 'next' ? 'wait ended' : 'timed out';
      else if (p.why === 'event' && event.type === 'customer.event') {
        reason = `${event.event.name} happened`;
        patch.event = event.event;
      } else if (p.why === 'effect' && event.type === 'cairn.done') {
        reason = event.outcome.reason ?? event.outcome.status;
        status = event.outcome.status;
        detail = event.outcome.detail;
        patch.lastOutcome = event.outcome;
        if (event.outcome.attributes) {
          patch.profile = { ...context.profile, attributes: { ...context.profile.attributes, ...event.outcome.attributes } };
        }
      } else if (p.why === 'trigger') reason = context.event ? `${context.event.name} started the journey` : 'enrolled';
      const step: TraceStep = { at: context.now, nodeId: p.nodeId, kind: 'left', output: p.output, reason };
      if (status !== undefined) step.status = status;
      if (detail !== undefined) step.detail = detail;
      return { ...patch, steps: push(context, step) };
    }),
    finish: assign(({ context, event }: Args, p: { reason: string; nodeId?: string }) => {
      let reason = p.reason;
      if (event.type === 'cairn.exit') reason = event.reason;
      const nodeId = p.nodeId ?? context.current;
      const exit = { reason, at: context.now, ...(nodeId ? { nodeId } : {}) };
      const why =
        reason === 'goal' ? `reached the goal (${event.type === 'customer.event' ? event.event.name : ''})`.replace(' ()', '')
          : reason === 'exit-event' && event.type === 'customer.event' ? `${event.event.name} ends the journey`
            : `left the journey: ${reason}`;
      return {
        exit,
        deadline: undefined,
        steps: push(context, { at: context.now, nodeId: nodeId ?? '', kind: 'exited', reason: why }),
      };
    }),
  };

  return { guards, actions };
}
