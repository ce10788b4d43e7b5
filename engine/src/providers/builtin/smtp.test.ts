import { describe, expect, it } from 'vitest';
import { messageIdFor } from './smtp.js';

describe('messageIdFor', () => {
  it('is stable per key and readable', () => {
    const key = 'journey:welcome:customer:ada:entry:1:hello:1';
    expect(messageIdFor(key, 'cairn.local')).toBe(messageIdFor(key, 'cairn.local'));
    expect(messageIdFor(key, 'cairn.local')).toMatch(/^<journey\.welcome\.customer\.ada\.entry\.1\.hello\.1\.[0-9a-f]{16}@cairn\.local>$/);
  });

  it('keeps keys apart that fold to the same text', () => {
    const ids = ['a:b', 'a.b', 'a@b', 'a::b', 'a b'].map((c) => messageIdFor(`journey:j:customer:${c}:entry:1:n:1`, 'x.test'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is a valid dot-atom whatever the key', () => {
    for (const key of ['::', '..x..', 'é€ "quoted" <angle>', 'x'.repeat(400)]) {
      const [left] = messageIdFor(key, 'x.test').slice(1, -1).split('@');
      expect(left).toMatch(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/);
      expect(left!.length).toBeLessThanOrEqual(177);
    }
  });
});
