/** One line under a node's title that says what it is set to ("Signed Up", "3 days", "Hello …"). */
import type { JourneyNode } from '@cairn/engine';
import { durationInWords } from '@cairn/engine';

const KEYS = ['event', 'subject', 'title', 'body', 'segmentName', 'attribute', 'tag', 'url', 'taskTitle', 'reason'] as const;

export function summarize(node: JourneyNode): string {
  const n = node as unknown as Record<string, unknown>;
  const d = n.duration as { amount?: number; unit?: string } | undefined;
  if (d && typeof d.amount === 'number') return durationInWords({ amount: d.amount, unit: d.unit ?? '' }).trim();
  if (typeof n.start === 'string' && typeof n.end === 'string') return `${n.start}–${n.end}`;
  for (const k of KEYS) {
    const v = n[k];
    if (typeof v === 'string' && v.trim()) return v.length > 48 ? `${v.slice(0, 47)}…` : v;
  }
  return '';
}
