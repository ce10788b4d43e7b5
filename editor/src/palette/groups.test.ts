import { describe, expect, it } from 'vitest';
import type { AnyNodeDefinition } from '@cairn/core';
import { definitionOf, listActions, listTriggers, nodeKinds } from '@cairn/core';
import { paletteGroups } from './groups.js';

describe('palette groups', () => {
  it('lists node kinds in category order, then custom actions under their own categories', () => {
    const groups = paletteGroups();
    expect(groups.slice(0, 5).map((g) => g.title)).toEqual(['Triggers', 'Conditions', 'Waits', 'Actions', 'Goals']);
    const keys = groups.flatMap((g) => g.items.map((i) => i.key));
    for (const k of nodeKinds()) if (k.type !== 'action.custom' && k.type !== 'trigger.custom') expect(keys).toContain(k.type);
    for (const a of listActions()) expect(keys).toContain(`action.custom:${a.type}`);
    for (const t of listTriggers()) expect(keys).toContain(`trigger.custom:${t.type}`);
    // A custom condition (defineCondition) is coloured as a condition.
    expect(groups.flatMap((g) => g.items).find((i) => i.key === 'action.custom:score.lead')?.category).toBe('condition');
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('shows a kind or an action registered later without any editor change', () => {
    const kind = { ...definitionOf('action.tag'), type: 'action.later', title: 'Later kind' } as unknown as AnyNodeDefinition;
    const action = { type: 'erp.sync', title: 'Sync to ERP', description: 'x', category: 'Back office' };
    const groups = paletteGroups([...nodeKinds(), kind], [...listActions(), action]);
    expect(groups.find((g) => g.title === 'Actions')?.items.map((i) => i.title)).toContain('Later kind');
    expect(groups.find((g) => g.title === 'Back office')?.items).toEqual([
      { key: 'action.custom:erp.sync', title: 'Sync to ERP', description: 'x', icon: 'puzzle', category: 'action' },
    ]);
  });

  it('offers the generic custom-action and custom-trigger kinds only when none is registered', () => {
    const keys = paletteGroups(nodeKinds(), [], []).flatMap((g) => g.items.map((i) => i.key));
    expect(keys).toContain('action.custom');
    expect(keys).toContain('trigger.custom');
  });
});
