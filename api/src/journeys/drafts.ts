/**
 * Drafts: what the marketer is editing. A draft is stored whatever its state (nothing typed is
 * lost); its problems come back with it so the editor can show them. Publishing is stricter.
 */
import type { Db, JourneyRow } from '@cairn/db';
import { checkJourney, parseJourney, type Problem } from '@cairn/core';
import { TRPCError } from '@trpc/server';

/** The problems of a draft: schema problems if it does not parse, else the graph checks'. */
export function draftProblems(draft: unknown): Problem[] {
  const parsed = parseJourney(draft);
  if (!parsed.ok) {
    return parsed.problems.map((p) => ({ code: 'schema', severity: 'error', field: p.path, message: p.path ? `${p.path}: ${p.message}` : p.message }));
  }
  return checkJourney(parsed.journey);
}

function nameOf(draft: unknown, fallback: string): string {
  const name = typeof draft === 'object' && draft !== null ? (draft as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, 200) : fallback;
}

function descriptionOf(draft: unknown): string {
  const d = typeof draft === 'object' && draft !== null ? (draft as { description?: unknown }).description : undefined;
  return typeof d === 'string' ? d.slice(0, 5000) : '';
}

/** A draft must at least be a JSON object; its `id` is forced to the journey's id. */
export function asDraftObject(id: string, draft: unknown): Record<string, unknown> {
  if (typeof draft !== 'object' || draft === null || Array.isArray(draft)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'a journey draft must be a JSON object' });
  }
  return { ...(draft as Record<string, unknown>), id };
}

/** Creates or replaces the draft of journey `id`. */
export async function saveDraft(db: Db, id: string, draft: unknown): Promise<{ journey: JourneyRow; problems: Problem[] }> {
  const body = asDraftObject(id, draft);
  const journey = await writeDraft(db, id, body);
  return { journey, problems: draftProblems(body) };
}

/** The one write of a draft (with its name and description), also used inside publish's transaction. */
export function writeDraft(db: Pick<Db, 'journey'>, id: string, body: Record<string, unknown>): Promise<JourneyRow> {
  const name = nameOf(body, 'Untitled journey');
  return db.journey.upsert({
    where: { id },
    create: { id, name, description: descriptionOf(body), draft: body as object },
    update: { name, description: descriptionOf(body), draft: body as object },
  });
}

/** A fresh journey id from a name: "Welcome series" -> "welcome-series-k3j9". */
export function newJourneyId(name: string, random: () => number = Math.random): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'journey';
  return `${slug}-${Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0')}`;
}

/** An empty journey: a manual trigger and nothing else (the editor starts from here). */
export function blankDraft(id: string, name: string): Record<string, unknown> {
  return {
    id,
    name,
    description: '',
    settings: { entry: { mode: 'once', reentryAfterDays: 0, maxConcurrent: 1 }, exitEvents: [], timeZone: 'UTC', attributes: [] },
    nodes: [{ id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 } }],
    edges: [],
  };
}
