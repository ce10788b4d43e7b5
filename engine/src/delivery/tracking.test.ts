import { describe, expect, it } from 'vitest';
import { trackEmail, trackingToken, verifyTrackingToken } from './tracking.js';

describe('email tracking', () => {
  const html = '<html><body><a href="https://shop.example/a?x=1&amp;y=2">A</a> <a class="b" href="http://shop.example/b">B</a> <a href="https://cairn.test/u/tok">Unsubscribe</a> <a href="mailto:x@y">M</a></body></html>';

  it('routes http(s) links but the skipped ones through Cairn, and adds the pixel', () => {
    const out = trackEmail(html, { baseUrl: 'https://cairn.test/', secret: 's'.repeat(32), messageId: 'msg1', skip: ['https://cairn.test/u/tok'] });
    expect(out.links).toEqual(['https://shop.example/a?x=1&y=2', 'http://shop.example/b']);
    expect(out.html).toContain(`<a href="https://cairn.test/v1/t/c/${trackingToken('s'.repeat(32), 'msg1', 0)}">A</a>`);
    expect(out.html).toContain(`<a class="b" href="https://cairn.test/v1/t/c/${trackingToken('s'.repeat(32), 'msg1', 1)}">B</a>`);
    expect(out.html).toContain('href="https://cairn.test/u/tok"');
    expect(out.html).toContain('href="mailto:x@y"');
    expect(out.html).toMatch(/<img src="https:\/\/cairn\.test\/v1\/t\/o\/msg1\.o\.[\w-]{22}"[^>]*\/><\/body>/);
  });

  it('verifies tokens under any current secret, and nothing else', () => {
    const token = trackingToken('old-secret-old-secret', 'msg1', 3);
    expect(verifyTrackingToken(['new-secret-new-secret', 'old-secret-old-secret'], token)).toEqual({ messageId: 'msg1', what: 3 });
    expect(verifyTrackingToken(['new-secret-new-secret'], token)).toBeUndefined();
    expect(verifyTrackingToken(['old-secret-old-secret'], token.replace('.3.', '.4.'))).toBeUndefined();
    expect(verifyTrackingToken(['old-secret-old-secret'], 'https://evil.example')).toBeUndefined();
    expect(verifyTrackingToken(['k'], trackingToken('k', 'm', 'o'))).toEqual({ messageId: 'm', what: 'o' });
  });
});
