/**
 * What a marketer calls a node's kind, and its icon: the kind's title, or for a custom action
 * the action's own title ("Award loyalty points", not "Custom action").
 */
import { actionOf } from '../plugins/registry.js';
import type { NodeCategory } from './define.js';
import { definitionOf } from './registry.js';

export function kindTitleOf(node: { type: string; action?: unknown }): string {
  if (node.type === 'action.custom' && typeof node.action === 'string') {
    const action = actionOf(node.action);
    if (action) return action.title;
  }
  try {
    return definitionOf(node.type).title;
  } catch {
    return node.type;
  }
}

export function kindIconOf(node: { type: string; action?: unknown }): string {
  if (node.type === 'action.custom' && typeof node.action === 'string') {
    const action = actionOf(node.action);
    if (action?.icon) return action.icon;
  }
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
