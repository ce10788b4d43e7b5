import { describe, expect, it } from 'vitest';
import type { JourneyNode } from '@cairn/core';
import { onActionChange, upgradedNode } from './custom.js';

const scoreNode = (config: Record<string, unknown>, configVersion?: number) =>
  ({ id: 's', type: 'action.custom', position: { x: 0, y: 0 }, action: 'score.lead', config, ...(configVersion ? { configVersion } : {}) }) as JourneyNode;

describe('custom step settings in the inspector', () => {
  it('shows settings saved for an older version migrated, so the first edit saves them upgraded', () => {
    const shown = upgradedNode(scoreNode({ url: 'https://s.example.com', minimum: 90 }));
    expect(shown).toMatchObject({ configVersion: 2, config: { url: 'https://s.example.com', threshold: 90 } });
    expect((shown as { config: Record<string, unknown> }).config).not.toHaveProperty('minimum');
  });

  it('leaves current and unmigratable settings as saved', () => {
    const current = scoreNode({ url: 'https://s.example.com', threshold: 5 }, 2);
    expect(upgradedNode(current)).toBe(current);
    const newer = scoreNode({ url: 'x' }, 9);
    expect(upgradedNode(newer)).toBe(newer);
  });

  it('choosing another action starts from its defaults and its version', () => {
    const before = scoreNode({ url: 'https://s.example.com', threshold: 5 }, 2);
    const after = onActionChange(before, { ...before, action: 'coupon.issue' } as JourneyNode);
    expect(after).not.toHaveProperty('configVersion');
    expect(after).toMatchObject({ action: 'coupon.issue', config: { prefix: 'WELCOME' } });
  });
});
