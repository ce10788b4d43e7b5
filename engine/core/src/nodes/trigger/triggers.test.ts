import { describe, expect, it } from 'vitest';
import type { CustomerEvent, Facts } from '../../rules/facts.js';
import type { TriggerDefinition } from '../define.js';
import type { AttributeTriggerNode} from './attribute.js';
import { ATTRIBUTE_CHANGED, attributeTrigger as attributeDef } from './attribute.js';
import type { EventTriggerNode} from './event.js';
import { eventTrigger as eventDef } from './event.js';
import type { ManualTriggerNode} from './manual.js';
import { MANUAL_ENROL, manualTrigger as manualDef } from './manual.js';
import type { ScheduleTriggerNode} from './schedule.js';
import { SCHEDULE_FIRED, Schedule, scheduleTrigger as scheduleDef } from './schedule.js';
import type { SegmentTriggerNode} from './segment.js';
import { segmentTrigger as segmentDef } from './segment.js';

// Seen through the general contract, as the compiler and the simulator see them.
const eventTrigger = eventDef as TriggerDefinition<'trigger.event', typeof EventTriggerNode>;
const segmentTrigger = segmentDef as TriggerDefinition<'trigger.segment', typeof SegmentTriggerNode>;
const attributeTrigger = attributeDef as TriggerDefinition<'trigger.attribute', typeof AttributeTriggerNode>;
const manualTrigger = manualDef as TriggerDefinition<'trigger.manual', typeof ManualTriggerNode>;
const scheduleTrigger = scheduleDef as TriggerDefinition<'trigger.schedule', typeof ScheduleTriggerNode>;

const NOW = Date.UTC(2026, 0, 5, 8, 0);
const ev = (name: string, properties: Record<string, unknown> = {}, at = NOW): CustomerEvent => ({ name, at, properties });
const facts = (attributes: Record<string, unknown> = {}, history: CustomerEvent[] = []): Facts => ({ attributes, history, now: NOW });

describe('trigger.event', () => {
  const node = eventTrigger.create('t');
  it('matches its event by name, only', () => {
    expect(eventTrigger.matchesEvent(node, ev('Signed Up'), facts())).toBe(true);
    expect(eventTrigger.matchesEvent(node, ev('Signed up!'), facts())).toBe(false);
  });
  it('applies its filter to the event properties and the customer', () => {
    const filtered = {
      ...node,
      event: 'Order Completed',
      filter: {
        op: 'and' as const,
        rules: [
          { kind: 'property' as const, property: 'total', operator: 'gt' as const, value: 100 },
          { kind: 'attribute' as const, attribute: 'country', operator: 'eq' as const, value: 'VN' },
        ],
      },
    };
    expect(eventTrigger.matchesEvent(filtered, ev('Order Completed', { total: 150 }), facts({ country: 'VN' }))).toBe(true);
    expect(eventTrigger.matchesEvent(filtered, ev('Order Completed', { total: 50 }), facts({ country: 'VN' }))).toBe(false);
    expect(eventTrigger.matchesEvent(filtered, ev('Order Completed', { total: 150 }), facts({ country: 'US' }))).toBe(false);
  });
});

describe('trigger.segment', () => {
  const node = segmentTrigger.create('t'); // plan eq "pro"
  it('matches when the customer now matches the conditions', () => {
    expect(segmentTrigger.matchesEvent(node, ev('$identify'), facts({ plan: 'pro' }))).toBe(true);
    expect(segmentTrigger.matchesEvent(node, ev('$identify'), facts({ plan: 'free' }))).toBe(false);
  });
  it('can use event history', () => {
    const twice = {
      ...node,
      conditions: { op: 'and' as const, rules: [{ kind: 'event' as const, event: 'Viewed', count: { operator: 'gte' as const, value: 2 }, where: [] }] },
    };
    expect(segmentTrigger.matchesEvent(twice, ev('x'), facts({}, [ev('Viewed', {}, NOW - 1), ev('Viewed', {}, NOW - 2)]))).toBe(true);
    expect(segmentTrigger.matchesEvent(twice, ev('x'), facts({}, [ev('Viewed', {}, NOW - 1)]))).toBe(false);
  });
});

describe('trigger.attribute', () => {
  const node = attributeTrigger.create('t'); // tier
  const changed = (attribute: string, to: unknown) => ev(ATTRIBUTE_CHANGED, { attribute, to });
  it('matches a change of its attribute, to anything', () => {
    expect(attributeTrigger.matchesEvent(node, changed('tier', 'gold'), facts())).toBe(true);
    expect(attributeTrigger.matchesEvent(node, changed('plan', 'gold'), facts())).toBe(false);
    expect(attributeTrigger.matchesEvent(node, ev('Signed Up', { attribute: 'tier' }), facts())).toBe(false);
  });
  it('checks the new value when asked to', () => {
    const toGold = { ...node, to: { operator: 'eq' as const, value: 'gold' } };
    expect(attributeTrigger.matchesEvent(toGold, changed('tier', 'Gold'), facts())).toBe(true);
    expect(attributeTrigger.matchesEvent(toGold, changed('tier', 'silver'), facts())).toBe(false);
  });
});

describe('trigger.manual', () => {
  it('matches the enrol event only', () => {
    const node = manualTrigger.create('t');
    expect(manualTrigger.matchesEvent(node, ev(MANUAL_ENROL), facts())).toBe(true);
    expect(manualTrigger.matchesEvent(node, ev('Signed Up'), facts())).toBe(false);
  });
});

describe('trigger.schedule', () => {
  const node = { ...scheduleTrigger.create('weekly'), segment: { op: 'and' as const, rules: [{ kind: 'attribute' as const, attribute: 'newsletter', operator: 'eq' as const, value: true }] } };
  it('matches its own schedule firing, for customers in its segment', () => {
    expect(scheduleTrigger.matchesEvent(node, ev(SCHEDULE_FIRED, { nodeId: 'weekly' }), facts({ newsletter: true }))).toBe(true);
    expect(scheduleTrigger.matchesEvent(node, ev(SCHEDULE_FIRED, { nodeId: 'weekly' }), facts({ newsletter: false }))).toBe(false);
    expect(scheduleTrigger.matchesEvent(node, ev(SCHEDULE_FIRED, { nodeId: 'other' }), facts({ newsletter: true }))).toBe(false);
  });
  it('accepts a one-off ISO date with offset and a monthly schedule; rejects a bad day of month', () => {
    expect(Schedule.parse({ kind: 'once', at: '2026-02-01T09:00:00+07:00' })).toMatchObject({ kind: 'once' });
    expect(Schedule.parse({ kind: 'recurring', every: 'month', at: '09:00', dayOfMonth: 28 })).toMatchObject({ daysOfWeek: [] });
    const bad = Schedule.safeParse({ kind: 'recurring', every: 'month', at: '09:00', dayOfMonth: 31 });
    expect(bad.error?.issues[0]?.path).toEqual(['dayOfMonth']);
  });
});
