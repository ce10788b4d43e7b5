import { describe, expect, it } from 'vitest';
import { hasScope, requireScope, scopeFor } from './scopes.js';

describe('API key scopes', () => {
  it('needs read for queries, write for mutations, publish for live changes, admin for people and keys', () => {
    expect(scopeFor('journeys.list', 'query')).toBe('read');
    expect(scopeFor('journeys.saveDraft', 'mutation')).toBe('write');
    expect(scopeFor('journeys.publish', 'mutation')).toBe('publish');
    expect(scopeFor('journeys.stop', 'mutation')).toBe('publish');
    expect(scopeFor('broadcasts.create', 'mutation')).toBe('write');
    expect(scopeFor('broadcasts.send', 'mutation')).toBe('publish');
    expect(scopeFor('users.list', 'query')).toBe('admin');
    expect(scopeFor('apiKeys.create', 'mutation')).toBe('admin');
    expect(scopeFor('auth.signIn', 'mutation')).toBeNull();
  });

  it('lets an admin key do everything a key may do, and names the missing scope', () => {
    expect(hasScope(['admin'], 'publish')).toBe(true);
    expect(hasScope(['read', 'write'], 'publish')).toBe(false);
    expect(() => requireScope({ scopes: ['read'] }, 'journeys.publish', 'mutation')).toThrow('this API key lacks the "publish" scope that journeys.publish needs');
    expect(() => requireScope({ scopes: ['admin'] }, 'auth.changePassword', 'mutation')).toThrow('auth.changePassword is not available to API keys');
    expect(() => requireScope({ scopes: ['read'] }, 'customers.get', 'query')).not.toThrow();
  });
});
