/**
 * What the editor's palette offers: every built-in node kind, and one item per registered custom
 * action (all of them `action.custom` nodes, told apart by `action`). Built from the registries,
 * so a new kind or a new custom action appears with no editor change.
 */
import { listActions, listTriggers } from '../plugins/registry.js';
import { createCustomTriggerNode } from './trigger/custom.js';
import { createCustomNode } from './action/custom.js';
import type { NodeCategory } from './define.js';
import { nodeKinds, type JourneyNode } from './registry.js';

/** One entry of the editor's palette: the kind it adds, its title, description, category and icon. */
export interface PaletteItem {
  /** Unique: the node type, `action.custom:<action type>` or `trigger.custom:<trigger type>`. */
  key: string;
  category: NodeCategory;
  /** Sub-group shown under the category (custom actions' own `category`, e.g. "Sales"). */
  group?: string;
  title: string;
  description: string;
  icon: string;
  create(id: string): JourneyNode;
}

/**
 * The palette's entries: every built-in kind and every registered custom action and trigger, in category
 * order.
 */
export function paletteItems(): PaletteItem[] {
  const items: PaletteItem[] = nodeKinds()
    .filter((d) => d.type !== 'action.custom' && d.type !== 'trigger.custom')
    .map((d) => ({ key: d.type, category: d.category, title: d.title, description: d.description, icon: d.icon, create: (id) => d.create(id) as JourneyNode }));
  for (const a of listActions()) {
    items.push({
      key: `action.custom:${a.type}`,
      // A custom condition (defineCondition) is listed and coloured as a condition.
      category: a.section ?? 'action',
      group: a.category ?? 'Actions',
      title: a.title,
      description: a.description,
      icon: a.icon ?? 'puzzle',
      create: (id) => createCustomNode(id, a),
    });
  }
  for (const t of listTriggers()) {
    items.push({
      key: `trigger.custom:${t.type}`,
      category: 'trigger',
      group: t.category ?? 'Custom triggers',
      title: t.title,
      description: t.description,
      icon: t.icon ?? 'plug',
      create: (id) => createCustomTriggerNode(id, t),
    });
  }
  return items;
}
