/**
 * A Liquid message field: the text, a picker that inserts a known variable at the cursor, and a
 * live preview rendered for the sample customer (for an SMS body: its encoding and parts).
 */
import { useRef } from 'react';
import { smsSegments } from '@cairn/core';
import { fieldId, labelId, useForm } from './context.js';
import { lazyModule, useLazyModule } from '../state/lazy.js';

const previewModule = lazyModule(() => import('./preview.js'));

export function MessageField({ value, onChange, path, multiline }: { value: string; onChange(v: string): void; path: string; multiline: boolean }) {
  const ctx = useForm();
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const renderer = useLazyModule(previewModule);
  const preview = renderer ? renderer.renderPreview(value, ctx.journey, ctx.sample) : undefined;
  const insert = (variable: string) => {
    const el = ref.current;
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    const tag = `{{ ${variable} }}`;
    onChange(value.slice(0, at) + tag + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + tag.length, at + tag.length);
    });
  };
  const common = {
    ref,
    'data-testid': fieldId(path),
    'aria-labelledby': labelId(path),
    value,
    disabled: ctx.readOnly,
    onChange: (e: React.ChangeEvent<HTMLTextAreaElement | HTMLInputElement>) => onChange(e.target.value),
  };
  return (
    <div className="message">
      {multiline ? <textarea rows={5} {...common} /> : <input {...common} />}
      {!ctx.readOnly && (
        <select className="insert-var" aria-label="Insert variable" data-testid={fieldId(`${path}.$insert`)} value="" onChange={(e) => e.target.value && insert(e.target.value)}>
          <option value="">Insert variable…</option>
          {ctx.variables.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      )}
      <div className={!preview || preview.ok ? 'preview' : 'preview error'} data-testid={fieldId(`${path}.$preview`)}>
        {!preview ? <span className="muted">…</span> : preview.ok ? preview.text || <span className="muted">(empty)</span> : `Template error: ${preview.error}`}
      </div>
      {ctx.channel === 'sms' && /(^|\.)body$/.test(path) && preview?.ok && <SmsParts text={preview.text} path={path} />}
    </div>
  );
}

/** "38 characters · UCS-2 (because of "đ") · 1 part, 32 left": what the carrier will bill. */
function SmsParts({ text, path }: { text: string; path: string }) {
  const s = smsSegments(text);
  const why = s.firstUnicode ? ` (because of “${s.firstUnicode}”)` : '';
  return (
    <div className={`sms-parts${s.segments > 1 ? ' many' : ''}`} data-testid={fieldId(`${path}.$sms`)}>
      {s.characters} characters · {s.encoding}
      {why} · {s.segments} {s.segments === 1 ? 'part' : 'parts'}, {s.remaining} left
    </div>
  );
}
