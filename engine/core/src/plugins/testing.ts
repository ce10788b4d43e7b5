/** A run context for unit tests of custom actions: real fetch, an in-memory unique store. */
import { renderScope, renderTemplate } from '../content/render.js';
import type { ActionRunContext } from './define-action.js';

export function testRunContext(over: Partial<ActionRunContext> = {}, claimed = new Map<string, string>()): ActionRunContext {
  const customer = over.customer ?? { id: 'c1', attributes: { firstName: 'Lan' } };
  const idempotencyKey = over.idempotencyKey ?? 'journey:j:customer:c1:entry:1:n1:1';
  return {
    customer,
    journey: { id: 'j', name: 'Journey' },
    nodeId: 'n1',
    idempotencyKey,
    attempt: 1,
    render: (t) => renderTemplate(t, renderScope(customer.id, customer.attributes)),
    fetch: globalThis.fetch,
    secret: () => undefined,
    // Same semantics as the database-backed store: free, or already held by this same step.
    claimUnique: async (ns, value) => {
      const key = `${ns}\u0000${value}`;
      const owner = claimed.get(key);
      if (owner && owner !== idempotencyKey) return false;
      claimed.set(key, idempotencyKey);
      return true;
    },
    log: () => {},
    ...over,
  };
}
