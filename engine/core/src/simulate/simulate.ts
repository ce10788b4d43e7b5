/**
 * simulate(journey, customer, events, clock): runs a journey for one test customer with no I/O.
 * Waits are skipped in time: a virtual clock jumps to the next deadline or event. Actions say
 * what they would do instead of doing it. Returns the trace: each node, when, and why.
 */
import { compile, type CompiledJourney } from '../compile/compile.js';
import type { ExitInfo, JourneyContext, TraceStep } from '../compile/context.js';
import type { EnterEvent, MachineEvent } from '../compile/events.js';
import { renderScope, renderTemplate, type RenderScope } from '../content/render.js';
import type { Journey } from '../journey/journey.js';
import type { SimulationContext } from '../nodes/define.js';
import { definitionOf, type JourneyNode } from '../nodes/registry.js';
import type { CustomerEvent } from '../rules/facts.js';
import { advance, currentNode, newRun, pending, type RunState } from '../run/driver.js';
import type { RecentSend } from '../policy/types.js';
import { simulatedPolicy, type SimPolicy } from './policy.js';

/** A test customer: attributes, time zone, suppressions and the delivery policy they are judged by. */
export interface SimCustomer {
  id: string;
  attributes?: Record<string, unknown>;
  timeZone?: string;
  /** Channels the customer refused ('email', 'sms', 'push', 'chat' or 'all'). */
  suppressed?: string[];
  /**
   * A real customer's policy facts (suppressions, consent, the workspace's quiet hours and caps,
   * past sends): every message step then meets production's policy (simulate/policy.ts).
   */
  policy?: SimPolicy;
}

/** When the simulation starts and, optionally, the time it stops at. */
export interface SimClock {
  /** When the simulation starts (epoch ms); manual, schedule and segment triggers enrol then. */
  start: number;
  /** Stop simulating waits past this instant (default: start + 400 days). */
  until?: number;
}

/** A simulated customer's path: the steps, where they ended or wait, and their attributes after. */
export interface SimulationResult {
  status: 'exited' | 'waiting' | 'not-entered';
  steps: TraceStep[];
  exit?: ExitInfo;
  /** The node the customer waits at when status is 'waiting' (when truncated: the node reached last). */
  waitingAt?: string;
  /** The customer's attributes after the run (actions may change them). */
  attributes: Record<string, unknown>;
  /** True when the run was cut off after too many steps (a loop that keeps waiting and coming back). */
  truncated?: boolean;
}

const DEFAULT_HORIZON = 400 * 86_400_000;
/** A guard against journeys that loop without waiting (graph checks reject those at publish). */
const MAX_STEPS_WITHOUT_TIME = 10_000;
/** A loop that does wait (say every minute) is cut off here, so a simulation stays readable. */
const MAX_STEPS = 50_000;

const compiledCache = new WeakMap<Journey, CompiledJourney>();

function compiledOf(j: Journey | CompiledJourney): CompiledJourney {
  if ('machine' in j) return j;
  let c = compiledCache.get(j);
  if (!c) {
    c = compile(j);
    compiledCache.set(j, c);
  }
  return c;
}

const triggerCache = new WeakMap<CompiledJourney, JourneyNode[]>();

/** The journey's trigger nodes, found once per compiled journey. */
function triggersOf(compiled: CompiledJourney): JourneyNode[] {
  let triggers = triggerCache.get(compiled);
  if (!triggers) {
    triggers = compiled.journey.nodes.filter((n) => definitionOf(n.type).behaviour === 'trigger');
    triggerCache.set(compiled, triggers);
  }
  return triggers;
}

/**
 * Finds the first trigger that enrols the customer. Events before the clock's start are history
 * only. At the start, manual and schedule triggers stand for "enrolled by hand" / "the schedule
 * fired", and segment triggers check the history so far; then each event from the start on is
 * offered to every trigger, counting itself in the history (as it is stored before the runtime
 * routes it), so "the 5th order" enters an "at least 5 orders" segment.
 */
function findEntry(compiled: CompiledJourney, customer: SimCustomer, events: CustomerEvent[], start: number): { enter: EnterEvent; consumed: number } | undefined {
  const attributes = customer.attributes ?? {};
  const profile = { attributes, ...(customer.timeZone ? { timeZone: customer.timeZone } : {}) };
  const triggers = triggersOf(compiled);
  const past = events.filter((e) => e.at < start).length;
  const candidates: Array<{ event?: CustomerEvent; at: number; consumed: number }> = [{ at: start, consumed: past }];
  for (let i = past; i < events.length; i++) candidates.push({ event: events[i]!, at: events[i]!.at, consumed: i + 1 });
  for (const c of candidates) {
    const history = events.slice(0, c.consumed);
    const facts = { attributes, history, now: c.at, ...(c.event ? { event: c.event } : {}) };
    for (const t of triggers) {
      const def = definitionOf(t.type);
      if (def.behaviour !== 'trigger') continue;
      // At the start, only triggers that enrol without an event of their own are tried.
      const probe: CustomerEvent | undefined = c.event ?? def.startEvent?.(t, c.at);
      if (!probe) continue;
      if (def.matchesEvent(t, probe, facts)) {
        const enter: EnterEvent = { type: 'cairn.enter', at: c.at, triggerId: t.id, profile, history };
        if (c.event) enter.event = c.event;
        return { enter, consumed: c.consumed };
      }
    }
  }
  return undefined;
}

/**
 * What an action's `simulate` sees at one step; the Liquid scope is built once, and only when a
 * field has a template at all.
 */
class StepSimulation implements SimulationContext {
  readonly facts: SimulationContext['facts'];
  readonly timeZone: string;
  private scope: RenderScope | undefined;

  constructor(
    readonly customerId: string,
    private readonly ctx: JourneyContext,
    private readonly journey: Journey,
    readonly suppressed: ReadonlySet<string>,
  ) {
    this.facts = { attributes: ctx.profile.attributes, history: ctx.history, now: ctx.now, ...(ctx.event ? { event: ctx.event } : {}) };
    this.timeZone = ctx.profile.timeZone || journey.settings.timeZone;
  }

  /** An own function, not a method: actions may hand `render` on detached (custom actions do). */
  readonly render = (template: string): string => {
    if (!template.includes('{')) return template;
    const { ctx, journey } = this;
    this.scope ??= renderScope(this.customerId, ctx.profile.attributes, ctx.event, { id: journey.id, name: journey.name }, {
      unsubscribe_url: '#unsubscribe',
      preferences_url: '#preferences',
    });
    return renderTemplate(template, this.scope);
  };
}

/** Options for "what if" runs in the test-customer panel and in tests. */
export interface SimOptions {
  /** Force the output of action nodes (node id to output), e.g. a webhook's "failure". */
  force?: Record<string, string>;
}

/**
 * Runs a test customer through a journey with the compiled machine and a simulated clock, returning the
 * path they take.
 */
export function simulate(
  journey: Journey | CompiledJourney,
  customer: SimCustomer,
  events: readonly CustomerEvent[],
  clock: SimClock,
  options: SimOptions = {},
): SimulationResult {
  const compiled = compiledOf(journey);
  const timeline = [...events].sort((a, b) => a.at - b.at);
  const until = clock.until ?? clock.start + DEFAULT_HORIZON;
  const entry = findEntry(compiled, customer, timeline, clock.start);
  if (!entry) return { status: 'not-entered', steps: [], attributes: customer.attributes ?? {} };
  return drive(compiled, newRun(compiled), { ...entry.enter, customerId: customer.id }, customer, { timeline, next: entry.consumed, until, options });
}

/** How `drive` goes on: the events still to come, the horizon, and whether to stop at the first wait. */
interface DriveOptions {
  timeline: readonly CustomerEvent[];
  /** Index of the first event of `timeline` not yet offered. */
  next: number;
  until: number;
  options: SimOptions;
  /** Stop as soon as the run rests at a wait (what a moved customer does next: simulate/move.ts). */
  stopAtRest?: boolean;
}

/**
 * Runs `state` on from `first` (an event to feed, or undefined when the run is already placed at
 * a node): the loop shared by a test customer's whole run and a moved customer's next steps.
 */
export function drive(
  compiled: CompiledJourney,
  start: RunState,
  first: MachineEvent | undefined,
  customer: SimCustomer,
  { timeline, next: firstEvent, until, options, stopAtRest }: DriveOptions,
): SimulationResult {
  const suppressed = new Set(customer.suppressed ?? []);
  /** Sends of this run, counted against the caps with the customer's earlier ones. */
  const sentHere: RecentSend[] = [];
  const { journey: j } = compiled;
  const steps: TraceStep[] = [];
  let state: RunState = start;
  let event: MachineEvent | undefined = first;
  let next = firstEvent;

  let stillSince = 0;
  let lastNow = state.context.now;
  for (let guard = 0; guard < MAX_STEPS; guard++) {
    // Feed what the last round decided (the entry first), then look at what the run waits for.
    if (event) {
      const r = advance(compiled, state, event);
      state = r.state;
      for (const s of r.steps) steps.push(s);
      event = undefined;
    }
    if (state.context.now !== lastNow) {
      lastNow = state.context.now;
      stillSince = guard;
    } else if (guard - stillSince > MAX_STEPS_WITHOUT_TIME) {
      throw new Error(`simulation stopped after ${MAX_STEPS_WITHOUT_TIME} steps at one instant: the journey loops without waiting`);
    }
    const p = pending(compiled, state);
    if (p.kind === 'done') return { status: 'exited', steps, exit: p.exit, attributes: state.context.profile.attributes };
    if (p.kind === 'not-entered') break;
    const ctx = state.context;
    if (p.kind === 'effect') {
      const def = definitionOf(p.node.type);
      if (def.behaviour !== 'effect') throw new Error(`node ${p.node.id} is not an action`);
      const forced = options.force?.[p.node.id];
      if (forced) {
        event = { type: 'cairn.done', at: ctx.now, nodeId: p.node.id, outcome: { output: forced, status: 'forced', reason: `forced to take "${forced}" for this test` } };
        continue;
      }
      // A message meets the customer's policy first, as in production (when it is known).
      const message = customer.policy && def.message ? (p.node as unknown as { topic: string; transactional: boolean; onCap?: 'skip' | 'defer' }) : undefined;
      const decision = message && customer.policy
        ? simulatedPolicy(customer.policy, { channel: def.message!.channel, ...message }, ctx.now, { customer: ctx.profile.timeZone, journey: j.settings.timeZone }, sentHere)
        : undefined;
      if (decision?.kind === 'refuse') {
        event = { type: 'cairn.done', at: ctx.now, nodeId: p.node.id, outcome: { output: 'next', status: decision.status, reason: decision.reason } };
        continue;
      }
      const at = decision?.at ?? ctx.now;
      const later = at > ctx.now ? { ...ctx, now: at } : ctx;
      const outcome = def.simulate(p.node, new StepSimulation(customer.id, later, j, suppressed));
      if (decision && outcome.status === 'sent') sentHere.push({ at, channel: def.message!.channel, topic: message!.topic, transactional: message!.transactional });
      const held = decision?.kind === 'send' && decision.held ? { ...outcome, reason: `held back (${decision.held}), then ${outcome.reason ?? outcome.status}` } : outcome;
      event = { type: 'cairn.done', at, nodeId: p.node.id, outcome: held };
      continue;
    }
    if (stopAtRest) return { status: 'waiting', steps, waitingAt: p.node.id, attributes: ctx.profile.attributes };
    // A wait: the next customer event or the deadline, whichever comes first.
    const happened = timeline[next];
    if (happened && (p.deadline === undefined || happened.at < p.deadline)) {
      next++;
      event = { type: 'customer.event', at: Math.max(happened.at, ctx.now), event: happened };
      continue;
    }
    if (p.deadline !== undefined && p.deadline <= until) {
      event = { type: 'cairn.timer', at: Math.max(p.deadline, ctx.now) };
      continue;
    }
    return { status: 'waiting', steps, waitingAt: p.node.id, attributes: ctx.profile.attributes };
  }
  // Cut off: the customer is at whatever node the last step reached (a wait, or an action in a loop).
  if (event) {
    const r = advance(compiled, state, event);
    state = r.state;
    for (const s of r.steps) steps.push(s);
  }
  return { status: 'waiting', steps, truncated: true, waitingAt: currentNode(state), attributes: state.context.profile.attributes };
}

/** The nodes and edges a trace went through, for highlighting the path on the canvas. */
export function pathOf(journey: Journey, steps: readonly TraceStep[]): { nodes: string[]; edges: string[] } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const s of steps) {
    if (s.nodeId) nodes.add(s.nodeId);
    if (s.kind === 'left' && s.output) {
      const e = journey.edges.find((x) => x.source === s.nodeId && x.sourceHandle === s.output);
      if (e) edges.add(e.id);
    }
  }
  return { nodes: [...nodes], edges: [...edges] };
}
