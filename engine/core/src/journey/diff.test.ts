import { describe, expect, it } from 'vitest';
import { edge, journey, node, welcomeJourney } from '../checks/fixture.js';
import { diffJourneys, hasUnpublishedChanges } from './diff.js';

const edit = (f: (j: ReturnType<typeof welcomeJourney>) => void) => {
  const j = structuredClone(welcomeJourney());
  f(j);
  return j;
};

describe('diffJourneys', () => {
  it('finds nothing between a journey and itself, and only counts moved steps', () => {
    const live = welcomeJourney();
    expect(diffJourneys(live, welcomeJourney())).toMatchObject({ same: true, added: [], removed: [], changed: [], moved: 0 });
    const moved = edit((j) => (j.nodes[1]!.position = { x: 300, y: 40 }));
    expect(diffJourneys(live, moved)).toMatchObject({ same: true, changed: [], moved: 1 });
  });

  it('names added and removed steps by their label, else their kind, and the connections that changed', () => {
    const live = welcomeJourney();
    const draft = edit((j) => {
      j.nodes = j.nodes.filter((n) => n.id !== 'nudge');
      j.nodes.push(node('action.push', 'push', { label: 'Push nudge' }));
      j.edges = j.edges.filter((e) => e.source !== 'nudge' && e.target !== 'nudge');
      j.edges.push(edge('wait', 'push', 'timeout'), edge('push', 'gave-up'));
    });
    const d = diffJourneys(live, draft);
    expect(d.same).toBe(false);
    expect(d.removed).toEqual([{ nodeId: 'nudge', title: 'Send SMS', kind: 'Send SMS' }]);
    expect(d.added).toEqual([{ nodeId: 'push', title: 'Push nudge', kind: 'Send push' }]);
    expect(d.links.removed).toContainEqual({ from: 'Wait for order', output: 'timeout', to: 'Send SMS' });
    expect(d.links.added).toContainEqual({ from: 'Push nudge', output: 'next', to: 'Exit' });
    expect(d.changed).toEqual([]);
  });

  it('lists changed fields: message text side by side, other values inline, lists counted from 1', () => {
    const live = journey(
      [
        node('trigger.event', 'start'),
        node('condition.split', 'split'),
        node('action.email', 'mail', { subject: 'Hello', body: 'Line one\nLine two' }),
        node('wait.delay', 'wait', { duration: { amount: 1, unit: 'days' } }),
      ],
      [edge('start', 'split'), edge('split', 'mail', 'yes'), edge('mail', 'wait')],
    );
    const draft = structuredClone(live);
    const mail = draft.nodes.find((n) => n.id === 'mail') as { subject: string; body: string };
    mail.subject = 'Hello {{ customer.firstName }}';
    mail.body = 'Line one\nLine 2';
    (draft.nodes.find((n) => n.id === 'wait') as { duration: { amount: number } }).duration.amount = 2;
    (draft.nodes.find((n) => n.id === 'split') as { branches: Array<{ label: string }> }).branches[0]!.label = 'Pro plan';
    const d = diffJourneys(live, draft);
    const fields = Object.fromEntries(d.changed.map((c) => [c.nodeId, c.fields]));
    expect(fields.mail).toEqual([
      { field: 'subject', before: 'Hello', after: 'Hello {{ customer.firstName }}', text: true },
      { field: 'body', before: 'Line one\nLine two', after: 'Line one\nLine 2', text: true },
    ]);
    expect(fields.wait).toEqual([{ field: 'duration › amount', before: '1', after: '2', text: false }]);
    expect(fields.split).toEqual([{ field: 'branches › 1 › label', before: 'yes', after: 'Pro plan', text: false }]);
    // A renamed output keeps its connection (same ids), so no link changes.
    expect(d.links).toEqual({ added: [], removed: [] });
  });

  it('reports a step whose kind changed under the same id, and journey settings', () => {
    const live = welcomeJourney();
    const draft = edit((j) => {
      const i = j.nodes.findIndex((n) => n.id === 'nudge');
      j.nodes[i] = node('action.push', 'nudge');
      j.name = 'Welcome v2';
      j.settings.exitEvents = ['Account Deleted'];
    });
    const d = diffJourneys(live, draft);
    expect(d.changed).toEqual([{ nodeId: 'nudge', title: 'Send push', kind: 'Send push', fields: [{ field: 'kind', before: 'Send SMS', after: 'Send push', text: false }] }]);
    expect(d.journey).toEqual([
      { field: 'name', before: 'Welcome', after: 'Welcome v2', text: false },
      { field: 'settings › exit events', before: '(none)', after: 'Account Deleted', text: false },
    ]);
  });
});

describe('hasUnpublishedChanges', () => {
  it('compares stored JSON with defaults applied; an unreadable draft counts as changed', () => {
    const live = welcomeJourney();
    // The draft as the editor stores it may omit defaults the published definition has.
    const { settings: _s, description: _d, ...sparse } = structuredClone(live);
    expect(hasUnpublishedChanges(live, sparse)).toBe(false);
    expect(hasUnpublishedChanges(live, { ...sparse, name: 'Other' })).toBe(true);
    expect(hasUnpublishedChanges(live, { nodes: 'nope' })).toBe(true);
  });
});
