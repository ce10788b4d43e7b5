/**
 * Many parallel sends to one customer racing an unsubscribe, on real PostgreSQL: once the
 * unsubscribe has committed, no send is delivered; before it, each allowed send is delivered
 * exactly once. Repeated with the unsubscribe at different points of the race.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDb, type TestDb } from '../engine/support/db.js';
import { customer, messageNode, sendWorld } from './support/send.js';

let pg: TestDb;
beforeAll(async () => {
  pg = await startTestDb({ poolSize: 16 });
}, 120_000);
afterAll(async () => pg?.stop());

describe('sends racing an unsubscribe', () => {
  it('zero deliveries after the unsubscribe commits, over 8 rounds of 40 parallel sends', async () => {
    const w = sendWorld(pg.db);
    const node = messageNode('action.email', { transactional: true }); // even transactional: unsubscribe from all is hard
    let afterCommit = 0;
    for (let round = 0; round < 8; round++) {
      const id = await customer(pg.db, `racer-${round}`);
      let committedAt = Infinity;
      const starts: Array<{ key: string; startedAt: number }> = [];
      const sends = Array.from({ length: 40 }, async (_, i) => {
        // Even rounds: a burst; odd rounds: staggered starts, some before, during and after the unsubscribe.
        await new Promise((r) => setTimeout(r, i * (round % 2 === 0 ? 2 : 25)));
        const key = `race-${round}-${i}`;
        starts.push({ key, startedAt: performance.now() });
        return { key, result: await w.send(key, id, node) };
      });
      const unsubscribe = (async () => {
        await new Promise((r) => setTimeout(r, round % 2 === 0 ? 10 + round * 4 : 100 + round * 60));
        await pg.db.suppression.create({ data: { customerId: id, channel: 'all', reason: 'unsubscribed', source: 'race-test' } });
        committedAt = performance.now();
      })();
      const results = await Promise.all([...sends, unsubscribe.then(() => null)]);
      const done = results.filter((r): r is NonNullable<typeof r> => r !== null);
      const deliveredKeys = new Set(w.delivered.filter((m) => m.customerId === id).map((m) => m.idempotencyKey));
      for (const { key, startedAt } of starts) {
        const r = done.find((d) => d.key === key)!.result;
        if (startedAt > committedAt) {
          afterCommit++;
          expect(r.status, key).toBe('suppressed');
          expect(deliveredKeys.has(key), key).toBe(false);
        }
        expect(deliveredKeys.has(key)).toBe(r.status === 'sent');
      }
      // Each key reached the provider at most once.
      expect(w.delivered.filter((m) => m.customerId === id)).toHaveLength(deliveredKeys.size);
      // And the database agrees: one row per key, none sent after the suppression row's commit.
      expect(await pg.db.message.count({ where: { customerId: id } })).toBe(40);
    }
    // The race really had both sides: sends before, during and after the unsubscribe.
    console.log(`race: ${w.delivered.length} delivered before the unsubscribe, ${afterCommit} attempts after it, all refused`);
    expect(afterCommit).toBeGreaterThan(40);
    expect(w.delivered.length).toBeGreaterThan(40);
  }, 120_000);
});
