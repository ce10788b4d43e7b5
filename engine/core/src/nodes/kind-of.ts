/**
 * What a marketer calls a node's kind, and its icon: the kind's title, or for a custom action
 * the action's own title ("Award loyalty points", not "Custom action").
 */
import { actionOf, triggerOf } from '../plugins/registry.js';
import type { NodeCategory } from './define.js';
import type { ActionDefinition } from '../plugins/define-action.js';
import type { TriggerDefinition } from '../plugins/define-trigger.js';
import { definitionOf } from './registry.js';

/** The extension a custom step runs: its custom action (or condition), or its custom trigger. */
export function extensionOf(node: { type: string; action?: unknown; trigger?: unknown }): ActionDefinition | TriggerDefinition | undefined {
  if (node.type === 'action.custom' && typeof node.action === 'string') return actionOf(node.action);
  if (node.type === 'trigger.custom' && typeof node.trigger === 'string') return triggerOf(node.trigger);
  return undefined;
}

/** The title a step's kind is shown under (a custom action or trigger's own title). */
export function kindTitleOf(node: { type: string; action?: unknown; trigger?: unknown }): string {
  const ext = extensionOf(node);
  if (ext) return ext.title;
  try {
    return definitionOf(node.type).title;
  } catch {
    return node.type;
  }
}

/** The icon name of a step's kind (a custom action or trigger's own icon). */
export function kindIconOf(node: { type: string; action?: unknown; trigger?: unknown }): string {
  const ext = extensionOf(node);
  if (ext?.icon) return ext.icon;
  try {
    return definitionOf(node.type).icon;
  } catch {
    return 'puzzle';
  }
}

/** The colour family a node is drawn in: its kind's category, or a custom condition's. */
export function kindCategoryOf(node: { type: string; action?: unknown }): NodeCategory {
  if (node.type === 'action.custom' && typeof node.action === 'string' && actionOf(node.action)?.section === 'condition') return 'condition';
  try {
    return definitionOf(node.type).category;
  } catch {
    return 'action';
  }
}
