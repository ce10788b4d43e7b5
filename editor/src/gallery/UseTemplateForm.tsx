/**
 * "Use template": a typed input per parameter, filled with its default. The values stay as typed
 * when the server refuses them; each refused parameter shows its message under its own input.
 */
import { useState } from 'react';
import { Channel } from '@cairn/core';
import type { TemplateParameter } from '@cairn/templates';
import type { ParamProblem } from './client.js';
import { ParamsRefused } from './client.js';
import { initialDraft, toValues, type Draft } from './values.js';

const UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;
const CHANNELS = Channel.options;

export interface UseTemplateFormProps {
  templateId: string;
  title: string;
  parameters: readonly TemplateParameter[];
  onSubmit(params: Record<string, unknown>, name: string): Promise<void>;
  onCancel(): void;
}

export function UseTemplateForm({ templateId, title, parameters, onSubmit, onCancel }: UseTemplateFormProps) {
  const [draft, setDraft] = useState<Draft>(() => initialDraft(parameters));
  const [name, setName] = useState(title);
  const [problems, setProblems] = useState<ParamProblem[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (key: string, v: unknown) => setDraft((d) => ({ ...d, [key]: v }));
  // A problem's field is the parameter key, or "key.amount" for a part of it.
  // When the parameter as a whole has a message ("must be at least 15 minutes"), it is the clear
  // one; the generic messages about its parts ("amount: Too small…") then add nothing.
  const problemOf = (key: string) => {
    const whole = problems.filter((p) => p.field === key);
    return whole.length ? whole : problems.filter((p) => p.field.startsWith(`${key}.`));
  };
  const general = problems.filter((p) => !parameters.some((x) => p.field === x.key || p.field.startsWith(`${x.key}.`)));

  const submit = async () => {
    setBusy(true);
    setProblems([]);
    setError('');
    try {
      await onSubmit(toValues(parameters, draft), name.trim() || title);
    } catch (err) {
      if (err instanceof ParamsRefused) setProblems(err.problems);
      else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="use-template"
      data-testid="use-template-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>Use “{title}”</h3>
      <label className="param">
        <span>Journey name</span>
        <input data-testid="use-template-name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      {parameters.map((p) => {
        const mine = problemOf(p.key);
        const v = draft[p.key];
        const tid = `param-${p.key}`;
        return (
          <div key={p.key} className={`param${mine.length ? ' invalid' : ''}`} data-testid={`${tid}-field`}>
            <label htmlFor={`${templateId}-${p.key}`}>{p.label}</label>
            {p.type === 'duration' && (
              <span className="duration">
                <input
                  id={`${templateId}-${p.key}`}
                  data-testid={tid}
                  type="number"
                  value={String((v as { amount: unknown }).amount)}
                  onChange={(e) => set(p.key, { ...(v as object), amount: e.target.value })}
                />
                <select
                  data-testid={`${tid}-unit`}
                  value={(v as { unit: string }).unit}
                  onChange={(e) => set(p.key, { ...(v as object), unit: e.target.value })}
                >
                  {UNITS.map((u) => (
                    <option key={u}>{u}</option>
                  ))}
                </select>
              </span>
            )}
            {p.type === 'number' && (
              <input id={`${templateId}-${p.key}`} data-testid={tid} inputMode="decimal" value={v as string} onChange={(e) => set(p.key, e.target.value)} />
            )}
            {p.type === 'string' && <input id={`${templateId}-${p.key}`} data-testid={tid} value={v as string} onChange={(e) => set(p.key, e.target.value)} />}
            {p.type === 'channel' && (
              <select id={`${templateId}-${p.key}`} data-testid={tid} value={v as string} onChange={(e) => set(p.key, e.target.value)}>
                {(p.options ?? CHANNELS).map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            )}
            {p.type === 'boolean' && (
              <input id={`${templateId}-${p.key}`} data-testid={tid} type="checkbox" checked={v as boolean} onChange={(e) => set(p.key, e.target.checked)} />
            )}
            <small className="muted">{p.description}</small>
            {mine.map((m, i) => (
              <small key={i} className="error" data-testid={`${tid}-error`}>
                {m.message}
              </small>
            ))}
          </div>
        );
      })}
      {(general.length > 0 || error) && (
        <div className="error" data-testid="use-template-error">
          {[...general.map((g) => g.message), error].filter(Boolean).join(' · ')}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" data-testid="use-template-submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create draft'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
