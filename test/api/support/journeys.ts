/** Journey drafts used by the API tests (plain JSON, as the editor sends them). */

/** Event trigger -> email -> exit, with configurable entry rules. */
export function welcome(id: string, entry: Record<string, unknown> = { mode: 'once' }) {
  return {
    id,
    name: `Welcome ${id}`,
    settings: { entry },
    nodes: [
      { id: 'signed-up', type: 'trigger.event', event: 'Signed Up' },
      { id: 'hello', type: 'action.email', subject: 'Hi {{ customer.firstName | default: "there" }}', body: 'Welcome!' },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'signed-up', target: 'hello' },
      { id: 'e2', source: 'hello', target: 'done' },
    ],
  };
}

/** Event trigger -> wait for "Order Completed" (1 day) -> email "thanks" | exit on timeout. */
export function waitsForOrder(id: string) {
  return {
    id,
    name: `Order ${id}`,
    nodes: [
      { id: 'cart', type: 'trigger.event', event: 'Cart Created' },
      { id: 'wait', type: 'wait.event', event: 'Order Completed', timeout: { amount: 1, unit: 'days' } },
      { id: 'thanks', type: 'action.email', subject: 'Thanks for order {{ event.properties.orderId }}', body: 'Thank you!' },
      { id: 'done', type: 'exit' },
      { id: 'gave-up', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'cart', target: 'wait' },
      { id: 'e2', source: 'wait', sourceHandle: 'event', target: 'thanks' },
      { id: 'e3', source: 'wait', sourceHandle: 'timeout', target: 'gave-up' },
      { id: 'e4', source: 'thanks', target: 'done' },
    ],
  };
}

/** Manual trigger -> wait 1 day -> email -> exit (customers stay waiting during a test). */
export function manualWithWait(id: string) {
  return {
    id,
    name: `Manual ${id}`,
    nodes: [
      { id: 'start', type: 'trigger.manual' },
      { id: 'wait', type: 'wait.delay', duration: { amount: 1, unit: 'days' } },
      { id: 'mail', type: 'action.email', subject: 'Later', body: 'Hello again' },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'wait' },
      { id: 'e2', source: 'wait', target: 'mail' },
      { id: 'e3', source: 'mail', target: 'done' },
    ],
  };
}

/** Attribute trigger (plan becomes "pro") -> email -> exit. */
export function upgraded(id: string) {
  return {
    id,
    name: `Upgrade ${id}`,
    nodes: [
      { id: 'pro', type: 'trigger.attribute', attribute: 'plan', to: { operator: 'eq', value: 'pro' } },
      { id: 'mail', type: 'action.email', subject: 'Welcome to Pro', body: 'Enjoy' },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'pro', target: 'mail' },
      { id: 'e2', source: 'mail', target: 'done' },
    ],
  };
}

/** Segment trigger (plan is "pro" and at least 2 "Logged In" events) -> email -> exit. */
export function proSegment(id: string, entry: Record<string, unknown> = { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 5 }) {
  return {
    id,
    name: `Segment ${id}`,
    settings: { entry },
    nodes: [
      {
        id: 'seg',
        type: 'trigger.segment',
        conditions: {
          op: 'and',
          rules: [
            { kind: 'attribute', attribute: 'plan', operator: 'eq', value: 'pro' },
            { kind: 'event', event: 'Logged In', count: { operator: 'gte', value: 2 } },
          ],
        },
      },
      { id: 'mail', type: 'action.email', subject: 'Power user', body: 'Hi' },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'seg', target: 'mail' },
      { id: 'e2', source: 'mail', target: 'done' },
    ],
  };
}
