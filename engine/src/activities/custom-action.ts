/**
 * The activity behind every custom action (defineAction). It builds the action's context from
 * its dependencies, gates customer-contacting actions through the delivery policy, runs the
 * action, writes attributes it returns to the customer, and maps failures to the action's
 * failure output: at once for a PermanentActionError, after the last retry for anything else.
 */
import { Context } from '@temporalio/activity';
import type { Db } from '@cairn/db';
import { renderScope, renderTemplate } from '@cairn/core/internal/content/render';
import { claimContact, recordContact } from '../delivery/contact.js';
import { mergeAttributes } from '../customer/merge-attributes.js';
import { configOf, failureOutputOf } from '@cairn/core/internal/nodes/action/custom';
import type { EffectOutcome } from '@cairn/core/internal/nodes/define';
import { PermanentActionError, type ActionRunContext } from '@cairn/core/internal/plugins/define-action';
import { actionOf } from '@cairn/core/internal/plugins/registry';
import { EFFECT_MAX_ATTEMPTS, type CustomActionInput } from './types.js';
import { loadLiveCustomer } from '../customer/live.js';

export interface CustomActionDeps {
  db: Db;
  fetch?: typeof fetch;
  /** Secrets by name (the launcher passes `actionSecretOf(settings)`: CAIRN_SECRET_<NAME>); default: none. */
  secret?: (name: string) => string | undefined;
}

function attemptInfo(): { attempt: number } {
  try {
    return { attempt: Context.current().info.attempt };
  } catch {
    return { attempt: 1 }; // called directly (tests)
  }
}

export function customActionActivity(deps: CustomActionDeps) {
  const secret = deps.secret ?? (() => undefined);
  return async function runCustomAction(input: CustomActionInput): Promise<EffectOutcome> {
    const def = actionOf(input.node.action);
    if (!def) return { output: 'failure', status: 'failed', reason: `no custom action "${input.node.action}" is registered on this worker` };
    const failure = failureOutputOf(def);
    const { attempt } = attemptInfo();
    const last = attempt >= (def.retry?.maximumAttempts ?? EFFECT_MAX_ATTEMPTS);

    // Customer-contacting actions: nothing runs until the policy allowed it and the key is claimed.
    let messageId: string | undefined;
    if (def.contacts) {
      const claim = await claimContact(deps.db, {
        idempotencyKey: input.idempotencyKey,
        customerId: input.customerId,
        channel: def.contacts.channel,
        topic: def.contacts.topic,
        transactional: def.contacts.transactional ?? false,
        nodeId: input.node.id,
        action: def.type,
        journeyId: input.journey.id,
        workflowId: input.workflowId,
        ...(input.at !== undefined ? { now: Math.max(Date.now(), input.at) } : {}),
        ...(input.journeyTimeZone ? { journeyTimeZone: input.journeyTimeZone } : {}),
      });
      if (claim.kind === 'refused') return { output: failure, status: claim.status, reason: claim.reason };
      // The workflow sleeps until then and runs this step again under the same key.
      if (claim.kind === 'deferred') return { output: failure, status: 'deferred', reason: claim.reason, detail: { until: claim.until } };
      if (claim.kind === 'done') {
        return {
          output: claim.recorded?.output ?? failure,
          status: claim.status,
          reason: claim.reason,
          ...(claim.recorded?.attributes ? { attributes: claim.recorded.attributes } : {}),
          detail: { replayed: true },
        };
      }
      messageId = claim.messageId;
    }

    const customer = await loadLiveCustomer(deps.db, input.customerId);
    const attributes = (customer?.attributes ?? {}) as Record<string, unknown>;
    const ctx: ActionRunContext = {
      // The surviving id when the journey's customer was merged into another profile.
      customer: { id: customer?.id ?? input.customerId, attributes, ...(customer?.timeZone ? { timeZone: customer.timeZone } : {}) },
      ...(input.event ? { event: input.event } : {}),
      journey: input.journey,
      nodeId: input.node.id,
      idempotencyKey: input.idempotencyKey,
      attempt,
      render: (t) => renderTemplate(t, renderScope(ctx.customer.id, attributes, input.event, input.journey)),
      fetch: deps.fetch ?? globalThis.fetch,
      secret,
      claimUnique: async (namespace, value) => {
        await deps.db.$executeRaw`INSERT INTO "UniqueClaim" ("namespace", "value", "owner") VALUES (${namespace}, ${value}, ${input.idempotencyKey}) ON CONFLICT DO NOTHING`;
        const row = await deps.db.uniqueClaim.findUnique({ where: { namespace_value: { namespace, value } } });
        return row?.owner === input.idempotencyKey;
      },
      log: (message) => console.log(`[${def.type} ${input.idempotencyKey}] ${message}`),
    };

    let outcome: EffectOutcome;
    try {
      const r = await def.run(ctx, configOf(def, input.node) as never);
      if (!def.outputs.includes(r.output)) throw new PermanentActionError(`${def.type} returned output "${r.output}", which it does not declare`);
      outcome = {
        output: r.output,
        status: def.contacts ? 'sent' : 'done',
        reason: r.reason ?? `${def.title} done`,
        ...(r.attributes ? { attributes: r.attributes } : {}),
        ...(r.detail !== undefined ? { detail: r.detail } : {}),
      };
    } catch (err) {
      const permanent = err instanceof PermanentActionError;
      // Retryable: let Temporal try again, unless this was the last attempt it will make.
      if (!permanent && !last) throw err;
      outcome = { output: failure, status: 'failed', reason: `${permanent ? '' : `gave up after ${attempt} attempts: `}${(err as Error).message}` };
    }

    if (outcome.attributes && customer) {
      // Merged in SQL: the attributes read above may be stale by now (an identify, another journey).
      await mergeAttributes(deps.db, input.customerId, outcome.attributes);
    }
    if (messageId) {
      const recorded = { output: outcome.output, ...(outcome.attributes ? { attributes: outcome.attributes } : {}) };
      await recordContact(deps.db, messageId, outcome.status === 'failed' ? 'failed' : 'sent', outcome.reason ?? outcome.status, recorded);
    }
    return outcome;
  };
}
