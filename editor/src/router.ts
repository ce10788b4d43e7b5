/**
 * A tiny hash router: "#/" journeys, "#/j/<id>" editor, "#/j/<id>/v/<n>" a version (read-only),
 * "#/j/<id>/results" its results, "#/results" every journey's, "#/c/<id>" a customer, "#/templates" the template gallery, "#/account" the account page,
 * "#/policy" suppressions and delivery settings, "#/channels" the channels' providers (admins),
 * "#/segments" saved segments, "#/segments/<id>" one ("new" to create), "#/customers" the customer list, "#/broadcasts" broadcasts, "#/tasks" the sales rep's tasks, "#/tasks/<id>" one,
 * "#/tasks/figures" the follow-up figures, "#/tasks/team" sales teams and reps.
 */
import { useEffect, useState } from 'react';

export type Route = { page: 'list' } | { page: 'templates' } | { page: 'account' } | { page: 'policy' } | { page: 'channels' } | { page: 'editor'; id: string; version?: number } | { page: 'results'; id: string } | { page: 'results-overview' } | { page: 'customer'; id: string } | { page: 'customers' } | { page: 'broadcasts' } | { page: 'tasks' } | { page: 'task'; id: string } | { page: 'sales-figures' } | { page: 'sales-team' } | { page: 'segments' } | { page: 'segment'; id: string };

export function parseRoute(hash: string): Route {
  const m = /^#?\/j\/([A-Za-z0-9_-]+)(?:\/v\/(\d+))?\/?$/.exec(hash);
  if (m) return { page: 'editor', id: m[1] as string, ...(m[2] ? { version: Number(m[2]) } : {}) };
  const r = /^#?\/j\/([A-Za-z0-9_-]+)\/results\/?$/.exec(hash);
  if (r) return { page: 'results', id: r[1] as string };
  if (/^#?\/templates\/?$/.test(hash)) return { page: 'templates' };
  if (/^#?\/results\/?$/.test(hash)) return { page: 'results-overview' };
  if (/^#?\/account\/?$/.test(hash)) return { page: 'account' };
  if (/^#?\/policy\/?$/.test(hash)) return { page: 'policy' };
  if (/^#?\/channels\/?$/.test(hash)) return { page: 'channels' };
  if (/^#?\/customers\/?$/.test(hash)) return { page: 'customers' };
  if (/^#?\/broadcasts\/?$/.test(hash)) return { page: 'broadcasts' };
  if (/^#?\/segments\/?$/.test(hash)) return { page: 'segments' };
  const sg = /^#?\/segments\/([^/]+)\/?$/.exec(hash);
  if (sg) return { page: 'segment', id: decodeURIComponent(sg[1] as string) };
  if (/^#?\/tasks\/?$/.test(hash)) return { page: 'tasks' };
  if (/^#?\/tasks\/figures\/?$/.test(hash)) return { page: 'sales-figures' };
  if (/^#?\/tasks\/team\/?$/.test(hash)) return { page: 'sales-team' };
  const t = /^#?\/tasks\/([^/]+)\/?$/.exec(hash);
  if (t) return { page: 'task', id: decodeURIComponent(t[1] as string) };
  const c = /^#?\/c\/(.+)$/.exec(hash);
  if (c) return { page: 'customer', id: decodeURIComponent(c[1] as string) };
  return { page: 'list' };
}

export function go(path: string): void {
  window.location.hash = path;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
