/**
 * The segment conditions editor: AND/OR groups of every segment rule kind (attributes, event
 * history with property and context filters, "seen with" a device / channel / app / campaign,
 * relative dates, tags, consent, suppression, other segments).
 * Controlled: the page holds the definition and estimates it as it changes.
 */
import type { ContextFilter, SegmentGroup, SegmentRule } from '@cairn/core';
import { CONTEXT_FIELDS, isSegmentGroup, OPERATOR_WORDS, Operator as OperatorSchema, type Operator } from '@cairn/core';
import { parseRuleValue, showRuleValue } from '../inspector/RuleBuilder.js';

const OPERATORS = OperatorSchema.options as Operator[];

export const NEW_RULE: Record<SegmentRule['kind'], () => SegmentRule> = {
  attribute: () => ({ kind: 'attribute', attribute: '', operator: 'eq', value: '' }),
  event: () => ({ kind: 'event', event: '', count: { operator: 'gte', value: 1 }, where: [] }),
  seen: () => ({ kind: 'seen', context: [{ kind: 'context', field: 'channel', operator: 'eq', value: 'mobile' }] }),
  date: () => ({ kind: 'date', attribute: 'signedUpAt', when: 'inLast', days: 30 }),
  tag: () => ({ kind: 'tag', tag: '', has: true }),
  consent: () => ({ kind: 'consent', topic: 'marketing', channel: 'email', status: 'granted' }),
  suppression: () => ({ kind: 'suppression', channel: 'email', suppressed: false }),
  segment: () => ({ kind: 'segment', segmentId: '', member: true }),
};

const KIND_WORDS: Record<SegmentRule['kind'], string> = {
  attribute: 'attribute',
  event: 'did event',
  seen: 'seen with (device, channel, app, campaign)',
  date: 'date',
  tag: 'tag',
  consent: 'consent',
  suppression: 'suppressed',
  segment: 'in segment',
};

/** The Segment `context` fields in a marketer's words (the datalist the field inputs offer). */
const CONTEXT_WORDS: Record<(typeof CONTEXT_FIELDS)[number], string> = {
  'device.type': 'device type (ios, android…)',
  'device.manufacturer': 'device manufacturer',
  'device.model': 'device model',
  'os.name': 'operating system',
  channel: 'channel (server, browser, mobile)',
  'app.name': 'app name',
  locale: 'locale (fr-FR…)',
  'campaign.source': 'campaign source (utm_source)',
  'campaign.medium': 'campaign medium (utm_medium)',
  'campaign.name': 'campaign name (utm_campaign)',
};

export interface SegmentOption {
  id: string;
  name: string;
}

interface Props {
  value: SegmentGroup;
  onChange(v: SegmentGroup): void;
  /** Other segments, for membership rules (the segment itself left out). */
  segments: SegmentOption[];
  path?: string;
  depth?: number;
}

export function ConditionsEditor({ value, onChange, segments, path = 'rules', depth = 0 }: Props) {
  const set = (rules: SegmentGroup['rules']) => onChange({ ...value, rules });
  return (
    <div className={`segment-group depth-${depth % 2}`} data-testid={`segment-group-${path}`}>
      <span className="row">
        <select aria-label="match all or any" data-testid={`${path}-op`} value={value.op} onChange={(e) => onChange({ ...value, op: e.target.value as 'and' | 'or' })}>
          <option value="and">ALL of (AND)</option>
          <option value="or">ANY of (OR)</option>
        </select>
        {value.rules.length === 0 && <span className="muted">{value.op === 'and' ? 'matches everyone' : 'matches no one'}</span>}
      </span>
      {value.rules.map((r, i) => {
        const p = `${path}-${i}`;
        const replace = (nr: SegmentRule | SegmentGroup) => set(value.rules.map((x, k) => (k === i ? nr : x)));
        return (
          <div className="row segment-rule" key={i} data-testid={`segment-rule-${p}`}>
            {isSegmentGroup(r) ? <ConditionsEditor value={r} onChange={replace} segments={segments} path={p} depth={depth + 1} /> : <RuleEditor rule={r} onChange={replace} segments={segments} path={p} />}
            <button className="link danger" aria-label="remove condition" data-testid={`${p}-remove`} onClick={() => set(value.rules.filter((_, k) => k !== i))}>
              ×
            </button>
          </div>
        );
      })}
      {depth === 0 && (
        <datalist id="cairn-context-fields">
          {CONTEXT_FIELDS.map((f) => (
            <option key={f} value={f} label={CONTEXT_WORDS[f]} />
          ))}
        </datalist>
      )}
      <span className="row">
        <select
          aria-label="add a condition"
          data-testid={`${path}-add`}
          value=""
          onChange={(e) => {
            const k = e.target.value;
            if (k === 'group') set([...value.rules, { op: value.op === 'and' ? 'or' : 'and', rules: [] }]);
            else if (k) set([...value.rules, NEW_RULE[k as SegmentRule['kind']]()]);
          }}
        >
          <option value="">+ add a condition…</option>
          {(Object.keys(NEW_RULE) as Array<SegmentRule['kind']>).map((k) => (
            <option key={k} value={k}>
              {KIND_WORDS[k]}
            </option>
          ))}
          <option value="group">a group (AND/OR)</option>
        </select>
      </span>
    </div>
  );
}

function Comparison({ operator, value, onChange, path }: { operator: Operator; value: unknown; onChange(op: Operator, v: unknown): void; path: string }) {
  return (
    <>
      <select aria-label="operator" data-testid={`${path}-operator`} value={operator} onChange={(e) => onChange(e.target.value as Operator, value)}>
        {OPERATORS.map((o) => (
          <option key={o} value={o}>
            {OPERATOR_WORDS[o]}
          </option>
        ))}
      </select>
      {operator !== 'exists' && operator !== 'notExists' && (
        <input aria-label="value" data-testid={`${path}-value`} defaultValue={showRuleValue(value)} placeholder="value" onChange={(e) => onChange(operator, parseRuleValue(e.target.value))} />
      )}
    </>
  );
}

/** Filters on the `context` an event was sent with: a field (picked from the usual ones or typed) and a comparison. */
function ContextFilters({ filters, onChange, path, min = 0 }: { filters: ContextFilter[]; onChange(f: ContextFilter[]): void; path: string; min?: number }) {
  return (
    <>
      {filters.map((f, i) => (
        <span className="row segment-context" key={i} data-testid={`${path}-context-${i}`}>
          <span className="muted">{i === 0 ? 'on' : 'and'}</span>
          <input aria-label="context field" data-testid={`${path}-context-${i}-field`} list="cairn-context-fields" value={f.field} placeholder="device.type" onChange={(e) => onChange(filters.map((x, k) => (k === i ? { ...x, field: e.target.value } : x)))} />
          <Comparison operator={f.operator} value={f.value} path={`${path}-context-${i}`} onChange={(operator, value) => onChange(filters.map((x, k) => (k === i ? { ...x, operator, value: value as typeof x.value } : x)))} />
          {filters.length > min && (
            <button className="link danger" aria-label="remove context filter" onClick={() => onChange(filters.filter((_, k) => k !== i))}>
              ×
            </button>
          )}
        </span>
      ))}
      <button className="link" data-testid={`${path}-add-context`} onClick={() => onChange([...filters, { kind: 'context', field: 'device.type', operator: 'eq', value: '' }])}>
        + device / channel / campaign filter
      </button>
    </>
  );
}

function Within({ within, onChange }: { within: { amount: number; unit: 'days' } | undefined; onChange(w: { amount: number; unit: 'days' } | undefined): void }) {
  return (
    <>
      <label>
        <input type="checkbox" checked={!!within} onChange={(e) => onChange(e.target.checked ? { amount: 30, unit: 'days' } : undefined)} />
        in the last
      </label>
      {within && (
        <>
          <input aria-label="days" type="number" className="num" min={1} value={within.amount} onChange={(e) => onChange({ amount: Math.max(1, Number(e.target.value)), unit: 'days' })} /> days
        </>
      )}
    </>
  );
}

function RuleEditor({ rule, onChange, segments, path }: { rule: SegmentRule; onChange(r: SegmentRule): void; segments: SegmentOption[]; path: string }) {
  const kind = <span className="segment-kind">{KIND_WORDS[rule.kind]}</span>;
  switch (rule.kind) {
    case 'attribute':
      return (
        <span className="row">
          {kind}
          <input aria-label="attribute" data-testid={`${path}-attribute`} list="cairn-attributes" value={rule.attribute} placeholder="attribute" onChange={(e) => onChange({ ...rule, attribute: e.target.value })} />
          <Comparison operator={rule.operator} value={rule.value} path={path} onChange={(operator, value) => onChange({ ...rule, operator, value: value as typeof rule.value })} />
        </span>
      );
    case 'event':
      return (
        <span className="row">
          {kind}
          <input aria-label="event name" data-testid={`${path}-event`} list="cairn-events" value={rule.event} placeholder="event name" onChange={(e) => onChange({ ...rule, event: e.target.value })} />
          <select aria-label="how many times" value={rule.count.operator} onChange={(e) => onChange({ ...rule, count: { ...rule.count, operator: e.target.value as 'gte' | 'lte' | 'eq' } })}>
            <option value="gte">at least</option>
            <option value="lte">at most</option>
            <option value="eq">exactly</option>
          </select>
          <input aria-label="times" type="number" className="num" min={0} data-testid={`${path}-count`} value={rule.count.value} onChange={(e) => onChange({ ...rule, count: { ...rule.count, value: Math.max(0, Number(e.target.value)) } })} />
          times
          <label>
            <input type="checkbox" checked={!!rule.within} onChange={(e) => {
              const { within: _w, ...rest } = rule;
              onChange(e.target.checked ? { ...rest, within: { amount: 30, unit: 'days' } } : rest);
            }} />
            in the last
          </label>
          {rule.within && (
            <>
              <input aria-label="days" type="number" className="num" min={1} value={rule.within.amount} onChange={(e) => onChange({ ...rule, within: { amount: Math.max(1, Number(e.target.value)), unit: 'days' } })} /> days
            </>
          )}
          {rule.where.map((w, i) => (
            <span className="row" key={i}>
              <span className="muted">where</span>
              <input aria-label="property" value={w.property} placeholder="property" onChange={(e) => onChange({ ...rule, where: rule.where.map((x, k) => (k === i ? { ...x, property: e.target.value } : x)) })} />
              <Comparison operator={w.operator} value={w.value} path={`${path}-where-${i}`} onChange={(operator, value) => onChange({ ...rule, where: rule.where.map((x, k) => (k === i ? { ...x, operator, value: value as typeof x.value } : x)) })} />
              <button className="link danger" aria-label="remove filter" onClick={() => onChange({ ...rule, where: rule.where.filter((_, k) => k !== i) })}>×</button>
            </span>
          ))}
          <button className="link" onClick={() => onChange({ ...rule, where: [...rule.where, { kind: 'property', property: '', operator: 'eq', value: '' }] })}>
            + property filter
          </button>
          <ContextFilters filters={rule.context ?? []} path={path} onChange={(context) => {
            const { context: _c, ...rest } = rule;
            onChange(context.length ? { ...rest, context } : rest);
          }} />
        </span>
      );
    case 'seen':
      return (
        <span className="row">
          <span className="segment-kind">seen</span>
          <span className="muted">sending any event</span>
          <ContextFilters filters={rule.context} path={path} min={1} onChange={(context) => onChange({ ...rule, context })} />
          <Within within={rule.within as { amount: number; unit: 'days' } | undefined} onChange={(w) => {
            const { within: _w, ...rest } = rule;
            onChange(w ? { ...rest, within: w } : rest);
          }} />
        </span>
      );
    case 'date':
      return (
        <span className="row">
          {kind}
          <input aria-label="date attribute" value={rule.attribute} onChange={(e) => onChange({ ...rule, attribute: e.target.value })} />
          <select aria-label="when" value={rule.when} onChange={(e) => onChange({ ...rule, when: e.target.value as typeof rule.when })}>
            <option value="inLast">in the last</option>
            <option value="inNext">in the next</option>
            <option value="moreThanAgo">more than … ago</option>
            <option value="anniversaryInNext">anniversary in the next</option>
          </select>
          <input aria-label="days" type="number" className="num" min={0} value={rule.days} onChange={(e) => onChange({ ...rule, days: Math.max(0, Number(e.target.value)) })} /> days
        </span>
      );
    case 'tag':
      return (
        <span className="row">
          <select aria-label="has tag" value={rule.has ? 'has' : 'not'} onChange={(e) => onChange({ ...rule, has: e.target.value === 'has' })}>
            <option value="has">has tag</option>
            <option value="not">has not tag</option>
          </select>
          <input aria-label="tag" data-testid={`${path}-tag`} value={rule.tag} placeholder="vip" onChange={(e) => onChange({ ...rule, tag: e.target.value })} />
        </span>
      );
    case 'consent':
      return (
        <span className="row">
          {kind}
          <input aria-label="topic" value={rule.topic} onChange={(e) => onChange({ ...rule, topic: e.target.value })} />
          on
          <input aria-label="channel" className="short" value={rule.channel} onChange={(e) => onChange({ ...rule, channel: e.target.value })} />
          is
          <select aria-label="consent status" value={rule.status} onChange={(e) => onChange({ ...rule, status: e.target.value as typeof rule.status })}>
            <option value="granted">granted</option>
            <option value="refused">refused</option>
            <option value="unknown">unknown</option>
          </select>
        </span>
      );
    case 'suppression':
      return (
        <span className="row">
          <select aria-label="suppressed or not" value={rule.suppressed ? 'yes' : 'no'} onChange={(e) => onChange({ ...rule, suppressed: e.target.value === 'yes' })}>
            <option value="yes">suppressed on</option>
            <option value="no">not suppressed on</option>
          </select>
          <input aria-label="channel" className="short" value={rule.channel} onChange={(e) => onChange({ ...rule, channel: e.target.value })} />
        </span>
      );
    case 'segment':
      return (
        <span className="row">
          <select aria-label="member or not" value={rule.member ? 'in' : 'out'} onChange={(e) => onChange({ ...rule, member: e.target.value === 'in' })}>
            <option value="in">in segment</option>
            <option value="out">not in segment</option>
          </select>
          <select aria-label="segment" value={rule.segmentId} onChange={(e) => onChange({ ...rule, segmentId: e.target.value })}>
            <option value="">choose…</option>
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </span>
      );
  }
}
