/**
 * The "Use template" form's values: what the inputs hold (numbers as typed text) and the values
 * sent to instantiate. A value that is not a number goes as typed, so the validator (not the
 * form) says what is wrong with it, under the parameter's own input.
 */
import type { TemplateParameter } from '@cairn/templates';

/** What the inputs hold: text for numbers so a bad value reaches the validator as typed. */
export type Draft = Record<string, unknown>;

export function initialDraft(params: readonly TemplateParameter[]): Draft {
  return Object.fromEntries(params.map((p) => [p.key, p.type === 'number' ? String(p.default) : structuredClone(p.default)]));
}

/** Numbers typed as text become numbers when they are numbers; anything else goes as typed. */
export function toValues(params: readonly TemplateParameter[], draft: Draft): Record<string, unknown> {
  return Object.fromEntries(
    params.map((p) => {
      const v = draft[p.key];
      if (p.type === 'number') return [p.key, typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v];
      if (p.type === 'duration') {
        const d = v as { amount: unknown; unit: string };
        const n = Number(d.amount);
        return [p.key, { amount: String(d.amount).trim() !== '' && !Number.isNaN(n) ? n : d.amount, unit: d.unit }];
      }
      return [p.key, v];
    }),
  );
}
