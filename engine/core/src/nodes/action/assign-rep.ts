/**
 * Action: hand the customer to a sales rep — the high-touch path. Creates a follow-up task
 * (activities/sales-task.ts) for a rep chosen by the step's routing (sales/routing.ts), due inside
 * the rep's working hours, with an ice-breaker message rendered for the customer, and emails the
 * rep. With `waitForOutcome` the journey waits on the task: its outputs are the rep's outcomes and
 * `timeout`. Without it (every journey drawn before tasks existed) it goes on by `next` at once.
 */
import { z } from 'zod';
import { Duration } from '../../journey/primitives.js';
import { OUTCOME_WORDS, ROUTING_STRATEGIES, TASK_OUTCOMES, TASK_TIMEOUT } from '../../sales/outcomes.js';
import { defineNode, NEXT, nodeBase, type OutputSpec } from '../define.js';

export const DEFAULT_ICE_BREAKER =
  'Hello {{ customer.firstName | default: "there" }}, thank you for choosing us! I will be your personal contact. How are you finding it so far?';

export const AssignRepNode = z
  .object({
    ...nodeBase,
    type: z.literal('action.assignRep'),
    team: z.string().max(120).optional(),
    /** The named person: the rep of `named` routing, and the last fallback of the others. */
    rep: z.email().optional().describe('A named person: the rep with "named" routing, else the last fallback when nobody in the team is free.'),
    /** How the rep is chosen; absent: `named` when a rep is named, else round-robin in the team. */
    routing: z.enum(ROUTING_STRATEGIES).optional().describe('How the rep is chosen: roundRobin, leastLoaded, territory (the rep\'s attribute rules), keepOwner (the customer\'s owner), named. Never someone away or full.'),
    taskTitle: z.string().min(1).max(300),
    taskNotes: z.string().max(5000).default(''),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
    dueIn: Duration.default({ amount: 1, unit: 'days' }),
    /** The suggested opening message (Liquid), sent by the rep from the task page. */
    iceBreaker: z.string().max(2000).default(DEFAULT_ICE_BREAKER).describe('The opening message the rep sends from the task (Liquid). Ask a question that invites a reply.'),
    iceBreakerSubject: z.string().max(300).default('A personal note'),
    /** Whether the journey waits for the rep's outcome (outputs: outcomes + timeout) or goes on by `next`. */
    waitForOutcome: z.boolean().default(false).describe('Wait for the rep\'s outcome: the step then leaves by won, lost, no answer or timeout. A call back moves the task, and the timeout with it, to the agreed time.'),
    /** How long after the due time the journey waits before `timeout`. */
    timeoutAfter: Duration.default({ amount: 2, unit: 'days' }).describe('How long after the due time the journey waits before taking timeout.'),
    /** On timeout, give the task to the team lead (else the next rep) and email the lead. */
    escalate: z.boolean().default(true).describe('On timeout, give the task to the team lead and email them.'),
  });
export type AssignRepNode = z.infer<typeof AssignRepNode>;

/** The rep's routing as the step means it (old steps have none). */
export const routingOf = (n: Pick<AssignRepNode, 'routing' | 'rep'>) => n.routing ?? (n.rep ? 'named' : 'roundRobin');

/**
 * `call_back` stays an output, retired: runs that took it before call backs rescheduled
 * (sales-wait.ts, patched) keep their edge, and the simulator can still be told to take it. New
 * runs wait on, so the canvas no longer offers it and templates do not use it.
 */
const OUTCOME_OUTPUTS: OutputSpec[] = [
  ...TASK_OUTCOMES.map((o) => ({ id: o, label: OUTCOME_WORDS[o], ...(o === 'won' ? {} : { optional: true }), ...(o === 'call_back' ? { retired: true } : {}) })),
  { id: TASK_TIMEOUT, label: OUTCOME_WORDS[TASK_TIMEOUT] },
];

export const assignRep = defineNode({
  type: 'action.assignRep',
  category: 'action',
  behaviour: 'effect',
  title: 'Assign to sales rep',
  description: 'Hands the customer to a person for one-to-one follow-up: a task with an ice-breaker message; the journey can wait for the outcome.',
  icon: 'user-check',
  schema: AssignRepNode,
  create: (id) => ({
    id,
    type: 'action.assignRep',
    position: { x: 0, y: 0 },
    team: 'sales',
    routing: 'roundRobin',
    taskTitle: 'Call {{ customer.firstName }} about their order',
    taskNotes: '',
    priority: 'high',
    dueIn: { amount: 1, unit: 'days' },
    iceBreaker: DEFAULT_ICE_BREAKER,
    iceBreakerSubject: 'A personal note',
    waitForOutcome: true,
    timeoutAfter: { amount: 2, unit: 'days' },
    escalate: true,
  }),
  sample: (id) => ({ id, type: 'action.assignRep', taskTitle: 'Call {{ customer.firstName }}' }),
  summary: (n) => ({ liquid: n.taskTitle }),
  outputs: (n) => (n.waitForOutcome ? OUTCOME_OUTPUTS : [NEXT]),
  // A task that could not be made: a waiting step goes on as if the rep never answered.
  effect: { failureOutput: (n) => (n.waitForOutcome ? 'timeout' : 'next') },
  templates: (n) => [
    { field: 'taskTitle', template: n.taskTitle },
    { field: 'taskNotes', template: n.taskNotes },
    { field: 'iceBreaker', template: n.iceBreaker },
    { field: 'iceBreakerSubject', template: n.iceBreakerSubject },
  ],
  simulate: (n, ctx) => {
    const output = n.waitForOutcome ? 'won' : 'next';
    try {
      const title = ctx.render(n.taskTitle);
      ctx.render(n.iceBreaker);
      const who = n.rep && routingOf(n) === 'named' ? n.rep : `team ${n.team ?? 'default'} (${routingOf(n)})`;
      const waits = n.waitForOutcome ? ` and wait for the outcome (simulated: won)` : '';
      return { output, status: 'done', reason: `would create task "${title}" for ${who}${waits}`, attributes: { owner: who } };
    } catch (err) {
      return { output, status: 'failed', reason: `template error: ${(err as Error).message}` };
    }
  },
});
