import { describe, expect, it } from 'vitest';
import { frameOf } from './Overview.js';
import { NODE_HEIGHT, NODE_WIDTH } from './size.js';

describe('minimap frame', () => {
  it('fits every step inside the 200×140 box', () => {
    const nodes = [{ position: { x: 0, y: 0 } }, { position: { x: 3000, y: 1200 } }, { position: { x: -500, y: 2600 } }];
    const f = frameOf(nodes);
    for (const n of nodes) {
      const x0 = (n.position.x - f.x) * f.scale;
      const y0 = (n.position.y - f.y) * f.scale;
      expect(x0).toBeGreaterThanOrEqual(0);
      expect(y0).toBeGreaterThanOrEqual(0);
      expect(x0 + NODE_WIDTH * f.scale).toBeLessThanOrEqual(200 + 1e-9);
      expect(y0 + NODE_HEIGHT * f.scale).toBeLessThanOrEqual(140 + 1e-9);
    }
  });
});
