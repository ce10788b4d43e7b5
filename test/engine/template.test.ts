/**
 * A gallery template end to end on a real Temporal (time-skipping) server with the real journey
 * workflow and real activities on PostgreSQL: "abandoned-cart" instantiated with changed
 * parameters, published, entered by cart events; the messages recorded in the database (rendered
 * with the marketer's discount code, in the customer's language) and the exit of each branch.
 */
import { instantiateTemplate, formatProblems } from '@cairn/templates';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCustomer, enrol, publish, type Published } from './support/fixtures.js';
import { finished, freshServerPerTest, harness, skipToEnd, statusOf, until, type Harness } from './support/harness.js';

const HOUR = 3_600_000;
let h: Harness;
let cart: Published;

beforeAll(async () => {
  h = await harness();
  const res = instantiateTemplate(
    'abandoned-cart',
    { discountCode: 'SPRING25', firstReminderAfter: '3 hours', discountFrom: 80 },
    { journeyId: 'cart-from-template', name: 'Spring carts' },
  );
  if (!res.ok) throw new Error(formatProblems(res.problems));
  cart = await publish(h.db, res.journey);
}, 180_000);

freshServerPerTest(() => h);

afterAll(async () => h?.teardown());

const now = () => h.ts.env.currentTimeMs();
const messages = (customerId: string) => h.db.message.findMany({ where: { customerId }, orderBy: { createdAt: 'asc' } });
const sent = async (customerId: string) => (await messages(customerId)).map((m) => `${m.nodeId}:${m.channel}:${m.status}`);

async function enterCart(id: string, attributes: Record<string, unknown>, cartTotal: number): Promise<WorkflowHandle> {
  // pushToken: the address the push channel delivers to (the last call and the small-cart push).
  await addCustomer(h.db, { id, attributes: { pushToken: `token-${id}`, ...attributes } });
  const event = { name: 'Cart Updated', at: await now(), properties: { cartTotal, cartUrl: `https://shop.test/cart/${id}` } };
  return enrol(h.client, cart, { id, attributes }, { taskQueue: h.taskQueue, event });
}

describe('template "abandoned-cart" on Temporal with real activities', () => {
  it('a big cart never ordered: reminder after 3 hours, discount with the chosen code, last call, completed', async () => {
    const handle = await enterCart('big-cart', { firstName: 'Lan' }, 120);
    const waiting = await until(() => statusOf(handle), (s) => s.node === 'wait-order' && s.status === 'waiting' && s.idle);
    // The marketer's "3 hours" is the wait's timeout (the template default is 1 hour).
    expect(waiting.deadline! - (await now())).toBeGreaterThan(2.9 * HOUR);
    expect(waiting.deadline! - (await now())).toBeLessThanOrEqual(3 * HOUR);
    const result = await skipToEnd<{ status: string; exit: { reason: string; nodeId: string } }>(h, handle);
    expect(result).toMatchObject({ status: 'completed', exit: { nodeId: 'done-discount' } });
    expect(await sent('big-cart')).toEqual(['remind-1:email:sent', 'remind-discount:email:sent', 'last-call:push:sent']);
    const [first, discount, last] = await messages('big-cart');
    expect(JSON.stringify(first!.content)).toContain('Hi Lan');
    expect(JSON.stringify(first!.content)).toContain('https://shop.test/cart/big-cart');
    expect(JSON.stringify(discount!.content)).toContain('SPRING25');
    expect(JSON.stringify(last!.content)).toContain('SPRING25');
    expect(await h.db.enrolment.findFirstOrThrow({ where: { customerId: 'big-cart' } })).toMatchObject({ status: 'completed' });
  }, 90_000);

  it('a small cart gets the push instead of the discount (threshold changed to 80)', async () => {
    const handle = await enterCart('small-cart', { firstName: 'Minh' }, 60);
    const result = await skipToEnd<{ status: string; exit: { nodeId: string } }>(h, handle);
    expect(result).toMatchObject({ status: 'completed', exit: { nodeId: 'done-push' } });
    expect(await sent('small-cart')).toEqual(['remind-1:email:sent', 'remind-push:push:sent']);
  }, 90_000);

  it('an order after the reminder reaches the goal; a Vietnamese customer is reminded in Vietnamese', async () => {
    const handle = await enterCart('recovered', { firstName: 'Hoa', locale: 'vi' }, 120);
    await until(() => statusOf(handle), (s) => s.node === 'wait-order' && s.status === 'waiting' && s.idle);
    await h.ts.env.sleep(3 * HOUR + 1_000);
    await until(() => statusOf(handle), (s) => s.node === 'wait-2' && s.status === 'waiting' && s.idle);
    await handle.signal('customerEvent', { event: { name: 'Order Completed', at: await now(), properties: {} } });
    expect(await finished(handle)).toMatchObject({ status: 'completed', exit: { reason: 'goal', nodeId: 'recovered' } });
    expect(await sent('recovered')).toEqual(['remind-1:email:sent']);
    const [reminder] = await messages('recovered');
    expect(JSON.stringify(reminder!.content)).toContain('Hoa ơi');
    expect(await h.db.enrolment.findFirstOrThrow({ where: { customerId: 'recovered' } })).toMatchObject({ status: 'completed', exitReason: 'goal' });
  }, 90_000);

  it('an order before any reminder exits without a message (and does not count as recovered)', async () => {
    const handle = await enterCart('bought-anyway', { firstName: 'Tuan' }, 120);
    await until(() => statusOf(handle), (s) => s.node === 'wait-order' && s.status === 'waiting' && s.idle);
    await handle.signal('customerEvent', { event: { name: 'Order Completed', at: await now(), properties: {} } });
    expect(await finished(handle)).toMatchObject({ exit: { nodeId: 'bought-anyway' } });
    expect(await sent('bought-anyway')).toEqual([]);
  }, 90_000);
});
