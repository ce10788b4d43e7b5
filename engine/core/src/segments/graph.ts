/**
 * What a segment depends on, and the order segments are evaluated in. The incremental update
 * re-evaluates only the segments an event or trait change can affect (and those that reference
 * them); membership rules form a graph that must have no cycle.
 */
import { rulesOf, type SegmentGroup } from './schema.js';

/**
 * What a segment's membership depends on, so an incoming change re-evaluates only the segments it can
 * affect.
 */
export interface SegmentDeps {
  /** Event names counted by event-history rules. */
  events: Set<string>;
  /** Attribute paths read (tags read `tags`); the first path segment is what a trait change names. */
  attributes: Set<string>;
  /** "Seen with" rules: any event may match (its context), so every incoming event re-evaluates. */
  seen: boolean;
  /** Consent or suppression rules: re-evaluated on every change of the customer. */
  policy: boolean;
  /** Rules that depend on the clock (event windows, relative dates): the sweep re-checks these. */
  timeRelative: boolean;
  /** Ids of the segments referenced by membership rules. */
  segments: Set<string>;
}

// Definitions are immutable once loaded: their dependencies are computed once per object.
const memo = new WeakMap<SegmentGroup, SegmentDeps>();

/** The dependencies of a segment definition (memoised per definition object). */
export function depsOf(definition: SegmentGroup): SegmentDeps {
  const cached = memo.get(definition);
  if (cached) return cached;
  const d: SegmentDeps = { events: new Set(), attributes: new Set(), policy: false, seen: false, timeRelative: false, segments: new Set() };
  for (const r of rulesOf(definition)) {
    switch (r.kind) {
      case 'attribute':
        d.attributes.add(r.attribute.split('.')[0]!);
        break;
      case 'date':
        d.attributes.add(r.attribute.split('.')[0]!);
        d.timeRelative = true;
        break;
      case 'tag':
        d.attributes.add('tags');
        break;
      case 'event':
        d.events.add(r.event);
        if (r.within) d.timeRelative = true;
        break;
      case 'seen':
        d.seen = true;
        if (r.within) d.timeRelative = true;
        break;
      case 'consent':
      case 'suppression':
        d.policy = true;
        break;
      case 'segment':
        d.segments.add(r.segmentId);
        break;
    }
  }
  memo.set(definition, d);
  return d;
}

/** A saved segment as the graph checks read it. */
export interface SegmentRef {
  id: string;
  name: string;
  definition: SegmentGroup;
}

/**
 * A membership rule naming a segment that does not exist, or segments that reference each other in a cycle.
 */
export type GraphProblem =
  | { kind: 'missing'; segmentId: string; missingId: string; message: string }
  | { kind: 'cycle'; path: string[]; message: string };

/**
 * Missing references and cycles among `segments`, in words naming the segments ("VIP → Churn
 * risk → VIP"). Empty when the graph is sound.
 */
export function checkSegmentGraph(segments: readonly SegmentRef[]): GraphProblem[] {
  const byId = new Map(segments.map((s) => [s.id, s]));
  const name = (id: string) => (byId.has(id) ? `"${byId.get(id)!.name}"` : id);
  const problems: GraphProblem[] = [];
  for (const s of segments) {
    for (const ref of depsOf(s.definition).segments) {
      if (!byId.has(ref)) problems.push({ kind: 'missing', segmentId: s.id, missingId: ref, message: `${name(s.id)} refers to a segment that does not exist (${ref})` });
    }
  }
  // Depth-first search with colours: grey on the stack, black done.
  const colour = new Map<string, 'grey' | 'black'>();
  const stack: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string): void => {
    colour.set(id, 'grey');
    stack.push(id);
    for (const ref of depsOf(byId.get(id)!.definition).segments) {
      if (!byId.has(ref)) continue;
      if (colour.get(ref) === 'grey') {
        const cycle = [...stack.slice(stack.indexOf(ref)), ref];
        const key = [...cycle].sort().join(',');
        if (!seen.has(key)) {
          seen.add(key);
          problems.push({ kind: 'cycle', path: cycle, message: `circular segment reference: ${cycle.map(name).join(' → ')}` });
        }
      } else if (!colour.has(ref)) visit(ref);
    }
    stack.pop();
    colour.set(id, 'black');
  };
  for (const s of segments) if (!colour.has(s.id)) visit(s.id);
  return problems;
}

/** Segments in evaluation order: every segment after those it references. Assumes no cycle. */
export function evaluationOrder<T extends SegmentRef>(segments: readonly T[]): T[] {
  const byId = new Map(segments.map((s) => [s.id, s]));
  const out: T[] = [];
  const done = new Set<string>();
  const visit = (s: T, depth: number): void => {
    if (done.has(s.id) || depth > segments.length) return;
    for (const ref of depsOf(s.definition).segments) {
      const dep = byId.get(ref);
      if (dep) visit(dep, depth + 1);
    }
    if (!done.has(s.id)) {
      done.add(s.id);
      out.push(s);
    }
  };
  for (const s of segments) visit(s, 0);
  return out;
}

/** What changed for one customer: the event that arrived and the attributes it changed. */
export interface CustomerChange {
  events: readonly string[];
  attributes: readonly string[];
  /** The customer was created by this call: every segment is evaluated once (a rule like "never did X" matches a newcomer). */
  newCustomer?: boolean;
}

/**
 * The segments to re-evaluate after `change`, in evaluation order: those whose rules read what
 * changed, those with consent or suppression rules, and every segment that references one of
 * them (its membership may have moved).
 */
export function affectedSegments<T extends SegmentRef>(ordered: readonly T[], change: CustomerChange): T[] {
  const hit = new Set<string>();
  const out: T[] = [];
  for (const s of ordered) {
    const d = depsOf(s.definition);
    const touched =
      change.newCustomer === true ||
      d.policy ||
      change.events.some((e) => d.events.has(e)) ||
      (d.seen && change.events.length > 0) ||
      change.attributes.some((a) => d.attributes.has(a.split('.')[0]!)) ||
      [...d.segments].some((id) => hit.has(id));
    if (touched) {
      hit.add(s.id);
      out.push(s);
    }
  }
  return out;
}
