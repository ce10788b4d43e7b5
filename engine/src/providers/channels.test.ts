import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Db } from '@cairn/db';
import { createChannels } from './channels.js';
import { defineProvider } from './define-provider.js';
import { providerEnvShape, requiredEnv } from './env.js';
import { providerDefinition } from './registry.js';

/** No saved choices: the environment decides (saved choices are tested on the real stack, test/api/channels.test.ts). */
const noneSaved = { workspaceSetting: { findMany: async () => [] } } as unknown as Pick<Db, 'workspaceSetting'>;
const names = async (env: object) => {
  const p = await createChannels({ db: noneSaved, env, publicUrl: 'http://cairn.test' }).providers();
  return [p.email.name, p.sms.name, p.push.name, p.chat.name];
};
const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'x'.repeat(32), TWILIO_FROM: '+15005550006' };

describe('channels chosen by the environment', () => {
  it('logs everything by default', async () => {
    expect(await names({})).toEqual(['log', 'log', 'log', 'log']);
  });
  it('routes email to SMTP and the rest to the webhook when both are set', async () => {
    expect(await names({ SMTP_URL: 'smtp://localhost:2525', DELIVERY_WEBHOOK_URL: 'http://127.0.0.1:9/x' })).toEqual(['smtp', 'webhook', 'webhook', 'webhook']);
  });
  it('sends SMS through Twilio once its account, token and sender are set', async () => {
    expect(await names({ ...TWILIO, DELIVERY_WEBHOOK_URL: 'http://127.0.0.1:9/x' })).toEqual(['webhook', 'twilio', 'webhook', 'webhook']);
    // Without a sender Twilio cannot send: the channel stays on the next choice.
    expect(await names({ ...TWILIO, TWILIO_FROM: undefined })).toEqual(['log', 'log', 'log', 'log']);
  });
  it('describes each channel with its inbound URLs and what is missing', async () => {
    const states = await createChannels({ db: noneSaved, env: TWILIO, publicUrl: 'https://cairn.example/' }).describe();
    const sms = states.find((s) => s.channel === 'sms');
    expect(sms).toMatchObject({ provider: 'twilio', source: 'environment', configured: true, settings: { from: '+15005550006' } });
    expect(sms?.inboundUrls).toEqual({ status: 'https://cairn.example/v1/providers/twilio/status', incoming: 'https://cairn.example/v1/providers/twilio/incoming' });
    const email = states.find((s) => s.channel === 'email');
    expect(email?.options.find((o) => o.name === 'smtp')).toMatchObject({ configured: false, missingEnv: ['SMTP_URL'] });
  });
});

describe('provider declarations', () => {
  it('puts every built-in variable in the settings schema, optional', () => {
    const shape = providerEnvShape();
    expect(Object.keys(shape)).toEqual(expect.arrayContaining(['SMTP_URL', 'SMTP_FROM', 'DELIVERY_WEBHOOK_URL', 'WEBHOOK_SECRET', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_API_URL']));
    expect(z.object(shape).safeParse({}).success).toBe(true);
    expect(z.object(shape).safeParse({ TWILIO_ACCOUNT_SID: 'nope' }).error?.issues[0]?.message).toMatch(/TWILIO_ACCOUNT_SID must be/);
  });
  it('knows which variables a provider cannot do without', () => {
    expect(requiredEnv(providerDefinition('twilio')!)).toEqual(['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']);
    expect(requiredEnv(providerDefinition('log')!)).toEqual([]);
  });
  it('refuses a malformed declaration at start-up', () => {
    const base = { title: 'x', channels: ['sms'] as const, env: z.object({}), settings: z.object({}), create: () => ({ send: async () => ({}) }) };
    expect(() => defineProvider({ ...base, name: 'Bad Name' })).toThrow(/lower case/);
    expect(() => defineProvider({ ...base, name: 'x', env: z.object({ lower: z.string() }) })).toThrow(/upper-case/);
    expect(() => defineProvider({ ...base, name: 'x', channels: [] })).toThrow(/at least one channel/);
  });
});
