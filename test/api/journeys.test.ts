/**
 * The journeys, customers and messages routers through createCaller, on the real stack: drafts
 * that keep everything, publishing that refuses errors, versions, manual enrolment, pause /
 * resume / stop reaching running workflows, and live per-node counts.
 */
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { eventually, useStack, type Stack } from './support/stack.js';
import { manualWithWait, welcome } from './support/journeys.js';

let s: Stack;

useStack((stack) => (s = stack));

const customer = (id: string) =>
  s.db.customer.create({ data: { id, email: `${id}@example.test`, attributes: { firstName: id } } });

describe('drafts', () => {
  it('stores a draft with graph problems and returns them', async () => {
    const draft = welcome('broken');
    draft.edges = []; // trigger and email now lead nowhere
    const saved = await s.caller.journeys.saveDraft({ id: 'broken', draft });
    expect(saved.journey).toMatchObject({ id: 'broken', name: 'Welcome broken', status: 'draft' });
    expect(saved.problems.some((p) => p.severity === 'error')).toBe(true);
    const got = await s.caller.journeys.get({ id: 'broken' });
    expect(got.draft).toEqual({ ...draft, id: 'broken' });
  });

  it('keeps even a draft the schema refuses, with the schema problems', async () => {
    const draft = { ...welcome('bad-node'), nodes: [{ id: 'x', type: 'wait.delay', duration: { amount: -1, unit: 'days' } }] };
    const saved = await s.caller.journeys.saveDraft({ id: 'bad-node', draft });
    expect(saved.problems[0]).toMatchObject({ code: 'schema', severity: 'error' });
    expect((await s.caller.journeys.get({ id: 'bad-node' })).draft).toMatchObject({ nodes: [{ id: 'x' }] });
  });

  it('creates a blank journey from a name', async () => {
    const { journey } = await s.caller.journeys.create({ name: 'Spring Sale' });
    expect(journey.id).toMatch(/^spring-sale-[a-z0-9]{4}$/);
    expect(journey.draft).toMatchObject({ name: 'Spring Sale', nodes: [{ type: 'trigger.manual' }] });
  });
});

describe('publishing and versions', () => {
  it('refuses to publish a journey with errors, naming them', async () => {
    const err = await s.caller.journeys.publish({ id: 'broken', note: 'try' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('BAD_REQUEST');
    expect((err as TRPCError).message).toMatch(/cannot publish/);
    const problems = ((err as TRPCError).cause as unknown as { problems: Array<{ severity: string }> }).problems;
    expect(problems.filter((p) => p.severity === 'error').length).toBeGreaterThan(0);
    expect(await s.db.journeyVersion.count({ where: { journeyId: 'broken' } })).toBe(0);
  });

  it('publishes immutable versions, lists them, restores an old one as the draft', async () => {
    const v1 = welcome('versioned');
    await s.caller.journeys.saveDraft({ id: 'versioned', draft: v1 });
    expect(await s.caller.journeys.publish({ id: 'versioned', note: 'first' })).toMatchObject({ version: 1, note: 'first' });
    const v2 = { ...v1, name: 'Welcome, second take' };
    await s.caller.journeys.saveDraft({ id: 'versioned', draft: v2 });
    await s.caller.journeys.publish({ id: 'versioned', note: 'second' });

    const versions = await s.caller.journeys.versions({ id: 'versioned' });
    expect(versions.map((v) => [v.version, v.note])).toEqual([
      [2, 'second'],
      [1, 'first'],
    ]);
    expect((await s.caller.journeys.getVersion({ id: 'versioned', version: 1 })).definition).toMatchObject({ name: 'Welcome versioned' });
    const j = await s.caller.journeys.get({ id: 'versioned' });
    expect(j).toMatchObject({ status: 'active', liveVersion: 2, name: 'Welcome, second take' });

    await s.caller.journeys.restoreVersion({ id: 'versioned', version: 1 });
    expect((await s.caller.journeys.get({ id: 'versioned' })).draft).toMatchObject({ name: 'Welcome versioned' });
    // Restoring changes the draft only: version 2 still runs.
    expect((await s.caller.journeys.get({ id: 'versioned' })).liveVersion).toBe(2);
  });

  it('publishes a draft in one call: the draft and the version are written together', async () => {
    const v1 = welcome('one-call');
    // A journey the server has never seen: stored and published by the same call.
    expect(await s.caller.journeys.publish({ id: 'one-call', note: 'first', draft: v1 })).toMatchObject({ version: 1, note: 'first' });
    const j = await s.caller.journeys.get({ id: 'one-call' });
    expect(j).toMatchObject({ status: 'active', liveVersion: 1, name: 'Welcome one-call' });
    expect(j.draft).toEqual({ ...v1, id: 'one-call' });
    expect((await s.caller.journeys.getVersion({ id: 'one-call', version: 1 })).definition).toMatchObject({ name: 'Welcome one-call' });
  });

  it('keeps a refused draft given to publish, and writes no version', async () => {
    const broken = { ...welcome('one-call'), name: 'Broken edit', edges: [] };
    const err = await s.caller.journeys.publish({ id: 'one-call', note: 'broken', draft: broken }).catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe('BAD_REQUEST');
    const j = await s.caller.journeys.get({ id: 'one-call' });
    // Nothing typed is lost: the draft is the refused one, the live version is still 1.
    expect(j).toMatchObject({ name: 'Broken edit', liveVersion: 1 });
    expect(await s.db.journeyVersion.count({ where: { journeyId: 'one-call' } })).toBe(1);
  });
});

describe('running journeys (real Temporal)', () => {
  it('enrols by hand once per idempotency key, and pause, resume and stop reach the run', async () => {
    await s.caller.journeys.saveDraft({ id: 'manual', draft: manualWithWait('manual') });
    await s.caller.journeys.publish({ id: 'manual', note: '' });
    await customer('eve');
    const first = await s.caller.journeys.enrol({ journeyId: 'manual', customerId: 'eve', idempotencyKey: 'k1' });
    const again = await s.caller.journeys.enrol({ journeyId: 'manual', customerId: 'eve', idempotencyKey: 'k1' });
    expect(first).toMatchObject({ enrolled: true });
    expect(again).toEqual(first);
    const refused = await s.caller.journeys.enrol({ journeyId: 'manual', customerId: 'eve', idempotencyKey: 'k2' });
    expect(refused).toMatchObject({ enrolled: false, reason: expect.stringMatching(/already entered/) });

    await eventually(
      () => s.db.enrolment.findFirst({ where: { journeyId: 'manual', customerId: 'eve' } }),
      (e) => e?.status === 'waiting' && e.currentNodeId === 'wait',
    );
    expect((await s.caller.journeys.pause({ id: 'manual' })).signalled).toBe(1);
    expect((await s.caller.journeys.get({ id: 'manual' })).status).toBe('paused');
    const whilePaused = await s.caller.journeys.enrol({ journeyId: 'manual', customerId: 'eve', idempotencyKey: 'k3' }).catch((e: unknown) => e);
    expect((whilePaused as TRPCError).message).toMatch(/paused/);
    expect((await s.caller.journeys.resume({ id: 'manual' })).signalled).toBe(1);

    expect((await s.caller.journeys.stop({ id: 'manual' })).signalled).toBe(1);
    const ended = await eventually(
      () => s.db.enrolment.findFirst({ where: { journeyId: 'manual', customerId: 'eve' } }),
      (e) => e?.status === 'exited',
    );
    expect(ended?.exitReason).toBe('stopped');
    await expect(s.caller.journeys.resume({ id: 'manual' })).rejects.toThrow(/stopped journey cannot be resumed/);

    const counts = await s.caller.journeys.counts({ id: 'manual' });
    expect(counts.totals).toMatchObject({ entered: 1, exited: 1, waiting: 0 });
    expect(counts.nodes.wait).toMatchObject({ entered: 1, waitingNow: 0, exited: { stopped: 1 } });
    expect(counts.nodes.mail?.entered ?? 0).toBe(0);
  }, 120_000);

  it('removes one customer from a journey', async () => {
    await s.caller.journeys.saveDraft({ id: 'removal', draft: manualWithWait('removal') });
    await s.caller.journeys.publish({ id: 'removal', note: '' });
    await customer('fay');
    await customer('gus');
    await s.caller.journeys.enrol({ journeyId: 'removal', customerId: 'fay' });
    await s.caller.journeys.enrol({ journeyId: 'removal', customerId: 'gus' });
    await eventually(
      () => s.db.enrolment.count({ where: { journeyId: 'removal', status: 'waiting' } }),
      (n) => n === 2,
    );
    expect(await s.caller.journeys.removeCustomer({ journeyId: 'removal', customerId: 'fay' })).toEqual({ removed: 1 });
    await eventually(
      () => s.db.enrolment.findFirst({ where: { journeyId: 'removal', customerId: 'fay' } }),
      (e) => e?.status === 'exited' && e.exitReason === 'removed',
    );
    const counts = await s.caller.journeys.counts({ id: 'removal' });
    expect(counts.nodes.wait).toMatchObject({ entered: 2, waitingNow: 1, exited: { removed: 1 } });
    const list = await s.caller.journeys.list();
    expect(list.find((j) => j.id === 'removal')?.counts).toEqual({ entered: 2, inJourney: 1, completed: 0, exited: 1 });
  }, 120_000);

  it('says why a customer did not enter a journey: never published, no trigger event yet, entered once already, paused', async () => {
    await s.caller.journeys.saveDraft({ id: 'why-draft', draft: welcome('why-draft') });
    await s.post('/v1/identify', { userId: 'wren', traits: { email: 'wren@example.test' } });
    const draftOnly = await s.caller.policy.whyNotEntered({ customerId: 'wren', journeyId: 'why-draft' });
    expect(draftOnly.summary).toBe('“Welcome why-draft” was never published: nobody can enter it until it is.');

    await s.publish(welcome('why-live'));
    const before = await s.caller.policy.whyNotEntered({ customerId: 'wren', journeyId: 'why-live' });
    expect(before).toMatchObject({ entered: 0, summary: expect.stringMatching(/^Nothing they did since \d{4}-\d{2}-\d{2} started “Welcome why-live”\.$/) });
    expect(before.reasons).toEqual([expect.stringMatching(/^“Event received” \(“Signed Up”\) starts on “Signed Up”: they have had none since the live version went out on /)]);

    await new Promise((r) => setTimeout(r, 1100)); // the live list is cached for a second
    await s.post('/v1/track', { userId: 'wren', event: 'Signed Up', messageId: 'why-wren-1' });
    await eventually(() => s.db.enrolment.count({ where: { journeyId: 'why-live', customerId: 'wren' } }), (n) => n === 1);
    const after = await s.caller.policy.whyNotEntered({ customerId: 'wren', journeyId: 'why-live' });
    expect(after).toMatchObject({ entered: 1, summary: 'They already entered “Welcome why-live” once, and it lets each customer in once.' });
    expect(after.reasons[0]).toMatch(/^They entered it on \d{4}-\d{2}-\d{2}, and it lets each customer in once\.$/);
    expect(after.reasons.some((r) => r.includes('matched “Signed Up” on'))).toBe(true);

    await s.caller.journeys.pause({ id: 'why-live' });
    expect((await s.caller.policy.whyNotEntered({ customerId: 'wren', journeyId: 'why-live' })).reasons[0]).toBe('“Welcome why-live” is paused: nobody enters it until it is resumed.');
    await expect(s.caller.policy.whyNotEntered({ customerId: 'nobody-here', journeyId: 'why-live' })).rejects.toThrow('no customer "nobody-here"');
  }, 60_000);

  it('shows a customer timeline and the message log, and counts sends per node', async () => {
    await s.caller.journeys.saveDraft({ id: 'hello', draft: welcome('hello') });
    await s.caller.journeys.publish({ id: 'hello', note: '' });
    await s.post('/v1/identify', { userId: 'hal', traits: { firstName: 'Hal', email: 'hal@example.test' }, messageId: 'hal-id' });
    await s.post('/v1/track', { userId: 'hal', event: 'Signed Up', messageId: 'hal-signup' });
    await eventually(
      () => s.caller.messages.list({ journeyId: 'hello' }),
      (r) => r.items.length === 1 && r.items[0]?.status === 'sent',
    );
    const timeline = await s.caller.customers.timeline({ id: 'hal' });
    expect(timeline.events.map((e) => e.name).sort()).toEqual(['$attribute_changed', '$attribute_changed', '$identify', 'Signed Up']);
    // Other journeys published in this file may start on the same event: look at this one.
    expect(timeline.enrolments.filter((e) => e.journeyId === 'hello').map((e) => e.journey.name)).toEqual(['Welcome hello']);
    expect(timeline.messages.find((m) => m.journeyId === 'hello')).toMatchObject({ channel: 'email', status: 'sent', nodeId: 'hello' });
    expect(timeline.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['event', 'enrolment', 'message']));
    // Items carry the journey's id and name and the status as fields: nothing parses the title.
    expect(timeline.items.find((i) => i.kind === 'enrolment' && i.journeyId === 'hello')).toMatchObject({ journeyName: 'Welcome hello' });
    expect(timeline.items.find((i) => i.kind === 'message' && i.journeyId === 'hello')).toMatchObject({ journeyName: 'Welcome hello', nodeId: 'hello', status: 'sent' });
    // In words: the attribute changes, the journey and how it went, the message with its content.
    const titles = timeline.items.map((i) => i.title);
    expect(titles).toEqual(expect.arrayContaining(['firstName set to Hal', 'email set to hal@example.test', 'Email sent: “Hi Hal” · Welcome hello', expect.stringMatching(/^Profile updated: (email, firstName|firstName, email)$/), expect.stringMatching(/^Entered “Welcome hello”: (in progress|reached the end)$/)]));
    expect(timeline.items.find((i) => i.kind === 'message' && i.journeyId === 'hello')).toMatchObject({ detail: 'subject: Hi Hal\n\nbody: Welcome!' });

    const counts = await eventually(
      () => s.caller.journeys.counts({ id: 'hello' }),
      (c) => c.totals.completed === 1 && c.nodes.hello?.entered === 1,
    );
    expect(counts.nodes.hello).toMatchObject({ entered: 1, messages: { sent: 1 } });
    expect(counts.nodes.done).toMatchObject({ completed: 1 });

    await expect(s.caller.customers.get({ id: 'nobody' })).rejects.toThrow(/no customer/);
    expect((await s.caller.customers.search({ query: 'hal@' })).map((c) => c.id)).toEqual(['hal']);
  }, 120_000);
});
