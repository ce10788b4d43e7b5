import { describe, expect, it } from 'vitest';
import type { NodeType } from '../nodes/registry.js';
import { edge, journey, node } from './fixture.js';
import { checkJourney } from './index.js';

const send = (type: NodeType, patch: Record<string, unknown>) =>
  checkJourney(journey([node('trigger.event', 't'), node(type, 'm', patch), node('exit', 'x')], [edge('t', 'm'), edge('m', 'x')]));

describe('empty content', () => {
  it('accepts every message kind as created', () => {
    for (const type of ['action.email', 'action.sms', 'action.chat', 'action.push'] as const) expect(send(type, {})).toEqual([]);
  });
  it.each([
    ['action.email', { subject: '' }, 'subject'],
    ['action.email', { body: '  \n ' }, 'body'],
    ['action.sms', { body: '' }, 'body'],
    ['action.chat', { body: ' ' }, 'body'],
    ['action.push', { title: '' }, 'title'],
    ['action.push', { body: '' }, 'body'],
  ] as const)('%s with %o is an error on %s', (type, patch, field) => {
    const ps = send(type, patch);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ code: 'empty-content', severity: 'error', nodeId: 'm', field });
    expect(ps[0]!.message).toMatch(/has an empty .*blank message/);
  });
  it('reports both empty email fields', () => {
    expect(send('action.email', { subject: '', body: '' }).map((p) => p.field)).toEqual(['subject', 'body']);
  });
});
