/**
 * The activities of the journey workflow, built by a factory over their dependencies so tests
 * and the worker hand in real-but-local parts (database, providers, clock).
 */
import type { Db } from '@cairn/db';
import { webhookSecret as defaultSecret } from '../delivery/from-env.js';
import type { ProviderSource } from '../delivery/provider.js';
import { defaultLinkConfig, type LinkConfig } from '../policy/links.node.js';
import { runActionActivity } from './action.js';
import { broadcastActivities, type BroadcastActivities } from './broadcast.js';
import { customActionActivity } from './custom-action.js';
import { progressActivities } from './progress.js';
import { profileActivities } from './profile.js';
import { salesTaskActivities } from './sales-task.js';
import { sendMessageActivity } from './send.js';
import type { JourneyActivities } from './types.js';
import { withProgress } from './with-progress.js';

/**
 * What the worker's activities are built from: the database, the providers, a clock, and the settings
 * parsed once at start-up.
 */
export interface ActivityDeps {
  db: Db;
  /** Fixed providers, or the channels' `providers` (the Channels page's choices, read per send). */
  providers: ProviderSource;
  clock?: { now(): number };
  // Settings arrive from the launcher (parsed once at start-up); nothing here reads process.env.
  /** Signs webhook actions (X-Cairn-Signature): `webhookSecret(settings)`. Default: the development secret. */
  webhookSecret?: string;
  /**
   * Unsubscribe links of marketing email: `defaultLinkConfig(db, settings)`. Default: the same
   * with no settings (http://localhost:3000 and the unsubscribe secret kept in the database).
   */
  links?: () => Promise<LinkConfig>;
  /** Custom actions' HTTP and secrets (defaults: global fetch, no secrets; `actionSecretOf(settings)` for CAIRN_SECRET_<NAME>). */
  fetch?: typeof fetch;
  secret?: (name: string) => string | undefined;
}

/**
 * Every activity the journey and broadcast workflows schedule, bound to one set of dependencies (register
 * them on the worker).
 */
export function createActivities(deps: ActivityDeps): JourneyActivities & BroadcastActivities {
  const clock = deps.clock ?? { now: () => Date.now() };
  const profile = profileActivities({ db: deps.db });
  const delivery = { db: deps.db, providers: deps.providers, clock, links: deps.links ?? defaultLinkConfig(deps.db, {}) };
  const sales = salesTaskActivities({ db: deps.db, providers: deps.providers, clock, links: delivery.links });
  const runAction = withProgress(deps.db, runActionActivity({ ...delivery, webhookSecret: deps.webhookSecret ?? defaultSecret({}) }));
  return {
    // The send records the progress it carries inside its claim transaction; the other effects
    // record it just before their effect (withProgress).
    sendMessage: sendMessageActivity(delivery),
    // Broadcasts (workflow/broadcast-workflow.ts) send through the same delivery path.
    ...broadcastActivities(delivery),
    // Every built-in non-message action (engine/src/actions), and the same under the names runs
    // from before cairn-actions-contract scheduled.
    runAction,
    callWebhook: runAction,
    updateAttribute: runAction,
    tagCustomer: runAction,
    assignRep: runAction,
    runCustomAction: withProgress(deps.db, customActionActivity({ db: deps.db, ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.secret ? { secret: deps.secret } : {}) })),
    // A waiting sales task's timeout (docs/sales-handoff.md); the task is made by the assign action.
    escalateSalesTask: sales.escalateSalesTask,
    // Bookkeeping, run by the workflow as local activities.
    loadProfile: profile.loadProfile,
    ...progressActivities({ db: deps.db }),
  };
}

export type { JourneyActivities, ProgressInput, EnrolmentProgressStatus, EffectInput, SendInput, ActionInput, CustomActionInput } from './types.js';
export { EFFECT_MAX_ATTEMPTS } from './types.js';
export type { BroadcastActivities, BroadcastPass, BroadcastPlan } from './broadcast.js';
