import { describe, expect, it } from 'vitest';
import { parseApiEnv, SettingsError } from './env.js';

describe('parseApiEnv', () => {
  it('needs nothing: embedded defaults', () => {
    const env = parseApiEnv({});
    expect(env).toMatchObject({ PORT: 3000, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'cairn-journeys', CAIRN_WORKER: 'embedded' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(parseApiEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('names every bad setting', () => {
    let err: unknown;
    try {
      parseApiEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TEMPORAL_ADDRESS: 'nohost', TEMPORAL_TLS_CERT: '/c.pem' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SettingsError);
    const text = (err as Error).message;
    expect(text).toMatch(/PORT: PORT must be a port number/);
    expect(text).toMatch(/DATABASE_URL: DATABASE_URL must be a postgresql:\/\/ URL/);
    expect(text).toMatch(/TEMPORAL_ADDRESS: TEMPORAL_ADDRESS must look like host:7233/);
    expect(text).toMatch(/TEMPORAL_TLS_KEY: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together/);
  });

  it('shares the common settings with the worker (engine/src/worker/env.ts)', () => {
    expect(() => parseApiEnv({ UNSUBSCRIBE_SECRET: 'short' })).toThrow(/Cairn settings are not valid:\n {2}UNSUBSCRIBE_SECRET: UNSUBSCRIBE_SECRET must have at least 16 characters/);
    expect(() => parseApiEnv({ CAIRN_ADMIN_RESET: '1' })).toThrow(/CAIRN_ADMIN_RESET: needs CAIRN_ADMIN_PASSWORD/);
    expect(parseApiEnv({ CAIRN_SECRET_CRM: 'k1', CAIRN_ACTIONS: 'actions.ts' })).toMatchObject({ actionSecrets: { CRM: 'k1' }, CAIRN_ACTIONS: 'actions.ts' });
  });
});
