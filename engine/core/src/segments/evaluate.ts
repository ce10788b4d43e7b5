/**
 * Decides whether one customer is in a segment. Pure: the same facts give the same answer in the
 * incremental update, the full recompute, the estimate and the property test.
 */
import { durationMs } from '../journey/primitives.js';
import { evaluateRule } from '../rules/evaluate.js';
import type { CustomerEvent, Facts } from '../rules/facts.js';
import { readPath, compare } from '../rules/evaluate.js';
import { isSegmentGroup, type ContextFilter, type RelativeDateRule, type SegmentGroup, type SegmentRule } from './schema.js';

/** A customer's consent on one topic and channel, as segment rules read it. */
export interface ConsentFact {
  topic: string;
  channel: string;
  status: 'granted' | 'refused';
  /** Epoch ms: the latest record for a topic and channel wins. */
  at: number;
}

/** A past event with the Segment `context` it was sent with (absent: sent without one). */
export interface SegmentEvent extends CustomerEvent {
  context?: Record<string, unknown>;
}

/** What a segment is evaluated against: the rule facts plus contexts, consent, suppressions and memberships. */
export interface SegmentFacts extends Facts {
  history: readonly SegmentEvent[];
  /**
   * Every call the customer sent with a context, any event name (for "seen with" rules; empty
   * when no segment being evaluated has one).
   */
  seen: ReadonlyArray<{ at: number; context: Record<string, unknown> }>;
  consents: readonly ConsentFact[];
  /** Channels with an active suppression ("all" included as such). */
  suppressedChannels: readonly string[];
  /** Ids of the segments the customer is in (for membership rules). */
  memberOf: ReadonlySet<string>;
}

const DAY = 86_400_000;

function relativeDate(rule: RelativeDateRule, facts: SegmentFacts): boolean {
  const raw = readPath(facts.attributes, rule.attribute);
  const t = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : NaN;
  if (!Number.isFinite(t)) return false;
  const span = rule.days * DAY;
  switch (rule.when) {
    case 'inLast':
      return t <= facts.now && t >= facts.now - span;
    case 'inNext':
      return t >= facts.now && t <= facts.now + span;
    case 'moreThanAgo':
      return t < facts.now - span;
    case 'anniversaryInNext': {
      // The next anniversary (month and day, UTC) on or after today.
      const d = new Date(t);
      const today = new Date(facts.now);
      const startOfToday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
      let next = Date.UTC(today.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      if (next < startOfToday) next = Date.UTC(today.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate());
      return next - startOfToday <= span;
    }
  }
}

function latestConsent(facts: SegmentFacts, topic: string, channel: string): 'granted' | 'refused' | 'unknown' {
  let best: ConsentFact | undefined;
  for (const c of facts.consents) {
    if (c.topic !== topic || (c.channel !== channel && c.channel !== 'all')) continue;
    if (!best || c.at >= best.at) best = c;
  }
  return best?.status ?? 'unknown';
}

function contextMatches(filters: readonly ContextFilter[], context: Record<string, unknown> | undefined): boolean {
  return filters.every((f) => compare(readPath(context ?? {}, f.field), f.operator, f.value));
}

/** Whether one segment condition holds for a customer's facts (groups go through `evaluateSegment`). */
export function evaluateSegmentRule(rule: SegmentRule, facts: SegmentFacts): boolean {
  switch (rule.kind) {
    case 'attribute':
      return compare(readPath(facts.attributes, rule.attribute), rule.operator, rule.value);
    case 'event':
      // Context filters narrow the history first; the count, window and property filters are the rule language's.
      return evaluateRule(rule, rule.context?.length ? { ...facts, history: facts.history.filter((e) => contextMatches(rule.context!, e.context)) } : facts).matched;
    case 'seen': {
      const since = rule.within ? facts.now - durationMs(rule.within) : -Infinity;
      return facts.seen.some((e) => e.at >= since && e.at <= facts.now && contextMatches(rule.context, e.context));
    }
    case 'date':
      return relativeDate(rule, facts);
    case 'tag': {
      const tags = facts.attributes.tags;
      const has = Array.isArray(tags) && tags.map(String).includes(rule.tag);
      return has === rule.has;
    }
    case 'consent':
      return latestConsent(facts, rule.topic, rule.channel) === rule.status;
    case 'suppression': {
      // "all" blocks every channel; a rule on "all" asks for a suppression of everything.
      const s = facts.suppressedChannels.includes('all') || (rule.channel !== 'all' && facts.suppressedChannels.includes(rule.channel));
      return s === rule.suppressed;
    }
    case 'segment':
      return facts.memberOf.has(rule.segmentId) === rule.member;
  }
}

/** An empty AND group matches everyone; an empty OR group no one (as in engine/core/src/rules). */
export function evaluateSegment(group: SegmentGroup, facts: SegmentFacts): boolean {
  if (group.op === 'and') return group.rules.every((r) => (isSegmentGroup(r) ? evaluateSegment(r, facts) : evaluateSegmentRule(r, facts)));
  return group.rules.some((r) => (isSegmentGroup(r) ? evaluateSegment(r, facts) : evaluateSegmentRule(r, facts)));
}
