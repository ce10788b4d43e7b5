/**
 * Trigger: a custom trigger defined with `defineTrigger` (engine/src/plugins). The node names the
 * trigger's type and carries its config (e.g. which form); the trigger's webhook stores calls as
 * `$trigger.<type>` events, and the definition's `matches` decides which of them start this
 * journey.
 */
import { z } from 'zod';
import { configIssues, currentConfig, freshConfig } from '../../plugins/config-version.js';
import { customTriggerEvent, type TriggerDefinition } from '../../plugins/define-trigger.js';
import { triggerOf } from '../../plugins/registry.js';
import { defineNode, NEXT, nodeBase } from '../define.js';

export const CustomTriggerNode = z
  .object({
    ...nodeBase,
    type: z.literal('trigger.custom'),
    /** The custom trigger's type, e.g. "typeform.submitted". */
    trigger: z.string().min(1, 'choose a custom trigger'),
    config: z.record(z.string(), z.unknown()).default({}),
    /** The trigger's config version the settings were written for (absent: 1). */
    configVersion: z.number().int().min(1).optional(),
  })
  .superRefine((n, ctx) => {
    const def = triggerOf(n.trigger);
    if (!def) {
      ctx.addIssue({ code: 'custom', path: ['trigger'], message: `no custom trigger "${n.trigger}" is registered in this workspace` });
      return;
    }
    for (const issue of configIssues(def, n.config, n.configVersion)) ctx.addIssue(issue);
  });
export type CustomTriggerNode = z.infer<typeof CustomTriggerNode>;

/** The node's config in the trigger's current shape (valid nodes only: the schema checked it). */
export function triggerConfigOf(def: TriggerDefinition, node: Pick<CustomTriggerNode, 'config' | 'configVersion'>): Record<string, unknown> {
  return currentConfig(def, node);
}

/** A new node for one custom trigger, its config filled with the trigger's defaults. */
export function createCustomTriggerNode(id: string, def: TriggerDefinition): CustomTriggerNode {
  return {
    id,
    type: 'trigger.custom',
    position: { x: 0, y: 0 },
    trigger: def.type,
    ...freshConfig(def),
  };
}

export const customTrigger = defineNode({
  type: 'trigger.custom',
  category: 'trigger',
  behaviour: 'trigger',
  title: 'Custom trigger',
  description: 'A trigger your engineers added with defineTrigger: another system calls Cairn.',
  icon: 'plug',
  schema: CustomTriggerNode as unknown as z.ZodObject<(typeof CustomTriggerNode)['shape']>,
  create: (id) => {
    const first = triggerOf('typeform.submitted');
    return first ? createCustomTriggerNode(id, first) : { id, type: 'trigger.custom', position: { x: 0, y: 0 }, trigger: '', config: {} };
  },
  startEvent: (n, at) => {
    const def = triggerOf(n.trigger);
    return { name: customTriggerEvent(n.trigger), at, properties: def?.sample ? def.sample(triggerConfigOf(def, n) as never) : {} };
  },
  summary: (n) => {
    const def = triggerOf(n.trigger);
    return def?.summary ? def.summary(triggerConfigOf(def, n) as never) : '';
  },
  entryEvents: (n) => [customTriggerEvent(n.trigger)],
  outputs: () => [NEXT],
  matchesEvent: (n, event) => {
    if (event.name !== customTriggerEvent(n.trigger)) return false;
    const def = triggerOf(n.trigger);
    return def?.matches ? def.matches(triggerConfigOf(def, n) as never, event.properties) : def !== undefined;
  },
});
