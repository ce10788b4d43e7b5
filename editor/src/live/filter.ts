/**
 * The journeys list's search, filters and order, as one pure function over the summaries (a
 * workspace has tens to hundreds of journeys: filtering in the browser keeps the list instant).
 */
import type { JourneySummary } from '../api/client.js';

/** Status filter: "all" hides archived journeys; "archived" shows only them. */
export type StatusFilter = 'all' | 'draft' | 'live' | 'paused' | 'stopped' | 'changes' | 'archived';
export type SortOrder = 'changed-desc' | 'changed-asc' | 'name';

export interface ListView {
  query: string;
  /** A lifecycle stage, or "" for any. */
  stage: string;
  status: StatusFilter;
  sort: SortOrder;
}

export const DEFAULT_VIEW: ListView = { query: '', stage: '', status: 'all', sort: 'changed-desc' };

export const STATUS_FILTERS: Array<[StatusFilter, string]> = [
  ['all', 'All but archived'],
  ['live', 'Live'],
  ['paused', 'Paused'],
  ['stopped', 'Stopped'],
  ['draft', 'Never published'],
  ['changes', 'Unpublished changes'],
  ['archived', 'Archived'],
];

function matchesStatus(j: JourneySummary, f: StatusFilter): boolean {
  if (f === 'archived') return j.status === 'archived';
  if (j.status === 'archived') return false;
  switch (f) {
    case 'all':
      return true;
    case 'live':
      return j.status === 'active';
    case 'changes':
      return !!j.unpublishedChanges;
    default:
      return j.status === f;
  }
}

export function viewJourneys(list: readonly JourneySummary[], v: ListView): JourneySummary[] {
  const words = v.query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = list.filter(
    (j) => matchesStatus(j, v.status) && (!v.stage || j.stage === v.stage) && words.every((w) => j.name.toLowerCase().includes(w)),
  );
  const byChange = (a: JourneySummary, b: JourneySummary) => a.updatedAt.localeCompare(b.updatedAt);
  return shown.sort(v.sort === 'name' ? (a, b) => a.name.localeCompare(b.name) : v.sort === 'changed-asc' ? byChange : (a, b) => byChange(b, a));
}
