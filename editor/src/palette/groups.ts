/** The palette's groups, straight from the registry: a kind registered later shows up here. */
import type { AnyNodeDefinition, NodeCategory } from '@cairn/engine';
import { CATEGORY_ORDER, nodeKinds } from '@cairn/engine';

export const GROUP_TITLES: Record<NodeCategory, string> = {
  trigger: 'Triggers',
  condition: 'Conditions',
  wait: 'Waits',
  action: 'Actions',
  goal: 'Goals',
};

export interface PaletteGroup {
  category: NodeCategory;
  title: string;
  kinds: AnyNodeDefinition[];
}

export function paletteGroups(kinds: readonly AnyNodeDefinition[] = nodeKinds()): PaletteGroup[] {
  const known = new Set<string>(CATEGORY_ORDER);
  const extra = [...new Set(kinds.map((k) => k.category))].filter((c) => !known.has(c));
  return [...CATEGORY_ORDER, ...extra]
    .map((category) => ({
      category,
      title: GROUP_TITLES[category] ?? category,
      kinds: kinds.filter((k) => k.category === category),
    }))
    .filter((g) => g.kinds.length > 0);
}
