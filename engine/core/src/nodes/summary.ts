/**
 * A node's one line on the canvas, from its kind's `summary` (the kind owns what it is set to).
 * Kept apart from `kind-of.ts` so the editor asks one question per node: what does it say?
 */
import type { NodeSummary } from './define.js';
import { definitionOf } from './registry.js';

/** The kind's summary of this node; '' for kinds without one, unknown kinds and invalid (half-edited) nodes. */
export function summaryOf(node: { type: string }): NodeSummary {
  try {
    const def = definitionOf(node.type) as { summary?: (n: unknown) => NodeSummary; schema: { safeParse(n: unknown): { success: boolean; data?: unknown } } };
    if (!def.summary) return '';
    // The canvas holds nodes mid-edit: a summary is only said of a node its kind accepts (with
    // the schema's defaults filled in); an invalid one shows its problem badge instead.
    const parsed = def.schema.safeParse(node);
    return parsed.success ? def.summary(parsed.data) : '';
  } catch {
    return '';
  }
}

/** The summary as text, a message's line as its unrendered template (where no sample customer renders it). */
export function summaryTextOf(node: { type: string }): string {
  const s = summaryOf(node);
  return typeof s === 'string' ? s : s.liquid;
}
