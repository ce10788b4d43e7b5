import { describe, expect, it } from 'vitest';
import { actionSecretOf, parseWorkerEnv, SettingsError } from './env.js';

const DB = 'postgresql://cairn@localhost:5432/cairn';

describe('parseWorkerEnv', () => {
  it('needs a database; the rest has defaults shared with the API', () => {
    expect(() => parseWorkerEnv({})).toThrow(/worker settings are not valid:\n {2}DATABASE_URL: is required/);
    const env = parseWorkerEnv({ DATABASE_URL: DB, SMTP_URL: '' });
    expect(env).toMatchObject({ TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'cairn-journeys', PORT: 3000, DATABASE_POOL_SIZE: 10 });
    expect(env.SMTP_URL).toBeUndefined();
  });

  it('names every bad setting, the common ones included', () => {
    let err: unknown;
    try {
      parseWorkerEnv({ DATABASE_URL: DB, UNSUBSCRIBE_SECRET: 'short', TEMPORAL_TLS_KEY: '/k.pem', CAIRN_PUBLIC_URL: 'not a url' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SettingsError);
    const text = (err as Error).message;
    expect(text).toMatch(/UNSUBSCRIBE_SECRET: UNSUBSCRIBE_SECRET must have at least 16 characters/);
    expect(text).toMatch(/CAIRN_PUBLIC_URL: CAIRN_PUBLIC_URL must be a URL/);
    expect(text).toMatch(/TEMPORAL_TLS_CERT: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together/);
  });

  it("reads custom actions' secrets once, CAIRN_SECRET_<NAME>", () => {
    const env = parseWorkerEnv({ DATABASE_URL: DB, CAIRN_SECRET_CRM: 'k1', CAIRN_SECRET_: 'nameless', CAIRN_SECRET_EMPTY: '' });
    expect(env.actionSecrets).toEqual({ CRM: 'k1' });
    const secret = actionSecretOf(env);
    expect(secret('crm')).toBe('k1');
    expect(secret('empty')).toBeUndefined();
  });
});
