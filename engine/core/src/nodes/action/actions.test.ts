import { describe, expect, it } from 'vitest';
import { renderScope, renderTemplate } from '../../content/render.js';
import type { CustomerEvent } from '../../rules/facts.js';
import type { ActionDefinition, ExitDefinition, SimulationContext } from '../define.js';
import { AssignRepNode as AssignRepSchema } from './assign-rep.js';
import type { AssignRepNode } from './assign-rep.js';
import { assignRep as assignDef } from './assign-rep.js';
import type { ExitNode} from './exit.js';
import { exitNode as exitDef } from './exit.js';

const assignRep = assignDef as ActionDefinition<'action.assignRep', typeof AssignRepNode>;
const exitNode = exitDef as ExitDefinition<'exit', typeof ExitNode>;
import { addTag, applyTag } from './tag.js';
import { coerceAttribute, updateAttribute } from './update-attribute.js';
import type { WebhookNode} from './webhook.js';
import { callWebhook as webhookDef } from './webhook.js';

const callWebhook = webhookDef as ActionDefinition<'action.webhook', typeof WebhookNode>;

function ctx(attributes: Record<string, unknown> = {}, event?: CustomerEvent): SimulationContext {
  return {
    customerId: 'c1',
    facts: { attributes, history: [], now: 0, ...(event ? { event } : {}) },
    timeZone: 'UTC',
    suppressed: new Set(['all']),
    render: (t) => renderTemplate(t, renderScope('c1', attributes, event)),
  };
}

describe('action.webhook', () => {
  const node = callWebhook.create('w');
  it('does not contact the customer (no suppression applies) and has success/failure outputs', () => {
    expect(callWebhook.contacts).toBeUndefined();
    expect(callWebhook.outputs(node).map((o) => o.id)).toEqual(['success', 'failure']);
  });
  it('would call the URL with the rendered body', () => {
    const out = callWebhook.simulate({ ...node, body: '{"plan":"{{ event.properties.plan }}"}' }, ctx({}, { name: 'Upgraded', at: 0, properties: { plan: 'pro' } }));
    expect(out).toEqual({ output: 'success', status: 'done', reason: 'would POST https://example.com/hooks/cairn', detail: { body: '{"plan":"pro"}' } });
    expect(callWebhook.simulate(node, ctx()).detail).toEqual({ body: '(customer and event as JSON)' });
  });
  it('takes the failure output on a template error', () => {
    expect(callWebhook.simulate({ ...node, body: '{{ x | nope }}' }, ctx())).toMatchObject({ output: 'failure', status: 'failed' });
  });
});

describe('action.updateAttribute', () => {
  it('sets the rendered value, typed', () => {
    const node = { ...updateAttribute.create('u'), attribute: 'score', value: '{{ event.properties.points }}', valueType: 'number' as const };
    const out = updateAttribute.simulate(node, ctx({}, { name: 'Played', at: 0, properties: { points: '42' } }));
    expect(out).toEqual({ output: 'next', status: 'done', reason: 'score = 42', attributes: { score: 42 } });
  });
  it('fails on a value that is not the declared type', () => {
    const node = { ...updateAttribute.create('u'), value: 'lots', valueType: 'number' as const };
    expect(updateAttribute.simulate(node, ctx())).toEqual({ output: 'next', status: 'failed', reason: '"lots" is not a number' });
  });
  it('coerces text', () => {
    expect(coerceAttribute('3.5', 'number')).toBe(3.5);
    expect(coerceAttribute(' Yes ', 'boolean')).toBe(true);
    expect(coerceAttribute('no', 'boolean')).toBe(false);
    expect(coerceAttribute('007', 'string')).toBe('007');
    expect(() => coerceAttribute('', 'number')).toThrow('"" is not a number');
  });
});

describe('action.tag', () => {
  it('adds once and removes', () => {
    expect(applyTag(undefined, { tag: 'vip', remove: false })).toEqual(['vip']);
    expect(applyTag(['vip'], { tag: 'vip', remove: false })).toEqual(['vip']);
    expect(applyTag(['a', 'vip'], { tag: 'vip', remove: true })).toEqual(['a']);
    expect(applyTag('not a list', { tag: 'x', remove: false })).toEqual(['x']);
  });
  it('simulates the new tag list', () => {
    const node = { ...addTag.create('t'), tag: 'vip' };
    expect(addTag.simulate(node, ctx({ tags: ['new'] }))).toEqual({ output: 'next', status: 'done', reason: 'added tag vip', attributes: { tags: ['new', 'vip'] } });
    expect(addTag.simulate({ ...node, remove: true }, ctx({ tags: ['vip'] })).reason).toBe('removed tag vip');
  });
});

describe('action.assignRep', () => {
  it('creates a task for the named rep or the team; a new step waits for the outcome', () => {
    const node = assignRep.create('r');
    expect(assignRep.simulate(node, ctx({ firstName: 'Hoa' }))).toEqual({
      output: 'won',
      status: 'done',
      reason: 'would create task "Call Hoa about their order" for team sales (roundRobin) and wait for the outcome (simulated: won)',
      attributes: { owner: 'team sales (roundRobin)' },
    });
    expect(assignRep.outputs(node).map((o) => o.id)).toEqual(['won', 'lost', 'no_answer', 'call_back', 'timeout']);
    expect(assignRep.simulate({ ...node, routing: undefined, rep: 'mai@example.com', waitForOutcome: false }, ctx()).reason).toMatch(/for mai@example\.com$/);
    expect(assignRep.simulate({ ...node, taskTitle: '{% if %}' }, ctx()).status).toBe('failed');
  });

  it('a step drawn before tasks existed still parses, goes on by next and does not wait', () => {
    const old = AssignRepSchema.parse({ id: 'r', type: 'action.assignRep', team: 'sales', taskTitle: 'Call' });
    expect(old.waitForOutcome).toBe(false);
    expect(assignRep.outputs(old)).toEqual([{ id: 'next', label: 'next' }]);
    expect(assignRep.simulate(old, ctx()).output).toBe('next');
  });
});

describe('exit', () => {
  it('has no outputs and a default reason', () => {
    const node = exitNode.create('x');
    expect(exitNode.outputs(node)).toEqual([]);
    expect(node.reason).toBe('completed');
    expect(exitNode.behaviour).toBe('exit');
  });
});
