/**
 * The templates router through createCaller on the real stack: list with stage and search,
 * get with the preview journey, instantiate into a stored DRAFT (same path as journeys.create),
 * parameter errors naming each parameter, and a template draft that publishes as it is.
 */
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { listTemplates } from '@cairn/templates';
import { useStack, type Stack } from './support/stack.js';

let s: Stack;

useStack((stack) => (s = stack));

async function refusal(p: Promise<unknown>): Promise<TRPCError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return err as TRPCError;
}

describe('templates.list and get', () => {
  it('lists every template with what it expects and its parameters', async () => {
    const all = await s.caller.templates.list({});
    expect(all.map((t) => t.id)).toEqual(listTemplates().map((t) => t.id));
    const cart = all.find((t) => t.id === 'abandoned-cart');
    expect(cart).toMatchObject({ stage: 'acquisition', goal: { event: expect.any(String) } });
    expect(cart?.expects.events.map((e) => e.name)).toContain('Order Completed');
    expect(cart?.parameters.find((p) => p.key === 'discountCode')).toMatchObject({ type: 'string', default: expect.any(String) });
    expect(cart).not.toHaveProperty('journey');
  });

  it('filters by stage and searches (Vietnamese without diacritics too)', async () => {
    const loyalty = await s.caller.templates.list({ stage: 'loyalty' });
    expect(loyalty.length).toBeGreaterThan(0);
    expect(loyalty.every((t) => t.stage === 'loyalty')).toBe(true);
    expect((await s.caller.templates.list({ query: 'birthday' })).map((t) => t.id)).toEqual(['birthday']);
    expect((await s.caller.templates.list({ query: 'gio hang' })).map((t) => t.id)).toContain('abandoned-cart');
    expect(await s.caller.templates.list({ stage: 'awareness', query: 'birthday' })).toEqual([]);
  });

  it('refuses an unknown stage', async () => {
    const err = await refusal(s.caller.templates.list({ stage: 'nowhere' as 'loyalty' }));
    expect(err.code).toBe('BAD_REQUEST');
  });

  it('gets one template with its default journey, NOT_FOUND for an unknown id', async () => {
    const t = await s.caller.templates.get({ id: 'first-purchase-ice-breaker' });
    expect(t.journey.nodes.some((n) => n.type.startsWith('trigger.'))).toBe(true);
    expect(t.journey.edges.length).toBeGreaterThan(0);
    const err = await refusal(s.caller.templates.get({ id: 'no-such-template' }));
    expect(err.code).toBe('NOT_FOUND');
  });
});

describe('templates.instantiate', () => {
  it('creates a stored draft with the parameters in its nodes', async () => {
    const res = await s.caller.templates.instantiate({ id: 'abandoned-cart', params: { discountCode: 'SPRING25' }, name: 'Spring carts' });
    expect(res.id).toMatch(/^spring-carts-[a-z0-9]{4}$/);
    expect(res.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const j = await s.caller.journeys.get({ id: res.id });
    expect(j).toMatchObject({ id: res.id, name: 'Spring carts', status: 'draft', liveVersion: null });
    expect(JSON.stringify(j.draft)).toContain('SPRING25');
    expect((j.draft as { id: string }).id).toBe(res.id);
  });

  it('names the template by default and gives each use its own journey', async () => {
    const a = await s.caller.templates.instantiate({ id: 'birthday', params: {} });
    const b = await s.caller.templates.instantiate({ id: 'birthday', params: {} });
    expect(a.id).not.toBe(b.id);
    const t = await s.caller.templates.get({ id: 'birthday' });
    expect(a.name).toBe(t.title);
  });

  it('refuses bad parameters with BAD_REQUEST naming each one, and stores nothing', async () => {
    const before = await s.db.journey.count();
    const err = await refusal(s.caller.templates.instantiate({ id: 'abandoned-cart', params: { discountCode: '!', bogus: 1 } }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/discountCode: /);
    expect(err.message).toMatch(/bogus/);
    const problems = (err.cause as unknown as { problems: Array<{ field: string; severity: string }> }).problems;
    expect(problems.map((p) => p.field)).toContain('discountCode');
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
    expect(await s.db.journey.count()).toBe(before);
  });

  it('NOT_FOUND for an unknown template', async () => {
    expect((await refusal(s.caller.templates.instantiate({ id: 'nope', params: {} }))).code).toBe('NOT_FOUND');
  });

  it('a template draft publishes as it is', async () => {
    const { id } = await s.caller.templates.instantiate({ id: 'first-purchase-ice-breaker', params: {} });
    const v = await s.caller.journeys.publish({ id, note: 'from the gallery' });
    expect(v.version).toBe(1);
    expect(await s.caller.journeys.get({ id })).toMatchObject({ status: 'active', liveVersion: 1 });
  });
});
