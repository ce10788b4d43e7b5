/**
 * Action: hand the customer to a sales rep — the high-touch path. Creates a follow-up task with
 * a due date; the rep is named, or picked round-robin from a team at run time.
 */
import { z } from 'zod';
import { Duration } from '../../journey/primitives.js';
import { defineNode, NEXT, nodeBase } from '../define.js';

export const AssignRepNode = z
  .object({
    ...nodeBase,
    type: z.literal('action.assignRep'),
    team: z.string().max(120).optional(),
    rep: z.email().optional(),
    taskTitle: z.string().min(1).max(300),
    taskNotes: z.string().max(5000).default(''),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
    dueIn: Duration.default({ amount: 1, unit: 'days' }),
  });
export type AssignRepNode = z.infer<typeof AssignRepNode>;

export const assignRep = defineNode({
  type: 'action.assignRep',
  category: 'action',
  behaviour: 'effect',
  title: 'Assign to sales rep',
  description: 'Hands the customer to a person for one-to-one follow-up and creates a task (high-touch).',
  icon: 'user-check',
  schema: AssignRepNode,
  create: (id) => ({
    id,
    type: 'action.assignRep',
    position: { x: 0, y: 0 },
    team: 'sales',
    taskTitle: 'Call {{ customer.firstName }} about their order',
    taskNotes: '',
    priority: 'high',
    dueIn: { amount: 1, unit: 'days' },
  }),
  sample: (id) => ({ id, type: 'action.assignRep', taskTitle: 'Call {{ customer.firstName }}' }),
  summary: (n) => ({ liquid: n.taskTitle }),
  outputs: () => [NEXT],
  templates: (n) => [
    { field: 'taskTitle', template: n.taskTitle },
    { field: 'taskNotes', template: n.taskNotes },
  ],
  simulate: (n, ctx) => {
    try {
      const title = ctx.render(n.taskTitle);
      const who = n.rep ?? `team ${n.team ?? 'default'}`;
      return { output: 'next', status: 'done', reason: `would create task "${title}" for ${who}`, attributes: { owner: who } };
    } catch (err) {
      return { output: 'next', status: 'failed', reason: `template error: ${(err as Error).message}` };
    }
  },
});
