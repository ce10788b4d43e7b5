/**
 * Customer attributes have one writer (`mergeAttributes`, a jsonb `||` in one UPDATE) on real
 * PostgreSQL: writers landing at the same time all keep their keys, and a custom action whose
 * result arrives after another write merges into it instead of writing back what it read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction, registerAction } from '@cairn/core';
import { createActivities, logProvider, mergeAttributes } from '@cairn/engine/runtime';
import { startTestDb, type TestDb } from './support/db.js';

let pg: TestDb;
beforeAll(async () => {
  pg = await startTestDb({ poolSize: 16 });
}, 120_000);
afterAll(async () => pg?.stop());

/** Released by the test: the action's result lands after the test's own write. */
let release: () => void = () => {};
registerAction(
  defineAction({
    type: 'fixture.slowScore',
    title: 'Slow score',
    description: 'Scores the customer after a while, writing an attribute.',
    config: z.object({}),
    outputs: ['scored'],
    async run() {
      await new Promise<void>((r) => (release = r));
      return { output: 'scored', attributes: { score: 42 } };
    },
  }),
);

describe('mergeAttributes', () => {
  it('keeps every key of 40 concurrent writers, and the keys the customer had', async () => {
    await pg.db.customer.create({ data: { id: 'merge-1', attributes: { locale: 'fr' } } });
    const writes = Array.from({ length: 40 }, (_, i) => mergeAttributes(pg.db, 'merge-1', { [`k${i}`]: i }));
    expect(await Promise.all(writes)).toEqual(Array(40).fill(true));
    const c = await pg.db.customer.findUniqueOrThrow({ where: { id: 'merge-1' } });
    expect(c.attributes).toEqual({ locale: 'fr', ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i])) });
  });

  it('replaces a key, turns non-object attributes into the patch, and says when there is no customer', async () => {
    await pg.db.customer.create({ data: { id: 'merge-2', attributes: 'oops' } });
    await mergeAttributes(pg.db, 'merge-2', { plan: 'free' });
    await mergeAttributes(pg.db, 'merge-2', { plan: 'pro' });
    expect((await pg.db.customer.findUniqueOrThrow({ where: { id: 'merge-2' } })).attributes).toEqual({ plan: 'pro' });
    expect(await mergeAttributes(pg.db, 'nobody', { plan: 'pro' })).toBe(false);
  });

  it("a custom action's attributes merge with a write made while it ran", async () => {
    await pg.db.customer.create({ data: { id: 'merge-3', attributes: { locale: 'fr' } } });
    const providers = { email: logProvider, sms: logProvider, push: logProvider, chat: logProvider };
    const activities = createActivities({ db: pg.db, providers, links: async () => ({ baseUrl: 'http://localhost', secret: 'x' }), webhookSecret: 'x' });
    const run = activities.runCustomAction({
      workflowId: 'wf-merge-3',
      idempotencyKey: 'wf-merge-3:n:1',
      customerId: 'merge-3',
      node: { id: 'n', type: 'action.custom', position: { x: 0, y: 0 }, action: 'fixture.slowScore', config: {} },
      journey: { id: 'j', name: 'J' },
    });
    // The action has read the profile; an identify (or another journey) writes meanwhile.
    await new Promise((r) => setTimeout(r, 50));
    await mergeAttributes(pg.db, 'merge-3', { plan: 'pro' });
    release();
    expect(await run).toMatchObject({ output: 'scored', attributes: { score: 42 } });
    expect((await pg.db.customer.findUniqueOrThrow({ where: { id: 'merge-3' } })).attributes).toEqual({ locale: 'fr', plan: 'pro', score: 42 });
  });
});
