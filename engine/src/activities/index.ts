/**
 * The activities of the journey workflow, built by a factory over their dependencies so tests
 * and the worker hand in real-but-local parts (database, providers, clock).
 */
import type { Db } from '@cairn/db';
import { webhookSecret as defaultSecret } from '../delivery/from-env.js';
import type { Providers } from '../delivery/provider.js';
import { progressActivities } from './progress.js';
import { profileActivities } from './profile.js';
import { sendMessageActivity } from './send.js';
import type { JourneyActivities } from './types.js';
import { callWebhookActivity } from './webhook.js';

export interface ActivityDeps {
  db: Db;
  providers: Providers;
  clock?: { now(): number };
  /** Signs webhook actions (X-Cairn-Signature). Default: WEBHOOK_SECRET or a development secret. */
  webhookSecret?: string;
}

export function createActivities(deps: ActivityDeps): JourneyActivities {
  const clock = deps.clock ?? { now: () => Date.now() };
  return {
    sendMessage: sendMessageActivity({ db: deps.db, providers: deps.providers, clock }),
    callWebhook: callWebhookActivity({ db: deps.db, webhookSecret: deps.webhookSecret ?? defaultSecret(process.env) }),
    ...profileActivities({ db: deps.db, clock }),
    ...progressActivities({ db: deps.db }),
  };
}

export type { JourneyActivities, ProgressInput, EnrolmentProgressStatus, EffectInput, SendInput, WebhookInput } from './types.js';
export { EFFECT_MAX_ATTEMPTS } from './types.js';
