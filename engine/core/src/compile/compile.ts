/**
 * compile(journey): a pure, deterministic translation of a journey into an XState v5 machine.
 *
 * One state per node, keyed by node id, plus `$start` (waiting for `cairn.enter`) and `$ended`.
 * - triggers and conditions are transient (`always`): conditions decide on entry, then `chose`
 *   guards pick the output;
 * - waits arm an absolute deadline on entry (context.deadline) and leave on `cairn.timer` once
 *   it has passed, or on a matching `customer.event`. The machine never reads a clock and we
 *   do not use XState's `after`: the runtime owns durable time (Temporal timers in a workflow,
 *   a virtual clock in the simulator) and fires `cairn.timer` at the deadline;
 * - actions are tagged `effect`: the runtime performs them and answers with `cairn.done`;
 * - goals and exit events are handled at the root, so they end the journey wherever the
 *   customer is, mid-wait included.
 */
import { setup } from 'xstate';
import type { Journey } from '../journey/journey.js';
import type { OutputSpec } from '../nodes/define.js';
import { assertNever, definitionOf, type JourneyNode } from '../nodes/registry.js';
import type { JourneyContext } from './context.js';
import type { MachineEvent } from './events.js';
import { indexJourney, targetOf, type JourneyIndex } from './graph.js';
import { implementations } from './implementations.js';

/** The machine state a customer is in before the trigger's first step runs. */
export const START = '$start';
/** The final machine state: the customer has left the journey (the exit says why). */
export const ENDED = '$ended';

/** A journey compiled to an XState machine, with the graph index the driver and simulator read. */
export interface CompiledJourney {
  journey: Journey;
  index: JourneyIndex;
  machine: ReturnType<typeof buildMachine>;
}

type Why = 'condition' | 'timer' | 'event' | 'effect' | 'trigger';

/** A transition to the node behind `output`, or out of the journey when nothing is connected. */
function go(index: JourneyIndex, nodeId: string, output: OutputSpec | string, why: Why, guard?: unknown) {
  const out = typeof output === 'string' ? output : output.id;
  const target = targetOf(index, nodeId, out);
  const left = { type: 'left', params: { nodeId, output: out, why } };
  const end = { type: 'finish', params: { reason: out === 'holdout' ? 'holdout' : 'end-of-path', nodeId } };
  // Transitions taken on an outside event first move the clock (and history) forward.
  const observe = why === 'timer' || why === 'event' || why === 'effect' ? ['observe'] : [];
  return {
    ...(guard ? { guard } : {}),
    target: target ?? ENDED,
    reenter: true,
    actions: target ? [...observe, left] : [...observe, left, end],
  };
}

function stateFor(n: JourneyNode, index: JourneyIndex, rootCustomerEvent: unknown[]) {
  const def = definitionOf(n.type);
  const outputs = def.outputs(n);
  const entered = { type: 'entered', params: { nodeId: n.id } };
  switch (def.behaviour) {
    case 'trigger':
      return { entry: [entered], always: go(index, n.id, outputs[0] ?? 'next', 'trigger') };
    case 'condition':
      return {
        entry: [entered, { type: 'decide', params: { nodeId: n.id } }],
        always: outputs.map((o) => go(index, n.id, o, 'condition', { type: 'chose', params: { output: o.id } })),
      };
    case 'wait': {
      const onEvent = outputs
        .filter((o) => def.awaits && o.id !== def.timeoutOutput)
        .map((o) => go(index, n.id, o, 'event', { type: 'awaits', params: { nodeId: n.id, output: o.id } }));
      return {
        tags: ['wait'],
        entry: [{ type: 'arm', params: { nodeId: n.id } }],
        exit: ['disarm'],
        on: {
          'cairn.timer': go(index, n.id, def.timeoutOutput, 'timer', 'deadlinePassed'),
          // Goals and exit events first, so they win over the awaited event.
          ...(onEvent.length ? { 'customer.event': [...rootCustomerEvent, ...onEvent, { actions: ['observe'] }] } : {}),
        },
      };
    }
    case 'effect':
      return {
        tags: ['effect'],
        entry: [entered],
        on: { 'cairn.done': outputs.map((o) => go(index, n.id, o, 'effect', { type: 'doneWith', params: { nodeId: n.id, output: o.id } })) },
      };
    case 'exit':
      return {
        type: 'final' as const,
        entry: [entered, { type: 'finish', params: { reason: n.type === 'exit' ? n.reason : 'completed', nodeId: n.id } }],
      };
    case 'goal':
      // Goals are not visited: they listen at the root. The state exists so ids stay aligned.
      return {};
    default:
      return assertNever(def);
  }
}

function buildMachine(journey: Journey, index: JourneyIndex) {
  const { guards, actions } = implementations(journey, index);
  const goals = journey.nodes.filter((n) => n.type === 'goal');
  const triggers = journey.nodes.filter((n) => definitionOf(n.type).behaviour === 'trigger');

  const toEnd = (reason: string, nodeId?: string) => ({
    target: `#${ENDED}`,
    actions: ['observe', { type: 'finish', params: nodeId ? { reason, nodeId } : { reason } }],
  });
  const rootCustomerEvent = [
    ...goals.map((g) => ({ guard: { type: 'reachesGoal', params: { goalId: g.id } }, ...toEnd('goal', g.id) })),
    { guard: 'isExitEvent', ...toEnd('exit-event') },
  ];

  const states: Record<string, unknown> = {
    [START]: {
      on: {
        'cairn.enter': triggers.map((t) => ({
          guard: { type: 'entersVia', params: { triggerId: t.id } },
          target: t.id,
          actions: ['enter'],
        })),
      },
    },
    [ENDED]: { id: ENDED, type: 'final' },
  };
  for (const n of journey.nodes) {
    if (n.type !== 'goal') states[n.id] = stateFor(n, index, rootCustomerEvent);
  }

  const config = {
    id: journey.id,
    initial: START,
    context: ({ input }: { input: { customerId: string } }): JourneyContext => ({
      customerId: input.customerId,
      profile: { attributes: {} },
      history: [],
      enteredAt: 0,
      now: 0,
      steps: [],
    }),
    on: {
      'customer.event': [...rootCustomerEvent, { actions: ['observe'] }],
      'cairn.profile': { actions: ['observe'] },
      'cairn.exit': toEnd('stopped'),
    },
    states,
  };

  return setup({
    types: {
      context: {} as JourneyContext,
      events: {} as MachineEvent,
      input: {} as { customerId: string },
    },
    guards,
    // Standalone `assign`s infer a looser event type than setup() expects; their params are typed above.
    actions: actions as never,
  }).createMachine(config as never);
}

/** Compiles a (parsed) journey. Pure: the same journey always gives the same machine. */
export function compile(journey: Journey): CompiledJourney {
  const index = indexJourney(journey);
  return { journey, index, machine: buildMachine(journey, index) };
}
