/**
 * Evaluates rules against facts, and says why: every result carries a sentence a marketer can read
 * ("lifetimeValue is 1200, at least 1000"). Pure; safe in the browser and in workflows.
 */
import { durationMs } from '../journey/primitives.js';
import { durationInWords } from '../nodes/words.js';
import type { Facts } from './facts.js';
import { isGroup, type Operator, type Rule, type RuleGroup, type RuleValue } from './schema.js';

export interface RuleResult {
  matched: boolean;
  reason: string;
}

/** Reads a dotted path (`address.city`) from a record. */
export function readPath(source: Record<string, unknown> | undefined, path: string): unknown {
  let cur: unknown = source;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

const OP_WORDS: Record<Operator, string> = {
  eq: 'equal to',
  neq: 'not equal to',
  gt: 'more than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  contains: 'containing',
  notContains: 'not containing',
  startsWith: 'starting with',
  in: 'one of',
  notIn: 'none of',
  exists: 'set',
  notExists: 'not set',
};

function asComparable(v: unknown): number | string | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = Number(v);
    if (v.trim() !== '' && Number.isFinite(n)) return n;
    // ISO dates compare as instants, so "signedUpAt before 2026-01-01" works.
    if (/^\d{4}-\d{2}-\d{2}/.test(v)) {
      const t = Date.parse(v);
      if (!Number.isNaN(t)) return t;
    }
    return v;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

function looselyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || a === null || b === undefined || b === null) return false;
  const ca = asComparable(a);
  const cb = asComparable(b);
  if (typeof ca === 'string' && typeof cb === 'string') return ca.toLowerCase() === cb.toLowerCase();
  return ca !== undefined && ca === cb;
}

/** Applies one comparison operator. Missing values never satisfy a comparison except `notExists`/`neq`/`notIn`. */
export function compare(actual: unknown, operator: Operator, expected: RuleValue | undefined): boolean {
  const list = Array.isArray(expected) ? expected : [expected];
  switch (operator) {
    case 'exists':
      return actual !== undefined && actual !== null && actual !== '';
    case 'notExists':
      return actual === undefined || actual === null || actual === '';
    case 'eq':
      return looselyEqual(actual, expected);
    case 'neq':
      return !looselyEqual(actual, expected);
    case 'in':
      return list.some((e) => looselyEqual(actual, e));
    case 'notIn':
      return !list.some((e) => looselyEqual(actual, e));
    case 'contains':
    case 'notContains': {
      const has = Array.isArray(actual)
        ? actual.some((a) => looselyEqual(a, expected))
        : typeof actual === 'string' && String(expected ?? '').length > 0
          ? actual.toLowerCase().includes(String(expected).toLowerCase())
          : false;
      return operator === 'contains' ? has : !has;
    }
    case 'startsWith':
      return typeof actual === 'string' && actual.toLowerCase().startsWith(String(expected ?? '').toLowerCase());
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const a = asComparable(actual);
      const e = asComparable(expected);
      if (a === undefined || e === undefined || typeof a !== typeof e) return false;
      if (operator === 'gt') return a > e;
      if (operator === 'gte') return a >= e;
      if (operator === 'lt') return a < e;
      return a <= e;
    }
  }
}

function show(v: unknown): string {
  if (v === undefined) return 'not set';
  if (Array.isArray(v)) return v.map(show).join(', ');
  return typeof v === 'string' ? `"${v}"` : String(v);
}

function describe(subject: string, actual: unknown, op: Operator, expected: RuleValue | undefined): string {
  const want = op === 'exists' || op === 'notExists' ? OP_WORDS[op] : `${OP_WORDS[op]} ${show(expected)}`;
  return `${subject} is ${show(actual)}, wanted ${want}`;
}

/** Evaluates one rule. */
export function evaluateRule(rule: Rule, facts: Facts): RuleResult {
  switch (rule.kind) {
    case 'attribute': {
      const actual = readPath(facts.attributes, rule.attribute);
      return {
        matched: compare(actual, rule.operator, rule.value),
        reason: describe(rule.attribute, actual, rule.operator, rule.value),
      };
    }
    case 'property': {
      const actual = readPath(facts.event?.properties, rule.property);
      return {
        matched: compare(actual, rule.operator, rule.value),
        reason: describe(`event property ${rule.property}`, actual, rule.operator, rule.value),
      };
    }
    case 'event': {
      const since = rule.within ? facts.now - durationMs(rule.within) : -Infinity;
      let count = 0;
      for (const e of facts.history) {
        if (e.name !== rule.event || e.at < since || e.at > facts.now) continue;
        if (rule.where.every((w) => compare(readPath(e.properties, w.property), w.operator, w.value))) count++;
      }
      const { operator, value } = rule.count;
      const matched = operator === 'gte' ? count >= value : operator === 'lte' ? count <= value : count === value;
      const window = rule.within ? ` in the last ${durationInWords(rule.within)}` : '';
      return { matched, reason: `${rule.event} happened ${count} time${count === 1 ? '' : 's'}${window}, wanted ${OP_WORDS[operator]} ${value}` };
    }
  }
}

/** Evaluates a group. An empty AND group matches; an empty OR group does not. */
export function evaluateGroup(group: RuleGroup, facts: Facts): RuleResult {
  const reasons: string[] = [];
  if (group.rules.length === 0) {
    return { matched: group.op === 'and', reason: group.op === 'and' ? 'no conditions' : 'no alternatives' };
  }
  for (const r of group.rules) {
    const res = isGroup(r) ? evaluateGroup(r, facts) : evaluateRule(r, facts);
    // Short-circuit, and explain with the rule that decided the outcome.
    if (group.op === 'and' && !res.matched) return { matched: false, reason: res.reason };
    if (group.op === 'or' && res.matched) return { matched: true, reason: res.reason };
    reasons.push(res.reason);
  }
  return { matched: group.op === 'and', reason: reasons.join(group.op === 'and' ? ' and ' : '; ') };
}

/** Every event name a group refers to (the runtime loads only those events' history). */
export function eventsReferenced(group: RuleGroup, into = new Set<string>()): Set<string> {
  for (const r of group.rules) {
    if (isGroup(r)) eventsReferenced(r, into);
    else if (r.kind === 'event') into.add(r.event);
  }
  return into;
}

/** Every attribute path a group refers to (graph checks use them as known template variables). */
export function attributesReferenced(group: RuleGroup, into = new Set<string>()): Set<string> {
  for (const r of group.rules) {
    if (isGroup(r)) attributesReferenced(r, into);
    else if (r.kind === 'attribute') into.add(r.attribute);
  }
  return into;
}
