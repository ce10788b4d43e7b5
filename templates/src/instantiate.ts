/**
 * Turning a template into a marketer's journey: validate the parameters (errors name the
 * parameter), fill defaults, build, and parse the result with the engine's `Journey` schema.
 */
import type { z } from 'zod';
import type { Journey, SchemaProblem } from '@cairn/core';
import { Id, parseJourney } from '@cairn/core';
import { library } from './library/index.js';
import type { Template } from './define.js';
import { paramsSchema } from './params.js';

export type InstantiateResult = { ok: true; journey: Journey; params: Record<string, unknown> } | { ok: false; problems: SchemaProblem[] };

export interface InstantiateOptions {
  /** Id of the new journey (default: the template id). */
  journeyId?: string;
  /** Name of the new journey (default: the template title). */
  name?: string;
}

function problemsOf(error: z.ZodError, prefix = ''): SchemaProblem[] {
  return error.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    // Unknown keys have no path of their own: name them in the message.
    const message = i.code === 'unrecognized_keys' ? `unknown parameter ${i.keys.map((k) => `"${k}"`).join(', ')}` : i.message;
    return { path, message };
  });
}

/** "discountCode: must be 3-20 letters or digits" */
export function formatProblems(problems: readonly SchemaProblem[]): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n');
}

/** Validates a template's parameters and fills the defaults. */
export function resolveParams(template: Template, params: unknown): { ok: true; params: Record<string, unknown> } | { ok: false; problems: SchemaProblem[] } {
  const res = paramsSchema(template.parameters).safeParse(params ?? {});
  return res.success ? { ok: true, params: res.data } : { ok: false, problems: problemsOf(res.error) };
}

/**
 * Builds a journey from a template. Never throws: unknown template, bad parameters and a
 * journey the engine rejects all come back as problems.
 *
 * @example
 * const res = instantiateTemplate('abandoned-cart', { discountCode: 'SAVE10' }, { journeyId: 'cart-2026' });
 * if (!res.ok) console.log(formatProblems(res.problems));
 */
export function instantiateTemplate(id: string, params: unknown, opts: InstantiateOptions = {}): InstantiateResult {
  const template = library.find((t) => t.id === id);
  if (!template) return { ok: false, problems: [{ path: '', message: `there is no template "${id}"` }] };
  const problems: SchemaProblem[] = [];
  if (opts.journeyId !== undefined) {
    const idRes = Id.safeParse(opts.journeyId);
    if (!idRes.success) problems.push(...problemsOf(idRes.error, 'journeyId'));
  }
  const resolved = resolveParams(template, params);
  if (!resolved.ok) problems.push(...resolved.problems);
  if (!resolved.ok || problems.length) return { ok: false, problems };

  let built;
  try {
    built = template.build(resolved.params);
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `template "${id}" failed to build: ${(err as Error).message}` }] };
  }
  const parsed = parseJourney({
    ...built,
    id: opts.journeyId ?? built.id,
    name: opts.name ?? built.name,
  });
  return parsed.ok ? { ok: true, journey: parsed.journey, params: resolved.params } : parsed;
}
