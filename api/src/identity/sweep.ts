/**
 * Turning "merge customers with the same email or phone" on merges the duplicates already
 * stored, not only the ones the next writes create: one pass over every known live profile that
 * shares an address key with another (one query on the indexed key expressions), merged as the
 * import merges (by-address.ts: the profile seen first survives, one transaction per merge, runs
 * told), 100 profiles at a time.
 *
 * Its progress is a workspace setting row (`identity-sweep`), so the customer page shows it and
 * any API process carries on a pass whose process stopped: the 15-second tick resumes a pass
 * still "running" whose heartbeat is older than a minute. Two passes at once would only find
 * their merges done (a merge is skipped once made); the heartbeat keeps that rare.
 */
import { Prisma, type Db } from '@cairn/db';
import { z } from 'zod';
import type { RouteDeps } from '../enrol/route.js';
import { mergeSameAddress } from './by-address.js';
import { emailKeySql, emailLooksRealSql, phoneKeySql } from './match-keys.js';
import { loadIdentitySettings } from './settings.js';

export const SWEEP_KEY = 'identity-sweep';
const BATCH = 100;
const STALE_MS = 60_000;

export const SweepState = z.object({
  state: z.enum(['running', 'done', 'failed', 'stopped']),
  /** Profiles sharing an address with another when the pass began. */
  total: z.number(),
  /** Of those, how many were looked at. */
  checked: z.number(),
  /** Profiles merged into another by the pass. */
  merged: z.number(),
  startedAt: z.string(),
  heartbeatAt: z.string(),
  finishedAt: z.string().optional(),
  by: z.string(),
  error: z.string().optional(),
});
export type SweepState = z.infer<typeof SweepState>;

export async function loadSweep(db: Pick<Db, 'workspaceSetting'>): Promise<SweepState | null> {
  const row = await db.workspaceSetting.findUnique({ where: { key: SWEEP_KEY } });
  const parsed = SweepState.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

async function save(db: Pick<Db, 'workspaceSetting'>, s: SweepState): Promise<void> {
  await db.workspaceSetting.upsert({ where: { key: SWEEP_KEY }, create: { key: SWEEP_KEY, value: s }, update: { value: s } });
}

/**
 * The known live profiles whose email or phone key another known live profile shares, oldest
 * first: only keys that look like real addresses, as every merge by address checks them
 * (match-keys.ts), so placeholders ("n/a", "none@none") are neither counted nor looked at.
 */
export async function profilesSharingAnAddress(db: Pick<Db, '$queryRaw'>): Promise<string[]> {
  const email = emailKeySql(Prisma.raw('email'));
  const phone = phoneKeySql(Prisma.raw('phone'));
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM (
      SELECT id, "createdAt", count(*) OVER (PARTITION BY ${email}) AS n FROM "Customer"
       WHERE "mergedInto" IS NULL AND NOT anonymous AND email IS NOT NULL AND ${emailLooksRealSql(email)}
      UNION ALL
      SELECT id, "createdAt", count(*) OVER (PARTITION BY ${phone}) AS n FROM "Customer"
       WHERE "mergedInto" IS NULL AND NOT anonymous AND phone IS NOT NULL AND ${phone} ~ '^[+]?[0-9]{7,15}$'
    ) shared WHERE n > 1 GROUP BY id ORDER BY min("createdAt"), id`;
  return rows.map((r) => r.id);
}

const running = new Set<string>();

/**
 * Starts a pass (or joins the one this process runs) and returns its state as it starts; the
 * work goes on in the background. Resolves `done` when the pass ends, for callers that wait.
 */
export async function startDuplicateSweep(deps: RouteDeps, by: string, log: (m: string) => void = () => {}): Promise<{ state: SweepState; done: Promise<SweepState> }> {
  const ids = await profilesSharingAnAddress(deps.db);
  const now = new Date(deps.clock.now()).toISOString();
  const state: SweepState = { state: 'running', total: ids.length, checked: 0, merged: 0, startedAt: now, heartbeatAt: now, by };
  await save(deps.db, state);
  return { state: { ...state }, done: run(deps, ids, state, log) };
}

/** Carries on a pass left "running" by a process that stopped (called from the API's tick). */
export async function resumeDuplicateSweep(deps: RouteDeps, log: (m: string) => void): Promise<void> {
  if (running.size) return;
  const s = await loadSweep(deps.db);
  if (!s || s.state !== 'running' || deps.clock.now() - Date.parse(s.heartbeatAt) < STALE_MS) return;
  log(`identity: resuming the merge of existing duplicates (${s.checked} of ${s.total} looked at)`);
  // The ones still sharing an address: what was merged before the stop is no longer listed.
  const ids = await profilesSharingAnAddress(deps.db);
  // In the background: the tick that called this has routing and schedules to keep up.
  void run(deps, ids, { ...s, total: s.checked + ids.length }, log);
}

async function run(deps: RouteDeps, ids: string[], state: SweepState, log: (m: string) => void): Promise<SweepState> {
  const key = state.startedAt;
  running.add(key);
  try {
    for (let i = 0; i < ids.length; i += BATCH) {
      // Turned off meanwhile: stop where it is.
      if (!(await loadIdentitySettings(deps.db)).mergeOnSameAddress) {
        state = { ...state, state: 'stopped', finishedAt: new Date(deps.clock.now()).toISOString() };
        await save(deps.db, state);
        return state;
      }
      const outcomes = await mergeSameAddress(deps, ids.slice(i, i + BATCH), state.by);
      state = { ...state, checked: state.checked + Math.min(BATCH, ids.length - i), merged: state.merged + outcomes.filter((o) => o.merged).length, heartbeatAt: new Date(deps.clock.now()).toISOString() };
      await save(deps.db, state);
    }
    state = { ...state, state: 'done', finishedAt: new Date(deps.clock.now()).toISOString() };
    await save(deps.db, state);
    log(`identity: existing duplicates merged: ${state.merged} profiles (${state.total} shared an address)`);
    return state;
  } catch (err) {
    state = { ...state, state: 'failed', error: (err as Error).message, finishedAt: new Date(deps.clock.now()).toISOString() };
    await save(deps.db, state).catch(() => {});
    log(`identity: merging existing duplicates failed: ${state.error}`);
    return state;
  } finally {
    running.delete(key);
  }
}
