/** Lists (branches, variants) and records (translations by locale, headers). */
import { useState } from 'react';
import type { FieldSpec } from './spec.js';
import { defaultFor } from './spec.js';
import { fieldId, useForm } from './context.js';
import { FieldEditor } from './FieldEditor.js';

type ArraySpec = Extract<FieldSpec, { kind: 'array' }>;
type RecordSpec = Extract<FieldSpec, { kind: 'record' }>;

/** A new list item; items with an `id` get one not yet used in the list ("branch_2"). */
export function newItem(spec: ArraySpec, items: readonly unknown[], path: string): unknown {
  const item = defaultFor(spec.itemSchema);
  if (spec.item.kind !== 'object' || !spec.item.fields.some((f) => f.key === 'id')) return item;
  const taken = new Set(items.map((i) => (i as { id?: string }).id));
  const stem = (path.split('.').pop() ?? 'item').replace(/s$/, '').replace(/[^A-Za-z0-9_-]/g, '') || 'item';
  let n = items.length + 1;
  while (taken.has(`${stem}_${n}`)) n++;
  const id = `${stem}_${n}`;
  const o = item as Record<string, unknown>;
  return { ...o, id, ...(spec.item.fields.some((f) => f.key === 'label') && !o.label ? { label: id } : {}) };
}

export function ArrayEditor({ spec, value, onChange, path }: { spec: ArraySpec; value: unknown; onChange(v: unknown): void; path: string }) {
  const { readOnly } = useForm();
  const items = Array.isArray(value) ? value : [];
  return (
    <div className="list" data-testid={fieldId(path)}>
      {items.map((item, i) => (
        <div className="list-item" key={i}>
          <FieldEditor spec={spec.item} value={item} path={`${path}.${i}`} onChange={(v) => onChange(items.map((x, k) => (k === i ? v : x)))} />
          {!readOnly && (
            <button className="link danger" data-testid={fieldId(`${path}.${i}.$remove`)} onClick={() => onChange(items.filter((_, k) => k !== i))}>
              remove
            </button>
          )}
        </div>
      ))}
      {!readOnly && (
        <button className="link" data-testid={fieldId(`${path}.$add`)} onClick={() => onChange([...items, newItem(spec, items, path)])}>
          + add
        </button>
      )}
    </div>
  );
}

export function RecordEditor({ spec, value, onChange, path }: { spec: RecordSpec; value: unknown; onChange(v: unknown): void; path: string }) {
  const { readOnly } = useForm();
  const [key, setKey] = useState('');
  const rec = (value ?? {}) as Record<string, unknown>;
  const isLocales = path.split('.').pop() === 'translations';
  return (
    <div className="record" data-testid={fieldId(path)}>
      {Object.entries(rec).map(([k, v]) => (
        <div className="record-entry" key={k}>
          <div className="record-key">
            <strong>{k}</strong>
            {!readOnly && (
              <button
                className="link danger"
                data-testid={fieldId(`${path}.${k}.$remove`)}
                onClick={() => {
                  const { [k]: _gone, ...rest } = rec;
                  onChange(rest);
                }}
              >
                remove
              </button>
            )}
          </div>
          <FieldEditor spec={spec.value} value={v} path={`${path}.${k}`} onChange={(nv) => onChange({ ...rec, [k]: nv })} />
        </div>
      ))}
      {!readOnly && (
        <span className="row">
          <input
            placeholder={isLocales ? 'locale, e.g. vi' : 'name'}
            data-testid={fieldId(`${path}.$key`)}
            value={key}
            onChange={(e) => setKey(e.target.value.trim())}
          />
          <button
            className="link"
            data-testid={fieldId(`${path}.$add`)}
            disabled={!key || key in rec}
            onClick={() => {
              onChange({ ...rec, [key]: defaultFor(spec.valueSchema) });
              setKey('');
            }}
          >
            + add {isLocales ? 'translation' : ''}
          </button>
        </span>
      )}
    </div>
  );
}
