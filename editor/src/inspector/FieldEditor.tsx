/**
 * One form field for one schema spec. Objects, lists, records and unions recurse; shared value
 * types (durations, days, times, rules) have their own widgets.
 */
import { SegmentPicker } from '../segments/SegmentPicker.js';
import type { ReactNode } from 'react';
import type { FieldDef, FieldSpec } from './spec.js';
import { defaultFor } from './spec.js';
import { fieldId, labelId, useForm } from './context.js';
import { ArrayEditor, RecordEditor } from './ListEditors.js';
import { MessageField } from './MessageField.js';
import { PropertyRulesEditor, RuleGroupEditor, RuleValueInput } from './RuleBuilder.js';
import { TIME_ZONE_LIST_ID, TOPIC_LIST_ID } from './options.js';

/** Fields answered from a known list (a <datalist> the inspector renders once): by the field's own name. */
const SUGGESTED: Record<string, string> = { timeZone: TIME_ZONE_LIST_ID, topic: TOPIC_LIST_ID };

export interface FieldProps {
  spec: FieldSpec;
  value: unknown;
  onChange(v: unknown): void;
  path: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const UNITS = ['minutes', 'hours', 'days', 'weeks'];

export function DurationInput({ value, onChange, path }: Omit<FieldProps, 'spec'>) {
  const { readOnly } = useForm();
  const d = (value ?? { amount: 1, unit: 'days' }) as { amount: number; unit: string };
  return (
    <span className="row">
      <input
        type="number"
        min={0}
        className="num"
        data-testid={fieldId(`${path}.amount`)}
        aria-labelledby={labelId(path)}
        aria-label="amount"
        value={Number.isFinite(d.amount) ? d.amount : ''}
        disabled={readOnly}
        onChange={(e) => onChange({ ...d, amount: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
      />
      <select data-testid={fieldId(`${path}.unit`)} aria-label="unit" value={d.unit} disabled={readOnly} onChange={(e) => onChange({ ...d, unit: e.target.value })}>
        {UNITS.map((u) => (
          <option key={u}>{u}</option>
        ))}
      </select>
    </span>
  );
}

export function FieldEditor({ spec, value, onChange, path }: FieldProps): ReactNode {
  const ctx = useForm();
  const ro = ctx.readOnly;
  const tid = fieldId(path);
  // The field's label names it; inside lists (no label of its own) the last path segment does.
  const named = { 'aria-labelledby': labelId(path), 'aria-label': path.split('.').pop() };
  switch (spec.kind) {
    case 'text':
      if (ctx.templates.has(path)) return <MessageField value={String(value ?? '')} onChange={onChange} path={path} multiline={spec.multiline} />;
      return spec.multiline ? (
        <textarea data-testid={tid} {...named} value={String(value ?? '')} disabled={ro} rows={4} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          data-testid={tid}
          {...named}
          list={SUGGESTED[path.split('.').pop() ?? '']}
          type={spec.format === 'email' ? 'email' : spec.format === 'url' ? 'url' : 'text'}
          value={String(value ?? '')}
          disabled={ro}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'time':
      return <input type="time" data-testid={tid} {...named} value={String(value ?? '')} disabled={ro} onChange={(e) => onChange(e.target.value)} />;
    case 'number':
      return (
        <input
          type="number"
          className="num"
          data-testid={tid}
          {...named}
          min={spec.min}
          max={spec.max}
          step={spec.int ? 1 : 'any'}
          value={typeof value === 'number' && Number.isFinite(value) ? value : ''}
          disabled={ro}
          onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        />
      );
    case 'boolean':
      return <input type="checkbox" data-testid={tid} {...named} checked={value === true} disabled={ro} onChange={(e) => onChange(e.target.checked)} />;
    case 'enum':
      return (
        <select data-testid={tid} {...named} value={String(value ?? '')} disabled={ro} onChange={(e) => onChange(e.target.value)}>
          {spec.options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      );
    case 'literal':
      return <code>{String(spec.value)}</code>;
    case 'duration':
      return <DurationInput value={value} onChange={onChange} path={path} />;
    case 'days': {
      const days = new Set(Array.isArray(value) ? (value as number[]) : []);
      return (
        <span className="row days" data-testid={tid}>
          {DAYS.map((label, i) => (
            <label key={label} className="day">
              <input
                type="checkbox"
                data-testid={fieldId(`${path}.${i}`)}
                checked={days.has(i)}
                disabled={ro}
                onChange={(e) => {
                  const next = new Set(days);
                  if (e.target.checked) next.add(i);
                  else next.delete(i);
                  onChange([...next].sort());
                }}
              />
              {label}
            </label>
          ))}
        </span>
      );
    }
    case 'ruleGroup':
      return <RuleGroupEditor value={value} onChange={onChange} path={path} />;
    case 'propertyRules':
      return <PropertyRulesEditor value={value} onChange={onChange} path={path} />;
    case 'ruleValue':
      return <RuleValueInput value={value} onChange={onChange} path={path} />;
    case 'object':
      return <ObjectEditor fields={spec.fields} value={value} onChange={onChange} path={path} />;
    case 'array':
      return <ArrayEditor spec={spec} value={value} onChange={onChange} path={path} />;
    case 'record':
      return <RecordEditor spec={spec} value={value} onChange={onChange} path={path} />;
    case 'union': {
      const obj = (value ?? {}) as Record<string, unknown>;
      const current = spec.options.find((o) => o.value === obj[spec.discriminator]) ?? spec.options[0];
      const fields = current?.spec.kind === 'object' ? current.spec.fields.filter((f) => f.key !== spec.discriminator) : [];
      return (
        <div className="union">
          <select
            data-testid={fieldId(`${path}.${spec.discriminator}`)}
            aria-labelledby={labelId(path)}
            value={current?.value}
            disabled={ro}
            onChange={(e) => {
              const opt = spec.options.find((o) => o.value === e.target.value);
              if (opt) onChange(defaultFor(opt.schema));
            }}
          >
            {spec.options.map((o) => (
              <option key={o.value}>{o.value}</option>
            ))}
          </select>
          <ObjectEditor fields={fields} value={obj} onChange={onChange} path={path} />
        </div>
      );
    }
    case 'json':
      return <JsonField value={value} onChange={onChange} path={path} />;
  }
}

function JsonField({ value, onChange, path }: Omit<FieldProps, 'spec'>) {
  const { readOnly } = useForm();
  return (
    <textarea
      data-testid={fieldId(path)}
      aria-labelledby={labelId(path)}
      defaultValue={JSON.stringify(value ?? null, null, 2)}
      disabled={readOnly}
      onBlur={(e) => {
        try {
          onChange(JSON.parse(e.target.value));
        } catch {
          /* keep the text; the value changes once it parses */
        }
      }}
    />
  );
}

/**
 * The fields of an object. Optional text fields are plain inputs (empty means unset); other
 * optional fields get a checkbox that adds the field with a default value or removes it.
 */
export function ObjectEditor({ fields, value, onChange, path }: { fields: FieldDef[]; value: unknown; onChange(v: unknown): void; path: string }) {
  const { readOnly } = useForm();
  const obj = (value ?? {}) as Record<string, unknown>;
  const set = (key: string, v: unknown) => {
    const next = { ...obj };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(next);
  };
  return (
    <div className="fields">
      {fields.map((f) => {
        const p = path ? `${path}.${f.key}` : f.key;
        // Steps that use a saved segment: one picker sets the id and the name shown on the canvas.
        const segmentStep = fields.some((x) => x.key === 'segmentId') && fields.some((x) => x.key === 'segmentName');
        if (segmentStep && f.key === 'segmentName') return null;
        if (segmentStep && f.key === 'segmentId') {
          return (
            <div key={f.key} className="field field-text">
              <label className="field-label" id={labelId(p)}>
                Segment
              </label>
              <SegmentPicker id={String(obj.segmentId ?? '')} disabled={readOnly} labelledBy={labelId(p)} testId={fieldId(p)} onChange={(id, name) => onChange({ ...obj, segmentId: id, ...(name ? { segmentName: name } : {}) })} />
            </div>
          );
        }
        const present = obj[f.key] !== undefined;
        const toggle = f.optional && f.spec.kind !== 'text';
        return (
          <div key={f.key} className={`field field-${f.spec.kind}`}>
            <label className="field-label" id={labelId(p)}>
              {toggle && (
                <input
                  type="checkbox"
                  data-testid={fieldId(`${p}.$set`)}
                  checked={present}
                  disabled={readOnly}
                  onChange={(e) => set(f.key, e.target.checked ? defaultFor(f.schema) : undefined)}
                />
              )}
              {f.label}
              {f.optional && <span className="opt"> (optional)</span>}
            </label>
            {f.hint && (
              <p className="hint" id={`${labelId(p)}-hint`} data-testid={`${fieldId(p)}-hint`}>
                {f.hint}
              </p>
            )}
            {(!toggle || present) && (
              <FieldEditor
                spec={f.spec}
                value={obj[f.key]}
                path={p}
                onChange={(v) => set(f.key, f.optional && f.spec.kind === 'text' && v === '' ? undefined : v)}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}
