/**
 * Action: a custom action defined with `defineAction` (engine/src/plugins). The node names the
 * action's type and carries its config; everything else — outputs, validation, simulation, and at
 * run time the activity — comes from the action's definition.
 */
import { z } from 'zod';
import { actionOf } from '../../plugins/registry.js';
import type { ActionDefinition } from '../../plugins/define-action.js';
import { configIssues, currentConfig, freshConfig } from '../../plugins/config-version.js';
import { defineNode, nodeBase, type OutputSpec } from '../define.js';

export const CustomActionNode = z
  .object({
    ...nodeBase,
    type: z.literal('action.custom'),
    /** The custom action's type, e.g. "crm.followUp". */
    action: z.string().min(1, 'choose a custom action'),
    config: z.record(z.string(), z.unknown()).default({}),
    /** The action's config version the settings were written for (absent: 1); older ones are migrated. */
    configVersion: z.number().int().min(1).optional(),
  })
  .superRefine((n, ctx) => {
    const def = actionOf(n.action);
    if (!def) {
      ctx.addIssue({ code: 'custom', path: ['action'], message: `no custom action "${n.action}" is registered in this workspace` });
      return;
    }
    for (const issue of configIssues(def, n.config, n.configVersion)) ctx.addIssue(issue);
  });
export type CustomActionNode = z.infer<typeof CustomActionNode>;

/**
 * The node's config in the action's current shape (migrated from an older `configVersion`), with
 * its defaults applied. Valid nodes only: the schema checked that it migrates and parses.
 */
export function configOf(def: ActionDefinition, node: Pick<CustomActionNode, 'config' | 'configVersion'>): Record<string, unknown> {
  return currentConfig(def, node);
}

/** The output a custom action takes when it fails for good, or is refused by the delivery policy. */
export function failureOutputOf(def: ActionDefinition): string {
  return def.failureOutput ?? def.outputs[0] ?? 'failure';
}

/** A new node for one custom action, its config filled with the action's defaults. */
export function createCustomNode(id: string, def: ActionDefinition): CustomActionNode {
  return {
    id,
    type: 'action.custom',
    position: { x: 0, y: 0 },
    action: def.type,
    ...freshConfig(def),
  };
}

const FALLBACK_OUTPUTS: OutputSpec[] = [
  { id: 'success', label: 'success' },
  { id: 'failure', label: 'failure' },
];

export const customAction = defineNode({
  type: 'action.custom',
  category: 'action',
  behaviour: 'effect',
  title: 'Custom action',
  description: 'An action your engineers added with defineAction.',
  icon: 'puzzle',
  schema: CustomActionNode as unknown as z.ZodObject<(typeof CustomActionNode)['shape']>,
  create: (id) => {
    // The coupon action has defaults for every field, so a fresh node is valid as dropped.
    const first = actionOf('coupon.issue');
    return first ? createCustomNode(id, first) : { id, type: 'action.custom', position: { x: 0, y: 0 }, action: '', config: {} };
  },
  outputs: (n) => actionOf(n.action)?.outputs.map((o) => ({ id: o, label: o })) ?? FALLBACK_OUTPUTS,
  contacts: (n) => actionOf(n.action)?.contacts?.channel,
  templates: (n) => {
    const def = actionOf(n.action);
    return def?.templates ? def.templates(configOf(def, n) as never) : [];
  },
  simulate: (n, ctx) => {
    const def = actionOf(n.action);
    if (!def) return { output: 'failure', status: 'failed', reason: `no custom action "${n.action}"` };
    const channel = def.contacts?.channel;
    if (channel && (ctx.suppressed.has(channel) || ctx.suppressed.has('all'))) {
      return { output: failureOutputOf(def), status: 'suppressed', reason: `the customer refused contact on ${channel}` };
    }
    const config = configOf(def, n);
    const simCtx = { customer: { id: ctx.customerId, attributes: ctx.facts.attributes }, render: ctx.render, ...(ctx.facts.event ? { event: ctx.facts.event } : {}) };
    try {
      const r = def.simulate ? def.simulate(simCtx, config as never) : { output: def.outputs[0] ?? 'success', reason: `would run ${def.title}` };
      return { output: r.output, status: 'done', reason: r.reason ?? `would run ${def.title}`, ...(r.attributes ? { attributes: r.attributes } : {}), ...(r.detail !== undefined ? { detail: r.detail } : {}) };
    } catch (err) {
      return { output: failureOutputOf(def), status: 'failed', reason: (err as Error).message };
    }
  },
});
