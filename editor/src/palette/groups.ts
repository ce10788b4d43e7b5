/**
 * The palette's groups, straight from the registries: every node kind, and every custom action
 * registered with `defineAction` as its own item (under its own category). A kind or action
 * registered later shows up here with no editor change.
 */
import type { ActionDefinition, AnyNodeDefinition, NodeCategory, TriggerDefinition } from '@cairn/core';
import { CATEGORY_ORDER, listActions, listTriggers, nodeKinds } from '@cairn/core';

export const GROUP_TITLES: Record<NodeCategory, string> = {
  trigger: 'Triggers',
  condition: 'Conditions',
  wait: 'Waits',
  action: 'Actions',
  goal: 'Goals',
};

/** Palette items of custom actions carry this prefix before the action's type. */
export const CUSTOM_PREFIX = 'action.custom:';
/** Palette items of custom triggers carry this prefix before the trigger's type. */
export const CUSTOM_TRIGGER_PREFIX = 'trigger.custom:';

export interface PaletteItem {
  /** What a drop creates: a node type, or CUSTOM_PREFIX + a custom action's type. */
  key: string;
  title: string;
  description: string;
  icon: string;
  /** Colour family on the canvas. */
  category: string;
}

export interface PaletteGroup {
  title: string;
  items: PaletteItem[];
}

export function paletteGroups(
  kinds: readonly AnyNodeDefinition[] = nodeKinds(),
  actions: readonly Pick<ActionDefinition, 'type' | 'title' | 'description' | 'icon' | 'category' | 'section'>[] = listActions(),
  triggers: readonly Pick<TriggerDefinition, 'type' | 'title' | 'description' | 'icon' | 'category'>[] = listTriggers(),
): PaletteGroup[] {
  const groups = new Map<string, PaletteItem[]>();
  const add = (title: string, item: PaletteItem) => groups.set(title, [...(groups.get(title) ?? []), item]);
  for (const c of CATEGORY_ORDER) groups.set(GROUP_TITLES[c], []);
  for (const k of kinds) {
    // The generic custom-action kind is offered once per registered action instead.
    if (k.type === 'action.custom' && actions.length) continue;
    if (k.type === 'trigger.custom' && triggers.length) continue;
    add(GROUP_TITLES[k.category] ?? k.category, { key: k.type, title: k.title, description: k.description, icon: k.icon, category: k.category });
  }
  for (const t of triggers) {
    add(t.category ?? 'Custom triggers', { key: `${CUSTOM_TRIGGER_PREFIX}${t.type}`, title: t.title, description: t.description, icon: t.icon ?? 'plug', category: 'trigger' });
  }
  for (const a of actions) {
    add(a.category ?? GROUP_TITLES.action, { key: `${CUSTOM_PREFIX}${a.type}`, title: a.title, description: a.description, icon: a.icon ?? 'puzzle', category: a.section ?? 'action' });
  }
  return [...groups.entries()].filter(([, items]) => items.length).map(([title, items]) => ({ title, items }));
}
