import { describe, expect, it } from 'vitest';
import { paletteItems } from '../nodes/palette.js';
import { describeExtensions, registerRemoteExtensions } from './remote.js';
import { actionOf, triggerOf } from './registry.js';

describe('extensions as data (the API describes, an editor build without them registers)', () => {
  it('describes every registered action, condition and trigger with its config as JSON Schema', () => {
    const d = describeExtensions();
    const score = d.actions.find((a) => a.type === 'score.lead');
    expect(score).toMatchObject({ section: 'condition', outputs: ['high', 'low', 'unknown'], failureOutput: 'unknown', version: 2 });
    expect(score?.config).toMatchObject({ type: 'object', properties: { threshold: { type: 'number', default: 70 } }, required: ['url'] });
    expect(d.triggers.map((t) => t.type)).toContain('typeform.submitted');
    // It is JSON: it survives the wire.
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('registers what this process lacks: palette, form schema, outputs and a simulation that says where the real one is', () => {
    const wire = JSON.parse(JSON.stringify({
      actions: [
        { ...describeExtensions().actions.find((a) => a.type === 'coupon.issue'), title: 'not replaced' },
        { type: 'remote.points', title: 'Award points', description: 'd', category: 'Loyalty', outputs: ['awarded', 'failed'], failureOutput: 'failed', version: 3, config: { type: 'object', properties: { points: { type: 'integer', minimum: 1, default: 100 } } } },
      ],
      triggers: [{ type: 'remote.signup', title: 'Partner sign-up', description: 'd', config: { type: 'object', properties: { partner: { type: 'string' } }, required: ['partner'] } }],
    }));
    const r = registerRemoteExtensions(wire);
    expect(r).toEqual({ added: ['remote.points', 'remote.signup'], skipped: [] });
    expect(actionOf('coupon.issue')?.title).toBe('Issue coupon code');
    const points = actionOf('remote.points');
    expect(points?.config.safeParse({ points: 0 }).success).toBe(false);
    expect(points?.config.parse({})).toEqual({ points: 100 });
    expect(points?.simulate?.({ customer: { id: 'c', attributes: {} }, render: (t) => t }, { points: 5 })).toMatchObject({ output: 'awarded', reason: expect.stringContaining('on the server') });
    expect(triggerOf('remote.signup')?.config.safeParse({}).success).toBe(false);
    const keys = paletteItems().map((i) => i.key);
    expect(keys).toEqual(expect.arrayContaining(['action.custom:remote.points', 'trigger.custom:remote.signup']));
    // Registering the same descriptors again adds nothing.
    expect(registerRemoteExtensions(wire).added).toEqual([]);
  });

  it('skips, naming it, a descriptor whose config is not an object schema', () => {
    const r = registerRemoteExtensions({ actions: [{ type: 'remote.bad', title: 'Bad', description: '', outputs: ['a'], config: { type: 'string' } }], triggers: [] });
    expect(r).toEqual({ added: [], skipped: [{ type: 'remote.bad', reason: 'the config of remote.bad is not an object schema' }] });
  });
});
