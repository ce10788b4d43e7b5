/**
 * Small builders for journeys in tests of the checks (and of anything else that needs a valid
 * journey quickly): nodes start from their kind's `create(id)` defaults.
 */
import type { Edge, Journey, JourneyInput } from '../journey/journey.js';
import { Journey as JourneySchema } from '../journey/journey.js';
import type { JourneyNode, NodeType } from '../nodes/registry.js';
import { definitionOf } from '../nodes/registry.js';

/** A node of `type` with its defaults, overridden by `patch`. */
export function node(type: NodeType, id: string, patch: Record<string, unknown> = {}): JourneyNode {
  return { ...(definitionOf(type).create(id) as JourneyNode), ...patch } as JourneyNode;
}

/** An edge `source --handle--> target`; its id is derived unless given. */
export function edge(source: string, target: string, handle = 'next', id?: string): Edge {
  return { id: id ?? `${source}-${handle}-${target}`, source, sourceHandle: handle, target };
}

/** A parsed journey (schema defaults applied). Throws if the schema rejects it. */
export function journey(nodes: JourneyNode[], edges: Edge[], extra: Partial<JourneyInput> = {}): Journey {
  return JourneySchema.parse({ id: 'j1', name: 'Welcome', nodes, edges, ...extra });
}

/**
 * A clean journey: sign-up → welcome email → wait for an order (3 days) → exit, or an SMS
 * nudge → exit; plus a goal.
 */
export function welcomeJourney(): Journey {
  return journey(
    [
      node('trigger.event', 'start'),
      node('action.email', 'welcome', { label: 'Send welcome' }),
      node('wait.event', 'wait', { label: 'Wait for order' }),
      node('exit', 'done'),
      node('action.sms', 'nudge'),
      node('exit', 'gave-up'),
      // A goal with a condition: an unconditional one on "Order Completed" would shadow the wait.
      node('goal', 'goal', { filter: { op: 'and', rules: [{ kind: 'property', property: 'total', operator: 'gt', value: 0 }] } }),
    ],
    [
      edge('start', 'welcome'),
      edge('welcome', 'wait'),
      edge('wait', 'done', 'event'),
      edge('wait', 'nudge', 'timeout'),
      edge('nudge', 'gave-up'),
    ],
  );
}
