/**
 * The line under a node's title that says what it is set to ("“Signed Up”", "3 days", "Hello
 * Lan, your order…"). The kind owns the words (`summary` in its definition); a message's first
 * line is a Liquid template, rendered here for the editor's sample customer once the Liquid
 * engine has loaded (until then, and when it does not render, the template itself shows).
 */
import { createContext, useContext, useMemo } from 'react';
import type { JourneyNode } from '@cairn/core';
import { summaryOf } from '@cairn/core';
import { DEFAULT_SAMPLE } from '../inspector/variables.js';
import { lazyModule, useLazyModule } from '../state/lazy.js';

/** Longest summary drawn on a node; the node is a fixed size. */
const MAX = 48;

/** The sample customer (attributes, `$event`) and journey the canvas renders message lines for. */
export interface SummarySample {
  attributes: Record<string, unknown>;
  journey: { id: string; name: string };
}

/** Outside the editor (the gallery's previews) the default sample customer reads the lines. */
export const SummarySampleContext = createContext<SummarySample>({ attributes: DEFAULT_SAMPLE, journey: { id: '', name: '' } });

const previewModule = lazyModule(() => import('../inspector/preview.js'));

const clip = (text: string): string => (text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text);

/**
 * The node's summary as drawn; '' while `show` is false (far zoom, or a label takes its place):
 * then neither the summary (a schema parse per node, the costliest part of drawing a big
 * journey's nodes) is worked out nor the Liquid engine loaded.
 */
export function useSummary(node: JourneyNode, show: boolean): string {
  const summary = useMemo(() => (show ? summaryOf(node) : ''), [node, show]);
  const sample = useContext(SummarySampleContext);
  const liquid = typeof summary === 'string' ? undefined : summary.liquid;
  const renderer = useLazyModule(previewModule, show && liquid !== undefined);
  return useMemo(() => {
    if (liquid === undefined) return clip(summary as string);
    if (!renderer) return clip(liquid);
    const rendered = renderer.renderPreview(liquid, sample.journey, sample.attributes);
    // The first line only: a rendered template may bring its own line breaks.
    return clip(rendered.ok ? (rendered.text.split('\n').find((l) => l.trim()) ?? '').trim() : liquid);
  }, [summary, liquid, renderer, sample]);
}
