/** A tiny hash router: "#/" journeys, "#/j/<id>" editor, "#/j/<id>/v/<n>" a version, read-only. */
import { useEffect, useState } from 'react';

export type Route = { page: 'list' } | { page: 'editor'; id: string; version?: number };

export function parseRoute(hash: string): Route {
  const m = /^#?\/j\/([A-Za-z0-9_-]+)(?:\/v\/(\d+))?\/?$/.exec(hash);
  if (m) return { page: 'editor', id: m[1] as string, ...(m[2] ? { version: Number(m[2]) } : {}) };
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
