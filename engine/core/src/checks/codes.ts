/**
 * Every problem code the checks can report, with its severity and what it means: one list for
 * the README, the editor's help text and the API's error payloads.
 */
export const PROBLEM_CODES = {
  schema: { severity: 'error', meaning: 'The journey JSON does not match the schema (the path is in `field`).' },
  'no-trigger': { severity: 'error', meaning: 'No trigger: nobody can enter the journey.' },
  'duplicate-node-id': { severity: 'error', meaning: 'Two steps share an id.' },
  'duplicate-edge-id': { severity: 'error', meaning: 'Two connections share an id.' },
  'edge-unknown-source': { severity: 'error', meaning: 'A connection starts at a step that does not exist.' },
  'edge-unknown-target': { severity: 'error', meaning: 'A connection leads to a step that does not exist.' },
  'edge-unknown-output': { severity: 'error', meaning: 'A connection leaves an output the step does not have.' },
  'edge-into-trigger': { severity: 'error', meaning: 'A connection enters a trigger; triggers are entry points.' },
  'edge-into-goal': { severity: 'error', meaning: 'A connection enters a goal; goals listen everywhere and are never entered.' },
  'multiple-edges-from-output': { severity: 'error', meaning: 'More than one connection leaves the same output.' },
  'duplicate-output': { severity: 'error', meaning: 'Two branches or variants of a step share a name.' },
  'dangling-output': { severity: 'error', meaning: 'An output (not optional) has no connection: customers would be stuck.' },
  'condition-without-else': { severity: 'error', meaning: 'A split’s “else” branch has no connection.' },
  unreachable: { severity: 'error', meaning: 'No path from any trigger reaches the step (goals exempt).' },
  'wait-without-timeout': { severity: 'error', meaning: 'A wait for an event has no timeout: customers could wait forever.' },
  'goal-shadows-wait': { severity: 'warning', meaning: 'A goal on the same event a wait-for-event waits for: the wait\'s event branch is never taken.' },
  'cycle-without-wait': { severity: 'error', meaning: 'A loop with no pausing wait in it: a message storm.' },
  'rule-without-value': { severity: 'error', meaning: 'A condition (other than set / not set) has no value to compare with.' },
  'empty-content': { severity: 'error', meaning: 'A message with an empty subject, title or body.' },
  'template-syntax': { severity: 'error', meaning: 'A Liquid template does not parse (or uses an unknown filter).' },
  'unknown-variable': { severity: 'error', meaning: 'A template uses a variable the renderer never provides.' },
  'unknown-customer-field': { severity: 'warning', meaning: 'A template uses a customer attribute the workspace does not know.' },
  'unknown-event-field': { severity: 'warning', meaning: 'A template uses event.x where only event.name and event.properties exist.' },
  'unknown-journey-field': { severity: 'warning', meaning: 'A template uses journey.x where only journey.name and journey.id exist.' },
  'unknown-segment': { severity: 'error', meaning: 'A step uses a saved segment that is not chosen or does not exist (any more).' },
  'unknown-event': { severity: 'warning', meaning: 'A step listens for an event the workspace has never received (needs a catalog).' },
} as const satisfies Record<string, { severity: 'error' | 'warning'; meaning: string }>;

/** The stable code of a graph-check problem (a key of `PROBLEM_CODES`), for tools and tests to match on. */
export type ProblemCode = keyof typeof PROBLEM_CODES;
