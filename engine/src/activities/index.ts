/**
 * The activities of the journey workflow, built by a factory over their dependencies so tests
 * and the worker hand in real-but-local parts (database, providers, clock).
 */
import type { Db } from '@cairn/db';
import { webhookSecret as defaultSecret } from '../delivery/from-env.js';
import type { Providers } from '../delivery/provider.js';
import { defaultLinkConfig, type LinkConfig } from '../policy/links.node.js';
import { customActionActivity } from './custom-action.js';
import { progressActivities } from './progress.js';
import { profileActivities } from './profile.js';
import { sendMessageActivity } from './send.js';
import type { JourneyActivities } from './types.js';
import { callWebhookActivity } from './webhook.js';
import { withProgress } from './with-progress.js';

export interface ActivityDeps {
  db: Db;
  providers: Providers;
  clock?: { now(): number };
  /** Signs webhook actions (X-Cairn-Signature). Default: WEBHOOK_SECRET or a development secret. */
  webhookSecret?: string;
  /**
   * Unsubscribe links of marketing email. Default: CAIRN_PUBLIC_URL (else http://localhost:PORT)
   * and the workspace's unsubscribe secret (UNSUBSCRIBE_SECRET, else one kept in the database).
   */
  links?: () => Promise<LinkConfig>;
  /** Custom actions' HTTP and secrets (defaults: global fetch, CAIRN_SECRET_<NAME> variables). */
  fetch?: typeof fetch;
  secret?: (name: string) => string | undefined;
}

export function createActivities(deps: ActivityDeps): JourneyActivities {
  const clock = deps.clock ?? { now: () => Date.now() };
  const profile = profileActivities({ db: deps.db, clock });
  return {
    // The send records the progress it carries inside its claim transaction; the other effects
    // record it just before their effect (withProgress).
    sendMessage: sendMessageActivity({ db: deps.db, providers: deps.providers, clock, links: deps.links ?? defaultLinkConfig(deps.db, process.env) }),
    callWebhook: withProgress(deps.db, callWebhookActivity({ db: deps.db, webhookSecret: deps.webhookSecret ?? defaultSecret(process.env) })),
    runCustomAction: withProgress(deps.db, customActionActivity({ db: deps.db, ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.secret ? { secret: deps.secret } : {}) })),
    updateAttribute: withProgress(deps.db, profile.updateAttribute),
    tagCustomer: withProgress(deps.db, profile.tagCustomer),
    assignRep: withProgress(deps.db, profile.assignRep),
    // Bookkeeping, run by the workflow as local activities.
    loadProfile: profile.loadProfile,
    ...progressActivities({ db: deps.db }),
  };
}

export type { JourneyActivities, ProgressInput, EnrolmentProgressStatus, EffectInput, SendInput, WebhookInput, CustomActionInput } from './types.js';
export { EFFECT_MAX_ATTEMPTS } from './types.js';
