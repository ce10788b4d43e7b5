import { describe, expect, it } from 'vitest';
import { parseJourney, type Journey } from '@cairn/core';
import { previewViewport, READABLE_ZOOM } from './TemplatePreview.js';

const chain = (rows: number): Journey => {
  const r = parseJourney({
    id: 'p',
    name: 'P',
    nodes: Array.from({ length: rows }, (_, i) => ({ id: `w${i}`, type: 'wait.delay', duration: { amount: 1, unit: 'days' }, position: { x: 100, y: 50 + i * 150 } })),
    edges: [],
  });
  if (!r.ok) throw new Error('fixture');
  return r.journey;
};

describe('previewViewport', () => {
  it('fits a small journey whole', () => {
    const v = previewViewport(chain(2), 700, 400);
    expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
  });

  it('opens a tall journey at a readable zoom, centred across, its first step at the top', () => {
    const v = previewViewport(chain(12), 700, 400);
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(50 * v.zoom + v.y).toBe(16);
    expect(100 * v.zoom + v.x + (220 * v.zoom) / 2).toBeCloseTo(350);
  });
});
