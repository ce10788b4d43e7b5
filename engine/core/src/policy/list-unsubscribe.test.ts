import { describe, expect, it } from 'vitest';
import { isOneClickBody, listUnsubscribeHeaders, ONE_CLICK_BODY, unsubscribeUrl } from './list-unsubscribe.js';

describe('List-Unsubscribe headers (RFC 8058)', () => {
  it('builds both headers, https first then mailto', () => {
    expect(listUnsubscribeHeaders({ url: 'https://cairn.example/u/u1.abc.def', mailto: 'mailto:unsub@cairn.example?subject=u1.abc.def' })).toEqual({
      'List-Unsubscribe': '<https://cairn.example/u/u1.abc.def>, <mailto:unsub@cairn.example?subject=u1.abc.def>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });
  it('requires https, except for local development when allowed', () => {
    expect(() => listUnsubscribeHeaders({ url: 'http://cairn.example/u/x' })).toThrow(/https/);
    expect(() => listUnsubscribeHeaders({ url: 'http://localhost:3000/u/x' })).toThrow(/https/);
    expect(listUnsubscribeHeaders({ url: 'http://localhost:3000/u/x', allowLocalHttp: true })['List-Unsubscribe']).toBe('<http://localhost:3000/u/x>');
    expect(() => listUnsubscribeHeaders({ url: 'http://evil.example/u/x', allowLocalHttp: true })).toThrow(/https/);
    expect(() => listUnsubscribeHeaders({ url: 'not a url' })).toThrow(/not a URL/);
  });
  it('refuses characters that would break the header list', () => {
    expect(() => listUnsubscribeHeaders({ url: 'https://cairn.example/u/a,b' })).toThrow(/must not contain/);
    expect(() => listUnsubscribeHeaders({ url: 'https://cairn.example/u/x', mailto: 'mailto:a@b.c>, <https://evil' })).toThrow(/mailto/);
  });
  it('builds the link from a base URL', () => {
    expect(unsubscribeUrl('https://cairn.example/', 'u1.abc.def')).toBe('https://cairn.example/u/u1.abc.def');
    expect(unsubscribeUrl('https://cairn.example/base', 'u1.a_b-c.d')).toBe('https://cairn.example/base/u/u1.a_b-c.d');
  });
});

describe('isOneClickBody', () => {
  it('accepts the body as mail providers send it', () => {
    expect(isOneClickBody(ONE_CLICK_BODY)).toBe(true);
    expect(isOneClickBody('List-Unsubscribe=One-Click\r\n')).toBe(true);
    expect(isOneClickBody('foo=bar&List-Unsubscribe=One-Click')).toBe(true);
    expect(isOneClickBody({ 'List-Unsubscribe': 'One-Click' })).toBe(true);
  });
  it('refuses anything else', () => {
    expect(isOneClickBody('')).toBe(false);
    expect(isOneClickBody('List-Unsubscribe=one-click')).toBe(false);
    expect(isOneClickBody({ 'List-Unsubscribe': ['One-Click'] })).toBe(false);
  });
});
