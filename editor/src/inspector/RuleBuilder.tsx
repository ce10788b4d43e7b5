/**
 * The rule builder: conditions on customer attributes, on the current event's properties and on
 * event history (count and recency), combined in nested AND/OR groups.
 */
import type { Operator, PropertyRule, Rule, RuleGroup, RuleValue } from '@cairn/core';
import { isGroup, OPERATOR_WORDS, Operator as OperatorSchema } from '@cairn/core';
import { fieldId, useForm } from './context.js';
import { DurationInput } from './FieldEditor.js';

const OPERATORS = OperatorSchema.options as Operator[];

/** Text → rule value: "a, b" is a list, numbers and true/false keep their type. */
export function parseRuleValue(text: string): RuleValue {
  const scalar = (t: string) => {
    const s = t.trim();
    if (s === 'true') return true;
    if (s === 'false') return false;
    if (s !== '' && Number.isFinite(Number(s))) return Number(s);
    return s;
  };
  return text.includes(',') ? text.split(',').map(scalar) : scalar(text);
}

export function showRuleValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  return Array.isArray(v) ? v.join(', ') : String(v);
}

export function RuleValueInput({ value, onChange, path }: { value: unknown; onChange(v: unknown): void; path: string }) {
  const { readOnly } = useForm();
  return (
    <input
      data-testid={fieldId(path)}
      defaultValue={showRuleValue(value)}
      key={showRuleValue(value)}
      disabled={readOnly}
      placeholder="value"
      onBlur={(e) => onChange(parseRuleValue(e.target.value))}
    />
  );
}

function Suggest({ id, names }: { id: string; names: readonly string[] }) {
  return (
    <datalist id={id}>
      {names.map((n) => (
        <option key={n} value={n} />
      ))}
    </datalist>
  );
}

/** subject + operator + value, shared by attribute and property rules. */
type Compared = Extract<Rule, { kind: 'attribute' | 'property' }>;

function Comparison({ rule, onChange, path }: { rule: Compared; onChange(r: Rule): void; path: string }) {
  const { readOnly } = useForm();
  return (
    <>
      <select aria-label="operator" data-testid={fieldId(`${path}.operator`)} value={rule.operator} disabled={readOnly} onChange={(e) => onChange({ ...rule, operator: e.target.value as Operator } as Compared)}>
        {OPERATORS.map((o) => (
          <option key={o} value={o}>
            {OPERATOR_WORDS[o]}
          </option>
        ))}
      </select>
      {rule.operator !== 'exists' && rule.operator !== 'notExists' && (
        <RuleValueInput value={rule.value} path={`${path}.value`} onChange={(v) => onChange({ ...rule, value: v as RuleValue } as Compared)} />
      )}
    </>
  );
}

function NameInput({ value, onChange, path, list, placeholder }: { value: string; onChange(v: string): void; path: string; list: string; placeholder: string }) {
  const { readOnly } = useForm();
  return <input data-testid={fieldId(path)} list={list} value={value} placeholder={placeholder} disabled={readOnly} onChange={(e) => onChange(e.target.value)} />;
}

const NEW_RULE: Record<Rule['kind'], () => Rule> = {
  attribute: () => ({ kind: 'attribute', attribute: '', operator: 'eq', value: '' }),
  property: () => ({ kind: 'property', property: '', operator: 'eq', value: '' }),
  event: () => ({ kind: 'event', event: '', count: { operator: 'gte', value: 1 }, where: [] }),
};

function RuleEditor({ rule, onChange, path }: { rule: Rule; onChange(r: Rule): void; path: string }) {
  const { readOnly } = useForm();
  const kind = (
    <select aria-label="condition on" data-testid={fieldId(`${path}.kind`)} value={rule.kind} disabled={readOnly} onChange={(e) => onChange(NEW_RULE[e.target.value as Rule['kind']]())}>
      <option value="attribute">attribute</option>
      <option value="property">event property</option>
      <option value="event">did event</option>
    </select>
  );
  if (rule.kind === 'attribute') {
    return (
      <span className="row rule">
        {kind}
        <NameInput path={`${path}.attribute`} list="cairn-attributes" placeholder="attribute" value={rule.attribute} onChange={(v) => onChange({ ...rule, attribute: v })} />
        <Comparison rule={rule} onChange={onChange} path={path} />
      </span>
    );
  }
  if (rule.kind === 'property') {
    return (
      <span className="row rule">
        {kind}
        <NameInput path={`${path}.property`} list="cairn-properties" placeholder="property" value={rule.property} onChange={(v) => onChange({ ...rule, property: v })} />
        <Comparison rule={rule} onChange={onChange} path={path} />
      </span>
    );
  }
  return (
    <div className="rule">
      <span className="row">
        {kind}
        <NameInput path={`${path}.event`} list="cairn-events" placeholder="event name" value={rule.event} onChange={(v) => onChange({ ...rule, event: v })} />
        <select
          aria-label="how many times"
          data-testid={fieldId(`${path}.count.operator`)}
          value={rule.count.operator}
          disabled={readOnly}
          onChange={(e) => onChange({ ...rule, count: { ...rule.count, operator: e.target.value as 'gte' | 'lte' | 'eq' } })}
        >
          <option value="gte">at least</option>
          <option value="lte">at most</option>
          <option value="eq">exactly</option>
        </select>
        <input
          type="number"
          className="num"
          min={0}
          data-testid={fieldId(`${path}.count.value`)}
          value={rule.count.value}
          disabled={readOnly}
          onChange={(e) => onChange({ ...rule, count: { ...rule.count, value: Number(e.target.value) } })}
        />
        times
      </span>
      <span className="row">
        <label>
          <input
            type="checkbox"
            checked={!!rule.within}
            disabled={readOnly}
            data-testid={fieldId(`${path}.within.$set`)}
            onChange={(e) => {
              const { within: _w, ...rest } = rule;
              onChange(e.target.checked ? { ...rest, within: { amount: 7, unit: 'days' } } : rest);
            }}
          />
          in the last
        </label>
        {rule.within && <DurationInput value={rule.within} path={`${path}.within`} onChange={(v) => onChange({ ...rule, within: v as typeof rule.within })} />}
      </span>
      <PropertyRulesEditor value={rule.where} path={`${path}.where`} onChange={(v) => onChange({ ...rule, where: v as PropertyRule[] })} />
    </div>
  );
}

/** A list of property conditions (event filters: "where plan is pro"). */
export function PropertyRulesEditor({ value, onChange, path }: { value: unknown; onChange(v: unknown): void; path: string }) {
  const { readOnly } = useForm();
  const rules = (Array.isArray(value) ? value : []) as PropertyRule[];
  return (
    <div className="rules" data-testid={fieldId(path)}>
      {rules.map((r, i) => (
        <div className="row" key={i}>
          <span className="muted">where</span>
          <RuleEditor rule={r} path={`${path}.${i}`} onChange={(nr) => onChange(rules.map((x, k) => (k === i ? nr : x)))} />
          {!readOnly && (
            <button className="link danger" onClick={() => onChange(rules.filter((_, k) => k !== i))}>
              ×
            </button>
          )}
        </div>
      ))}
      {!readOnly && (
        <button className="link" data-testid={fieldId(`${path}.$add`)} onClick={() => onChange([...rules, NEW_RULE.property()])}>
          + property condition
        </button>
      )}
    </div>
  );
}

export function RuleGroupEditor({ value, onChange, path, depth = 0 }: { value: unknown; onChange(v: unknown): void; path: string; depth?: number }) {
  const ctx = useForm();
  const group = (value ?? { op: 'and', rules: [] }) as RuleGroup;
  const setRules = (rules: RuleGroup['rules']) => onChange({ ...group, rules });
  return (
    <div className={`rule-group depth-${depth % 2}`} data-testid={fieldId(path)}>
      {depth === 0 && (
        <>
          <Suggest id="cairn-attributes" names={ctx.attributes} />
          <Suggest id="cairn-properties" names={ctx.properties} />
          <Suggest id="cairn-events" names={ctx.events} />
        </>
      )}
      <span className="row">
        <select aria-label="match all or any" data-testid={fieldId(`${path}.op`)} value={group.op} disabled={ctx.readOnly} onChange={(e) => onChange({ ...group, op: e.target.value })}>
          <option value="and">ALL of (AND)</option>
          <option value="or">ANY of (OR)</option>
        </select>
        {group.rules.length === 0 && <span className="muted">{group.op === 'and' ? 'matches everyone' : 'matches no one'}</span>}
      </span>
      {group.rules.map((r, i) => {
        const p = `${path}.rules.${i}`;
        const set = (nr: unknown) => setRules(group.rules.map((x, k) => (k === i ? (nr as Rule) : x)));
        return (
          <div className="row rule-line" key={i}>
            {isGroup(r) ? <RuleGroupEditor value={r} onChange={set} path={p} depth={depth + 1} /> : <RuleEditor rule={r} onChange={set} path={p} />}
            {!ctx.readOnly && (
              <button className="link danger" data-testid={fieldId(`${p}.$remove`)} onClick={() => setRules(group.rules.filter((_, k) => k !== i))}>
                ×
              </button>
            )}
          </div>
        );
      })}
      {!ctx.readOnly && (
        <span className="row">
          <button className="link" data-testid={fieldId(`${path}.$addAttribute`)} onClick={() => setRules([...group.rules, NEW_RULE.attribute()])}>
            + attribute
          </button>
          <button className="link" data-testid={fieldId(`${path}.$addEvent`)} onClick={() => setRules([...group.rules, NEW_RULE.event()])}>
            + event history
          </button>
          <button className="link" data-testid={fieldId(`${path}.$addProperty`)} onClick={() => setRules([...group.rules, NEW_RULE.property()])}>
            + event property
          </button>
          <button
            className="link"
            data-testid={fieldId(`${path}.$addGroup`)}
            onClick={() => setRules([...group.rules, { op: group.op === 'and' ? 'or' : 'and', rules: [] }])}
          >
            + group
          </button>
        </span>
      )}
    </div>
  );
}
