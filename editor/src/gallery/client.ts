/**
 * How the gallery reaches templates: through the API's `templates` router when the editor runs
 * against the server, else straight from @cairn/templates (browser-safe) with the new draft kept
 * by the local client. Both refuse bad parameters with a `ParamsRefused` naming each parameter.
 */
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@cairn/api';
import type { LifecycleStage } from '@cairn/core';
import { getTemplate, instantiateTemplate, searchTemplates, type TemplateDetail } from '@cairn/templates';
import { client, clientReady } from '../api/client.js';
import { apiLinks } from '../api/session.js';
import { journeyIdFrom } from '../state/blank.js';

export type TemplateCard = Omit<TemplateDetail, 'journey'>;

/** One problem per parameter (`field` is its key; empty for the whole request). */
export interface ParamProblem {
  field: string;
  message: string;
}

export class ParamsRefused extends Error {
  constructor(readonly problems: ParamProblem[]) {
    super(problems.map((p) => p.message).join(' · '));
  }
}

export interface GalleryClient {
  list(stage?: LifecycleStage, query?: string): Promise<TemplateCard[]>;
  get(id: string): Promise<TemplateDetail | undefined>;
  /** A new draft journey from the template; returns its id. */
  instantiate(id: string, params: Record<string, unknown>, name?: string): Promise<string>;
}

function card(t: TemplateDetail): TemplateCard {
  const { journey: _journey, ...rest } = t;
  return rest;
}

export function localGallery(): GalleryClient {
  return {
    async list(stage, query) {
      return searchTemplates(query ?? '', stage).map((s) => card(getTemplate(s.id)!));
    },
    async get(id) {
      return getTemplate(id);
    },
    async instantiate(id, params, name) {
      const title = name ?? getTemplate(id)?.title ?? id;
      const res = instantiateTemplate(id, params, { journeyId: journeyIdFrom(title), name: title });
      if (!res.ok) throw new ParamsRefused(res.problems.map((p) => ({ field: p.path, message: p.path ? `${p.path}: ${p.message}` : p.message })));
      await client.saveDraft(res.journey);
      return res.journey.id;
    },
  };
}

export function serverGallery(url = '/trpc'): GalleryClient {
  const api = createTRPCClient<AppRouter>({ links: apiLinks(url) });
  return {
    list: (stage, query) => api.templates.list.query({ ...(stage ? { stage } : {}), ...(query ? { query } : {}) }),
    async get(id) {
      try {
        return await api.templates.get.query({ id });
      } catch (err) {
        if (err instanceof TRPCClientError && err.data?.code === 'NOT_FOUND') return undefined;
        throw err;
      }
    },
    async instantiate(id, params, name) {
      try {
        return (await api.templates.instantiate.mutate({ id, params, ...(name ? { name } : {}) })).id;
      } catch (err) {
        const problems = err instanceof TRPCClientError ? (err.data as { problems?: ParamProblem[] } | undefined)?.problems : undefined;
        if (problems?.length) throw new ParamsRefused(problems.map((p) => ({ field: p.field ?? '', message: p.message })));
        throw err;
      }
    },
  };
}

/** The gallery client matching the editor's client (API or stand-alone). */
export async function galleryClient(): Promise<GalleryClient> {
  const c = await clientReady;
  return c.kind === 'server' ? serverGallery() : localGallery();
}
