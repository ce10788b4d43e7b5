/**
 * What changed between two versions of a journey, in a marketer's words: steps added, removed and
 * changed (field by field, message text before and after), connections added and removed, and
 * journey settings. Pure; both sides are parsed journeys (defaults applied), so a draft and a
 * published definition compare field for field. Moving a step on the canvas is counted, not
 * listed: it changes nothing for a customer.
 *
 * @example
 * const d = diffJourneys(liveVersion, draft);
 * if (!d.same) showReview(d.added, d.removed, d.changed); // "Send SMS" removed, "Wait" 1 -> 2 days
 */
import { kindTitleOf } from '../nodes/kind-of.js';
import { definitionOf, type JourneyNode } from '../nodes/registry.js';
import { parseJourney, type Edge, type Journey } from './journey.js';

/** A step, named as the canvas names it: its label, else its kind's title. */
export interface StepRef {
  nodeId: string;
  title: string;
  /** The kind's title ("Send email"). */
  kind: string;
}

/** One field's value before and after, both as text. */
export interface FieldChange {
  /** Readable path: "subject", "duration › amount", "branches › 2 › label". */
  field: string;
  before: string;
  after: string;
  /** A message text (a Liquid template): shown side by side rather than inline. */
  text: boolean;
}

/** A step present in both versions whose fields changed, with each field before and after. */
export interface StepChange extends StepRef {
  fields: FieldChange[];
}

/** A connection: from a step's output to a step, by titles. */
export interface LinkRef {
  from: string;
  output: string;
  to: string;
}

/**
 * What changed between two versions of a journey: steps added, removed and changed, links added and
 * removed, settings.
 */
export interface JourneyDiff {
  added: StepRef[];
  removed: StepRef[];
  changed: StepChange[];
  links: { added: LinkRef[]; removed: LinkRef[] };
  /** Name, description, stage and settings. */
  journey: FieldChange[];
  /** Steps only moved on the canvas. */
  moved: number;
  /** Nothing a customer would notice changed (at most steps were moved). */
  same: boolean;
}

/** Node fields that are not behaviour: identity and place on the canvas. */
const NOT_BEHAVIOUR = new Set(['id', 'position']);
const NOT_SETTINGS = new Set(['id', 'schemaVersion', 'nodes', 'edges']);

/** How a step is named in a diff: its id, kind and the title a marketer knows it by. */
export function stepRef(node: JourneyNode): StepRef {
  const kind = kindTitleOf(node);
  const label = typeof node.label === 'string' ? node.label.trim() : '';
  return { nodeId: node.id, title: label || kind, kind };
}

/** The differences between two versions of a journey, step by step (shown before publishing). */
export function diffJourneys(before: Journey, after: Journey): JourneyDiff {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const added = after.nodes.filter((n) => !old.has(n.id)).map(stepRef);
  const removed = before.nodes.filter((n) => !now.has(n.id)).map(stepRef);
  const changed: StepChange[] = [];
  let moved = 0;
  for (const n of after.nodes) {
    const o = old.get(n.id);
    if (!o) continue;
    const fields = o.type === n.type ? fieldChanges(o, n, NOT_BEHAVIOUR, textFields(o, n)) : [{ field: 'kind', before: kindTitleOf(o), after: kindTitleOf(n), text: false }];
    if (fields.length > 0) changed.push({ ...stepRef(n), fields });
    else if (o.position.x !== n.position.x || o.position.y !== n.position.y) moved++;
  }
  const links = diffLinks(before, after);
  const journey = fieldChanges(before, after, NOT_SETTINGS, new Set(['description']));
  const same = added.length + removed.length + changed.length + links.added.length + links.removed.length + journey.length === 0;
  return { added, removed, changed, links, journey, moved, same };
}

function diffLinks(before: Journey, after: Journey): JourneyDiff['links'] {
  const key = (e: Edge) => `${e.source}\u0000${e.sourceHandle}\u0000${e.target}`;
  const oldKeys = new Set(before.edges.map(key));
  const newKeys = new Set(after.edges.map(key));
  return {
    added: after.edges.filter((e) => !oldKeys.has(key(e))).map((e) => linkRef(after, e)),
    removed: before.edges.filter((e) => !newKeys.has(key(e))).map((e) => linkRef(before, e)),
  };
}

function linkRef(j: Journey, e: Edge): LinkRef {
  const source = j.nodes.find((n) => n.id === e.source);
  const target = j.nodes.find((n) => n.id === e.target);
  return { from: source ? stepRef(source).title : e.source, output: outputLabel(source, e.sourceHandle), to: target ? stepRef(target).title : e.target };
}

function outputLabel(node: JourneyNode | undefined, output: string): string {
  if (!node) return output;
  try {
    return definitionOf(node.type).outputs(node as never).find((o) => o.id === output)?.label ?? output;
  } catch {
    return output;
  }
}

/** The Liquid template fields of a node (its message text), on either side. */
function textFields(a: JourneyNode, b: JourneyNode): Set<string> {
  const out = new Set<string>();
  for (const n of [a, b]) {
    const templates = definitionOf(n.type).templates?.(n as never) ?? [];
    for (const t of templates) out.add(t.field);
  }
  return out;
}

function fieldChanges(a: object, b: object, skip: ReadonlySet<string>, text: ReadonlySet<string>): FieldChange[] {
  const before = leaves(a, skip);
  const after = leaves(b, skip);
  const out: FieldChange[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const x = before.get(path) ?? '—';
    const y = after.get(path) ?? '—';
    if (x !== y) out.push({ field: readablePath(path), before: x, after: y, text: text.has(path) || x.includes('\n') || y.includes('\n') });
  }
  return out;
}

/** Every leaf of a JSON value by dotted path; lists of plain values are one leaf ("a, b"). */
function leaves(value: object, skip: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) {
      out.set(path, v.length ? v.map(show).join(', ') : '(none)');
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0 && path) out.set(path, '(none)');
      for (const [k, x] of entries) if (path || !skip.has(k)) walk(x, path ? `${path}.${k}` : k);
    } else if (v !== undefined) out.set(path, show(v));
  };
  walk(value, '');
  return out;
}

const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** "branches.0.label" -> "branches › 1 › label", "settings.exitEvents" -> "settings › exit events" (lists counted from 1, as a person counts). */
function readablePath(path: string): string {
  return path
    .split('.')
    .map((s) => (/^\d+$/.test(s) ? String(Number(s) + 1) : s.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()))
    .join(' › ');
}

/**
 * Does the draft differ from the published definition in anything a customer would notice?
 * Both are untrusted JSON here (stored rows); a draft that does not parse counts as changed.
 */
export function hasUnpublishedChanges(published: unknown, draft: unknown): boolean {
  const a = parseJourney(published);
  const b = parseJourney(draft);
  if (!a.ok || !b.ok) return true;
  return !diffJourneys(a.journey, b.journey).same;
}
