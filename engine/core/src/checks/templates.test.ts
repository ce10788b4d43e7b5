import { describe, expect, it } from 'vitest';
import type { Journey } from '../journey/journey.js';
import { edge, journey, node } from './fixture.js';
import { checkJourney } from './index.js';
import type { Catalog } from './problem.js';

/** trigger → email(body) → exit, plus extra nodes placed after the email. */
function withBody(body: string, extra: { nodes?: ReturnType<typeof node>[]; settings?: Journey['settings'] } = {}): Journey {
  const nodes = [node('trigger.event', 't'), node('action.email', 'm', { label: 'Send welcome', body }), ...(extra.nodes ?? []), node('exit', 'x')];
  const chain = nodes.slice(1).map((n) => n.id);
  const edges = [edge('t', 'm'), ...chain.slice(0, -1).map((id, i) => edge(id, chain[i + 1]!))];
  return journey(nodes, edges, extra.settings ? { settings: extra.settings } : {});
}
const check = (j: Journey, catalog?: Catalog) => checkJourney(j, catalog);

describe('template variables', () => {
  it('accepts standard fields, event properties at any depth, journey fields, links and locals', () => {
    const body = [
      '{{ customer.firstName | default: "there" }} {{ customer.email }} {{ customer.tags | join: ", " }} {{ customer }}',
      '{{ event.name }} {{ event.properties.order.total }} {{ event.properties["order id"] }}',
      '{{ journey.name }} {{ journey.id }} {{ unsubscribe_url }} {{ preferences_url }}',
      '{% for item in event.properties.items %}{{ item.name }} {{ forloop.index }}{% endfor %}',
      '{% assign greeting = "Hi" %}{{ greeting }} {% capture x %}y{% endcapture %}{{ x }}',
    ].join('\n');
    expect(check(withBody(body))).toEqual([]);
  });

  it('warns about an unknown customer field, naming the variable and the field', () => {
    const ps = check(withBody('Hi {{ customer.favouriteColour }}'));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ code: 'unknown-customer-field', severity: 'warning', nodeId: 'm', field: 'body' });
    expect(ps[0]!.message).toContain('“Send welcome” uses {{ customer.favouriteColour }} in its body');
    expect(ps[0]!.message).toContain('no attribute “favouriteColour”');
  });

  it('reports each unknown variable once per field', () => {
    expect(check(withBody('{{ customer.a }} {{ customer.a }} {{ customer.b }}'))).toHaveLength(2);
  });

  it('knows attributes from the catalog, the settings, rules, attribute triggers and updates', () => {
    const body = '{{ customer.plan }} {{ customer.lifetimeValue }} {{ customer.coupon }} {{ customer.address.city }} {{ customer.tier }} {{ customer.vip }}';
    const split = node('condition.split', 's', {
      branches: [{ id: 'yes', label: 'yes', rules: { op: 'or', rules: [{ op: 'and', rules: [{ kind: 'attribute', attribute: 'address.city', operator: 'exists' }] }] } }],
    });
    const nodes = [
      node('trigger.segment', 't'), // names "plan"
      node('trigger.attribute', 'ta'), // watches "tier"
      node('action.updateAttribute', 'u', { attribute: 'coupon', value: 'X1' }),
      split,
      node('action.email', 'm', { body }),
      node('exit', 'x'),
      node('exit', 'y'),
    ];
    const edges = [edge('t', 'u'), edge('ta', 'u'), edge('u', 's'), edge('s', 'm', 'yes'), edge('s', 'y', 'else'), edge('m', 'x')];
    const j = journey(nodes, edges, { settings: { attributes: ['lifetimeValue'] } } as never);
    expect(check(j, { attributes: ['vip'] })).toEqual([]);
    // Without the catalog, only "vip" is unknown.
    expect(check(j).map((p) => p.message)).toEqual([expect.stringContaining('{{ customer.vip }}')]);
  });

  it('is an error for an unknown root, listing what can be used', () => {
    const ps = check(withBody('Your order {{ order.total }}'));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ code: 'unknown-variable', severity: 'error', field: 'body' });
    expect(ps[0]!.message).toContain('{{ order.total }}');
    expect(ps[0]!.message).toContain('“order” is not something a message can use');
    expect(ps[0]!.message).toContain('unsubscribe_url');
  });

  it('warns about event and journey fields that do not exist', () => {
    const ps = check(withBody('{{ event.total }} {{ journey.owner }} {{ event.at }}'));
    expect(ps.map((p) => [p.code, p.severity])).toEqual([
      ['unknown-event-field', 'warning'],
      ['unknown-journey-field', 'warning'],
      ['unknown-event-field', 'warning'],
    ]);
    expect(ps[0]!.message).toContain('Did you mean event.properties.total?');
  });

  it('checks a computed key on its own', () => {
    const ps = check(withBody('{{ event.properties[customer.key] }} {{ customer[foo] }}'));
    expect(ps.map((p) => p.code).sort()).toEqual(['unknown-customer-field', 'unknown-variable']);
  });

  it('reports a Liquid syntax error with the parser message', () => {
    const ps = check(withBody('Hi {% if customer.firstName %}there'));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ code: 'template-syntax', severity: 'error', field: 'body' });
    expect(ps[0]!.message).toMatch(/“Send welcome” has a mistake in its body: tag \{% if customer.firstName %\} not closed/);
  });

  it('checks every templated field, translations included', () => {
    const j = withBody('ok', {
      nodes: [
        node('action.sms', 's', { translations: { vi: { body: 'Chào {{ khach.ten }}' } } }),
        node('action.push', 'p', { url: '{{ link }}' }),
        node('action.updateAttribute', 'u', { value: '{{ nope }}' }),
        node('action.webhook', 'w', { body: '{{ bad }}' }),
        node('action.assignRep', 'r', { taskNotes: '{{ worse }}', waitForOutcome: false }),
      ],
    });
    // webhook has two outputs; connect failure too so only template problems remain.
    const edges = j.edges.map((e) => (e.source === 'w' ? { ...e, sourceHandle: 'success' } : e));
    edges.push(edge('w', 'r', 'failure'));
    const ps = check({ ...j, edges });
    expect(ps.map((p) => [p.nodeId, p.field, p.code])).toEqual([
      ['s', 'translations.vi.body', 'unknown-variable'],
      ['p', 'url', 'unknown-variable'],
      ['u', 'value', 'unknown-variable'],
      ['w', 'body', 'unknown-variable'],
      ['r', 'taskNotes', 'unknown-variable'],
    ]);
    expect(ps[0]!.message).toContain('in its “vi” translation\'s body');
  });
});

describe('unknown events (with a catalog)', () => {
  const catalog: Catalog = { events: { 'Signed Up': [], 'Order Completed': ['total'] } };
  it('is quiet without a catalog of events or when every event is known', () => {
    const j = withBody('hi', { nodes: [node('wait.event', 'w')] });
    const fixed = { ...j, edges: j.edges.map((e) => (e.source === 'w' ? { ...e, sourceHandle: 'event' } : e)) };
    fixed.nodes.push(node('exit', 'late'), node('goal', 'g', { event: 'Signed Up' }));
    fixed.edges.push(edge('w', 'late', 'timeout'));
    expect(check(fixed)).toEqual([]);
    expect(check(fixed, catalog)).toEqual([]);
  });
  it('warns about a misspelt event and suggests the known one', () => {
    const j = journey([node('trigger.event', 't', { event: 'Order Complete' }), node('exit', 'x')], [edge('t', 'x')], {
      settings: { exitEvents: ['Account Deleted'] },
    } as never);
    const ps = check(j, catalog);
    expect(ps.map((p) => [p.code, p.severity, p.nodeId])).toEqual([
      ['unknown-event', 'warning', 't'],
      ['unknown-event', 'warning', undefined],
    ]);
    expect(ps[0]!.message).toContain('Did you mean “Order Completed”?');
    expect(ps[1]!.field).toBe('settings.exitEvents');
  });
});
