/**
 * Operating journeys (issue 12) through createCaller on the real stack (embedded PostgreSQL, a
 * Temporal dev server, the worker): the list's stage and "unpublished changes", archive (customers
 * inside exit, no entries, no publishing until restored), deleting only never-published drafts,
 * duplicating into a fresh draft, and where the customers inside wait, by version and step title.
 */
import type { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { eventually, useStack, type Stack } from './support/stack.js';
import { manualWithWait, welcome } from './support/journeys.js';

let s: Stack;

useStack((stack) => (s = stack));

const customer = (id: string) => s.db.customer.create({ data: { id, email: `${id}@example.test` } });
const row = async (id: string) => (await s.caller.journeys.list()).find((j) => j.id === id);
const waitingAt = (journeyId: string, n: number) =>
  eventually(
    () => s.db.enrolment.count({ where: { journeyId, status: 'waiting' } }),
    (c) => c === n,
  );

describe('the journeys list', () => {
  it('says the stage, and whether the draft differs from the live version (moving a step does not count)', async () => {
    const draft = { ...welcome('listed'), stage: 'onboarding' };
    await s.caller.journeys.saveDraft({ id: 'listed', draft });
    expect(await row('listed')).toMatchObject({ status: 'draft', stage: 'onboarding', liveVersion: null, unpublishedChanges: false });
    await s.publish(draft);
    expect(await row('listed')).toMatchObject({ status: 'active', liveVersion: 1, unpublishedChanges: false });

    const moved = { ...draft, nodes: draft.nodes.map((n) => (n.id === 'hello' ? { ...n, position: { x: 400, y: 300 } } : n)) };
    await s.caller.journeys.saveDraft({ id: 'listed', draft: moved });
    expect((await row('listed'))?.unpublishedChanges).toBe(false);

    const edited = { ...moved, nodes: moved.nodes.map((n) => (n.id === 'hello' ? { ...n, body: 'Welcome aboard!' } : n)) };
    await s.caller.journeys.saveDraft({ id: 'listed', draft: edited });
    expect((await row('listed'))?.unpublishedChanges).toBe(true);
    await s.caller.journeys.publish({ id: 'listed', note: 'new text' });
    expect(await row('listed')).toMatchObject({ liveVersion: 2, unpublishedChanges: false });
  });
});

describe('archive', () => {
  it('takes customers out (reason "archived"), refuses entries, publishing and resuming until restored', async () => {
    await s.publish(manualWithWait('retired'));
    await customer('ann');
    await s.caller.journeys.enrol({ journeyId: 'retired', customerId: 'ann' });
    await waitingAt('retired', 1);

    const archived = await s.caller.journeys.archive({ id: 'retired' });
    expect(archived).toMatchObject({ signalled: 1, journey: { status: 'archived' } });
    const ended = await eventually(
      () => s.db.enrolment.findFirst({ where: { journeyId: 'retired', customerId: 'ann' } }),
      (e) => e?.status === 'exited',
    );
    expect(ended?.exitReason).toBe('archived');
    expect((await row('retired'))?.status).toBe('archived');

    await customer('bob');
    const entry = await s.caller.journeys.enrol({ journeyId: 'retired', customerId: 'bob' }).catch((e: unknown) => e);
    expect((entry as TRPCError).message).toMatch(/archived/);
    await expect(s.caller.journeys.publish({ id: 'retired', note: '' })).rejects.toThrow(/archived: restore it/);
    await expect(s.caller.journeys.resume({ id: 'retired' })).rejects.toThrow(/archived: restore it/);
    expect(await s.db.journeyVersion.count({ where: { journeyId: 'retired' } })).toBe(1);

    // Restored: stopped (it was published); publishing starts entries again.
    expect((await s.caller.journeys.unarchive({ id: 'retired' })).status).toBe('stopped');
    await s.caller.journeys.publish({ id: 'retired', note: 'back' });
    expect(await s.caller.journeys.enrol({ journeyId: 'retired', customerId: 'bob' })).toMatchObject({ enrolled: true });
  }, 120_000);

  it('archives a stopped journey, and restores a never-published one as a draft', async () => {
    await s.publish(manualWithWait('halted'));
    await s.caller.journeys.stop({ id: 'halted' });
    expect((await s.caller.journeys.archive({ id: 'halted' })).journey.status).toBe('archived');
    await s.caller.journeys.saveDraft({ id: 'idea', draft: welcome('idea') });
    await s.caller.journeys.archive({ id: 'idea' });
    expect((await s.caller.journeys.unarchive({ id: 'idea' })).status).toBe('draft');
    await expect(s.caller.journeys.unarchive({ id: 'idea' })).rejects.toThrow(/not archived/);
  }, 60_000);
});

describe('delete and duplicate', () => {
  it('deletes a never-published draft, and refuses a published journey in words', async () => {
    await s.caller.journeys.saveDraft({ id: 'scratch', draft: welcome('scratch') });
    expect(await s.caller.journeys.delete({ id: 'scratch' })).toEqual({ deleted: 'scratch' });
    const gone = await s.caller.journeys.get({ id: 'scratch' }).catch((e: unknown) => e);
    expect((gone as TRPCError).code).toBe('NOT_FOUND');

    await s.publish(welcome('kept'));
    const refused = await s.caller.journeys.delete({ id: 'kept' }).catch((e: unknown) => e);
    expect((refused as TRPCError).code).toBe('BAD_REQUEST');
    expect((refused as TRPCError).message).toBe('“Welcome kept” was published (live version 1), so it keeps its history: archive it instead of deleting it');
    expect(await s.db.journey.count({ where: { id: 'kept' } })).toBe(1);
    expect(await s.db.journeyVersion.count({ where: { journeyId: 'kept' } })).toBe(1);
    expect(((await s.caller.journeys.delete({ id: 'nobody' }).catch((e: unknown) => e)) as TRPCError).code).toBe('NOT_FOUND');
  });

  it('duplicates the draft into a new draft with a fresh id and "Copy of" name, without versions or customers', async () => {
    const draft = { ...manualWithWait('original'), stage: 'retention' };
    await s.publish(draft);
    await customer('cat');
    await s.caller.journeys.enrol({ journeyId: 'original', customerId: 'cat' });
    const { journey: copy, problems } = await s.caller.journeys.duplicate({ id: 'original' });
    expect(copy.id).toMatch(/^copy-of-manual-original-[a-z0-9]{4}$/);
    expect(copy).toMatchObject({ name: 'Copy of Manual original', status: 'draft', liveVersion: null });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(copy.draft).toEqual({ ...draft, id: copy.id, name: 'Copy of Manual original' });
    expect(await s.db.journeyVersion.count({ where: { journeyId: copy.id } })).toBe(0);
    expect(await s.db.enrolment.count({ where: { journeyId: copy.id } })).toBe(0);
    // A copy is a draft of its own: it can be deleted, the original stays.
    await s.caller.journeys.delete({ id: copy.id });
    expect((await s.caller.journeys.get({ id: 'original' })).liveVersion).toBe(1);
  }, 60_000);
});

describe('customers inside, for the publish review', () => {
  it('counts them by the version they run and the step they are at, by step title', async () => {
    const v1 = manualWithWait('where');
    v1.nodes = v1.nodes.map((n) => (n.id === 'wait' ? { ...n, label: 'Wait a day' } : n));
    await s.publish(v1);
    for (const id of ['dan', 'eva']) {
      await customer(id);
      await s.caller.journeys.enrol({ journeyId: 'where', customerId: id });
    }
    await waitingAt('where', 2);
    const v2 = { ...v1, nodes: v1.nodes.map((n) => (n.id === 'wait' ? { ...n, label: 'Wait one day' } : n)) };
    await s.publish(v2);
    await customer('fin');
    await s.caller.journeys.enrol({ journeyId: 'where', customerId: 'fin' });
    await waitingAt('where', 3);
    expect(await s.caller.journeys.waiting({ id: 'where' })).toEqual({
      total: 3,
      steps: [
        { version: 2, nodeId: 'wait', title: 'Wait one day', count: 1 },
        { version: 1, nodeId: 'wait', title: 'Wait a day', count: 2 },
      ],
    });
    await s.caller.journeys.stop({ id: 'where' });
    await waitingAt('where', 0);
    expect(await s.caller.journeys.waiting({ id: 'where' })).toEqual({ total: 0, steps: [] });
  }, 120_000);
});
