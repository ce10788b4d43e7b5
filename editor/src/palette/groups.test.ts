import { describe, expect, it } from 'vitest';
import type { AnyNodeDefinition } from '@cairn/engine';
import { definitionOf, nodeKinds } from '@cairn/engine';
import { paletteGroups } from './groups.js';

describe('palette groups', () => {
  it('lists every registered kind once, in category order', () => {
    const groups = paletteGroups();
    expect(groups.map((g) => g.title)).toEqual(['Triggers', 'Conditions', 'Waits', 'Actions', 'Goals']);
    expect(groups.flatMap((g) => g.kinds).length).toBe(nodeKinds().length);
  });

  it('shows a kind registered later without any editor change', () => {
    const custom = { ...definitionOf('action.tag'), type: 'action.custom', title: 'Custom' } as unknown as AnyNodeDefinition;
    const groups = paletteGroups([...nodeKinds(), custom]);
    expect(groups.find((g) => g.category === 'action')?.kinds.map((k) => k.title)).toContain('Custom');
  });
});
