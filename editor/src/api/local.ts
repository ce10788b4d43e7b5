/**
 * The stand-alone client: drafts and versions in localStorage. No runtime runs here, so live
 * counts are empty and there are no real customers.
 */
import type { Journey } from '@cairn/core';
import { parseJourney } from '@cairn/core';
import { journeyIdFrom } from '../state/blank.js';
import type { CairnClient, JourneyStatus, JourneySummary, LiveAction, StoredJourney, VersionInfo } from './types.js';

interface LocalVersion extends VersionInfo {
  definition: Journey;
}

const KEY = 'cairn.local.';

function read<T>(storage: Storage, key: string, fallback: T): T {
  const raw = storage.getItem(KEY + key);
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

function write(storage: Storage, key: string, value: unknown): void {
  storage.setItem(KEY + key, JSON.stringify(value));
}

export function localClient(storage: Storage = window.localStorage): CairnClient {
  const index = (): Record<string, JourneySummary> => read(storage, 'index', {});
  const touch = (s: JourneySummary): void => write(storage, 'index', { ...index(), [s.id]: s });

  return {
    kind: 'local',
    async list() {
      return Object.values(index()).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
    async get(id) {
      const summary = index()[id];
      const draft = read<Journey | null>(storage, `draft.${id}`, null);
      if (!summary || !draft) return undefined;
      return { draft, status: summary.status, liveVersion: summary.liveVersion } satisfies StoredJourney;
    },
    async saveDraft(journey) {
      const prev = index()[journey.id];
      write(storage, `draft.${journey.id}`, journey);
      touch({
        id: journey.id,
        name: journey.name,
        status: prev?.status ?? 'draft',
        liveVersion: prev?.liveVersion ?? null,
        updatedAt: new Date().toISOString(),
      });
    },
    async publish(journey, note) {
      const res = parseJourney(journey);
      if (!res.ok) throw new Error(`cannot publish: ${res.problems[0]?.path} ${res.problems[0]?.message}`);
      // As the API does: an archived journey is restored first, a paused one stays paused.
      const prev = index()[journey.id]?.status;
      if (prev === 'archived') throw new Error('the journey is archived: restore it from the archive before publishing');
      const versions = read<LocalVersion[]>(storage, `versions.${journey.id}`, []);
      const info: VersionInfo = { version: versions.length + 1, note, publishedAt: new Date().toISOString() };
      write(storage, `versions.${journey.id}`, [...versions, { ...info, definition: res.journey }]);
      write(storage, `draft.${journey.id}`, journey);
      touch({ id: journey.id, name: journey.name, status: prev === 'paused' ? 'paused' : 'active', liveVersion: info.version, updatedAt: info.publishedAt });
      return info;
    },
    async versions(id) {
      return read<LocalVersion[]>(storage, `versions.${id}`, [])
        .map(({ version, note, publishedAt }) => ({ version, note, publishedAt }))
        .reverse();
    },
    async version(id, version) {
      const v = read<LocalVersion[]>(storage, `versions.${id}`, []).find((x) => x.version === version);
      if (!v) throw new Error(`version ${version} of ${id} not found`);
      return v.definition;
    },
    async counts() {
      return {};
    },
    async catalog() {
      return {};
    },
    async extensions() {
      return { actions: [], triggers: [] };
    },
    async customers() {
      return [];
    },
    async customer() {
      return undefined;
    },
    async remove(id) {
      const summary = index()[id];
      if (summary?.liveVersion) throw new Error(`“${summary.name}” was published (live version ${summary.liveVersion}), so it keeps its history: archive it instead of deleting it`);
      const { [id]: _gone, ...rest } = index();
      write(storage, 'index', rest);
      storage.removeItem(`${KEY}draft.${id}`);
      storage.removeItem(`${KEY}versions.${id}`);
    },
    async duplicate(id) {
      const draft = read<Journey | null>(storage, `draft.${id}`, null);
      if (!draft) throw new Error(`no journey “${id}”`);
      const name = `Copy of ${draft.name}`.slice(0, 200);
      const copy = { ...draft, id: journeyIdFrom(name), name };
      write(storage, `draft.${copy.id}`, copy);
      touch({ id: copy.id, name, status: 'draft', liveVersion: null, updatedAt: new Date().toISOString() });
      return copy.id;
    },
    // No runtime here: only the status changes (nobody is inside to reach).
    async control(id, action) {
      const summary = index()[id];
      if (!summary) throw new Error(`no journey “${id}”`);
      touch({ ...summary, status: LOCAL_STATUS[action](summary) });
      return { signalled: 0 };
    },
    async waiting() {
      return { total: 0, steps: [] };
    },
    async previewMove() {
      return undefined;
    },
  };
}

const LOCAL_STATUS: Record<LiveAction, (s: JourneySummary) => JourneyStatus> = {
  pause: () => 'paused',
  resume: () => 'active',
  stop: () => 'stopped',
  archive: () => 'archived',
  unarchive: (s) => (s.liveVersion ? 'stopped' : 'draft'),
};
