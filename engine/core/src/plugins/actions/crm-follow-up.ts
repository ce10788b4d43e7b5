/** Creates a follow-up task for a sales rep in a CRM, through the CRM's webhook (the high-touch path). */
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { postJson } from './http.js';

export const crmFollowUp = defineAction({
  type: 'crm.followUp',
  title: 'CRM follow-up task',
  description: 'Creates a task for a sales rep in your CRM (via its webhook) to follow this customer up one-to-one.',
  category: 'Sales',
  icon: 'briefcase',
  config: z.object({
    url: z.url({ protocol: /^https?$/, error: 'the CRM webhook must be an http(s) URL' }),
    title: z.string().min(1, 'give the task a title').max(300).default('Follow up with {{ customer.firstName }}'),
    owner: z.email().optional(),
    priority: z.enum(['low', 'normal', 'high']).default('normal'),
    dueInHours: z.number().int().min(1).max(24 * 60).default(24),
  }),
  outputs: ['success', 'failure'],
  templates: (c) => [{ field: 'config.title', template: c.title }],
  async run(ctx, config) {
    const token = ctx.secret('CRM_TOKEN');
    const res = (await postJson(
      ctx,
      config.url,
      {
        title: ctx.render(config.title),
        owner: config.owner ?? null,
        priority: config.priority,
        dueAt: new Date(Date.now() + config.dueInHours * 3_600_000).toISOString(),
        customer: { id: ctx.customer.id, ...ctx.customer.attributes },
        journey: ctx.journey,
        idempotencyKey: ctx.idempotencyKey,
      },
      token ? { authorization: `Bearer ${token}` } : {},
    )) as { id?: unknown };
    const taskId = typeof res.id === 'string' || typeof res.id === 'number' ? String(res.id) : undefined;
    return { output: 'success', reason: `task created${taskId ? ` (${taskId})` : ''}`, ...(taskId ? { attributes: { crmTaskId: taskId } } : {}) };
  },
  simulate: (ctx, config) => ({ output: 'success', reason: `would create CRM task "${ctx.render(config.title)}"` }),
});
