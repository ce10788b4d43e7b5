import { describe, expect, it } from 'vitest';
import { trackGroups, type StoreTogether } from './groups.js';
import type { IngestCall } from './segment.js';

const call = (messageId: string): IngestCall => ({ type: 'track', customerId: 'c', userId: 'c', messageId, name: 'Page Viewed', properties: {} });

/** A store that remembers messageIds (a duplicate is stored once) and each group it was given. */
function fakeStore(opts: { failWhen?: (ids: string[]) => boolean; delayMs?: number } = {}) {
  const seen = new Set<string>();
  const groups: string[][] = [];
  const store: StoreTogether = async (calls) => {
    const ids = calls.map((c) => c.messageId!);
    groups.push(ids);
    await new Promise((r) => setTimeout(r, opts.delayMs ?? 5));
    if (opts.failWhen?.(ids)) throw new Error(`refused ${ids.join(',')}`);
    return { storedNow: ids.map((id) => !seen.has(id) && (seen.add(id), true)), routed: true };
  };
  return { store, groups, seen };
}

describe('group commit of single-call requests', () => {
  it('a call on an idle server goes alone, at once', async () => {
    const { store, groups } = fakeStore();
    const submit = trackGroups(store);
    expect(await submit([call('a')])).toEqual({ stored: 1, duplicates: 0, routed: true });
    expect(groups).toEqual([['a']]);
  });

  it('calls arriving while groups are stored go together, each request answered with its own calls', async () => {
    const { store, groups } = fakeStore({ delayMs: 20 });
    const submit = trackGroups(store);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => submit([call(i % 10 === 9 ? 'dup' : `m${i}`)])));
    // Every call was stored once, in fewer statements than calls; the repeated messageId once.
    expect(groups.flat().sort()).toEqual(Array.from({ length: 40 }, (_, i) => (i % 10 === 9 ? 'dup' : `m${i}`)).sort());
    expect(groups.length).toBeLessThan(10);
    expect(answers.reduce((n, a) => n + a.stored, 0)).toBe(37);
    expect(answers.reduce((n, a) => n + a.duplicates, 0)).toBe(3);
    expect(answers.every((a) => a.stored + a.duplicates === 1)).toBe(true);
  });

  it('a group that fails is tried again request by request: only the bad call fails', async () => {
    const { store, seen, groups } = fakeStore({ failWhen: (ids) => ids.includes('bad') });
    const submit = trackGroups(store);
    // Read in the same turn of the event loop: one group, which the store refuses.
    const [ok1, bad, ok2] = await Promise.all(['ok1', 'bad', 'ok2'].map((id) => submit([call(id)]).then((a) => a, (e: Error) => e)));
    expect(groups[0]).toEqual(['ok1', 'bad', 'ok2']);
    expect(ok1).toEqual({ stored: 1, duplicates: 0, routed: true });
    expect(ok2).toEqual({ stored: 1, duplicates: 0, routed: true });
    expect(bad).toBeInstanceOf(Error);
    expect((bad as Error).message).toBe('refused bad');
    expect([...seen].sort()).toEqual(['ok1', 'ok2']);
  });
});
