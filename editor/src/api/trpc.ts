/**
 * The server client: the API's tRPC routers at /trpc (same origin; the API serves the built
 * editor). Types come from @cairn/api's AppRouter, as a type import only: no server code is
 * bundled. Dates arrive as ISO strings (no transformer).
 */
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@cairn/api';
import type { Journey } from '@cairn/core';
import type { CairnClient } from './types.js';
import { apiLinks } from './session.js';

const iso = (d: unknown): string => new Date(d as string).toISOString();

/** A refusal with the journey's problems reads as one sentence. */
function explain(err: unknown): Error {
  if (err instanceof TRPCClientError) {
    const problems = (err.data as { problems?: Array<{ message: string; severity: string }> } | undefined)?.problems;
    const errors = problems?.filter((p) => p.severity === 'error') ?? [];
    if (errors.length) return new Error(`${err.message}: ${errors.map((p) => p.message).join(' · ')}`);
    return new Error(err.message);
  }
  return err as Error;
}

export function trpcClient(url = '/trpc'): CairnClient {
  const api = createTRPCClient<AppRouter>({ links: apiLinks(url) });
  return {
    kind: 'server',
    async list() {
      const rows = await api.journeys.list.query();
      return rows.map((j) => ({
        id: j.id, name: j.name, status: j.status, liveVersion: j.liveVersion, updatedAt: iso(j.updatedAt), totals: j.counts, stage: j.stage, unpublishedChanges: j.unpublishedChanges,
      }));
    },
    async remove(id) {
      await api.journeys.delete.mutate({ id }).catch((e: unknown) => Promise.reject(explain(e)));
    },
    async duplicate(id) {
      return (await api.journeys.duplicate.mutate({ id }).catch((e: unknown) => Promise.reject(explain(e)))).journey.id;
    },
    async control(id, action) {
      try {
        if (action === 'unarchive') return (await api.journeys.unarchive.mutate({ id }), { signalled: 0 });
        const { signalled } = await api.journeys[action].mutate({ id });
        return { signalled };
      } catch (err) {
        throw explain(err);
      }
    },
    async waiting(id) {
      return api.journeys.waiting.query({ id });
    },
    async previewMove(journey, choices) {
      return api.journeys.previewMove.mutate({ id: journey.id, draft: journey, choices }).catch((e: unknown) => Promise.reject(explain(e)));
    },
    async get(id) {
      try {
        const j = await api.journeys.get.query({ id });
        return { draft: j.draft as unknown as Journey, status: j.status, liveVersion: j.liveVersion };
      } catch (err) {
        if (err instanceof TRPCClientError && err.data?.code === 'NOT_FOUND') return undefined;
        throw explain(err);
      }
    },
    async saveDraft(journey) {
      await api.journeys.saveDraft.mutate({ id: journey.id, draft: journey }).catch((e: unknown) => Promise.reject(explain(e)));
    },
    async publish(journey, note, move) {
      try {
        // One call: the server stores this draft and publishes it in one transaction.
        const v = await api.journeys.publish.mutate({ id: journey.id, note, draft: journey, ...(move ? { move } : {}) });
        return {
          version: v.version, note: v.note, publishedAt: iso(v.publishedAt),
          ...(v.publishedBy ? { publishedBy: v.publishedBy } : {}),
          ...(v.moved ? { moved: v.moved } : {}),
        };
      } catch (err) {
        throw explain(err);
      }
    },
    async versions(id) {
      const rows = await api.journeys.versions.query({ id });
      return rows.map((v) => ({ version: v.version, note: v.note, publishedAt: iso(v.publishedAt), ...(v.publishedBy ? { publishedBy: v.publishedBy } : {}) }));
    },
    async version(id, version) {
      const v = await api.journeys.getVersion.query({ id, version });
      return v.definition as unknown as Journey;
    },
    async counts(id, version) {
      return (await api.journeys.counts.query({ id, ...(version === undefined ? {} : { version }) })).nodes;
    },
    async catalog() {
      return api.catalog.query();
    },
    async extensions() {
      return api.extensions.query();
    },
    async customer(id) {
      try {
        const [c, t] = await Promise.all([api.customers.get.query({ id }), api.customers.timeline.query({ id, limit: 200 })]);
        return {
          id: c.id,
          email: c.email,
          timeZone: c.timeZone,
          attributes: (c.attributes ?? {}) as Record<string, unknown>,
          suppressions: c.suppressions.map((s) => ({ channel: s.channel, reason: s.reason })),
          timeline: t.items,
        };
      } catch (err) {
        if (err instanceof TRPCClientError && err.data?.code === 'NOT_FOUND') return undefined;
        throw explain(err);
      }
    },
    async customers(query) {
      const rows = await api.customers.search.query({ query, limit: 20 });
      return rows.map((c) => ({
        id: c.id,
        attributes: (c.attributes ?? {}) as Record<string, unknown>,
        ...(c.timeZone ? { timeZone: c.timeZone } : {}),
      }));
    },
  };
}
