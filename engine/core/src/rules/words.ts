/**
 * A rule group in a marketer's words, for the canvas ("plan is "pro" and Order Completed at
 * least 2 times in the last 7 days"). Short by design: a node shows one line per branch.
 */
import { durationInWords } from '../nodes/words.js';
import { isGroup, type Operator, type Rule, type RuleGroup, type RuleValue } from './schema.js';

/** Each operator in words: the canvas and the editor's rule builder say the same. */
export const OPERATOR_WORDS: Record<Operator, string> = {
  eq: 'is',
  neq: 'is not',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  contains: 'contains',
  notContains: 'does not contain',
  startsWith: 'starts with',
  in: 'is one of',
  notIn: 'is none of',
  exists: 'is set',
  notExists: 'is not set',
};

const COUNT: Record<'gte' | 'lte' | 'eq', string> = { gte: 'at least', lte: 'at most', eq: 'exactly' };

function show(v: RuleValue | undefined): string {
  if (v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => show(x)).join(', ');
  return typeof v === 'string' ? `“${v}”` : String(v);
}

function condition(subject: string, op: Operator, value: RuleValue | undefined): string {
  return op === 'exists' || op === 'notExists' ? `${subject} ${OPERATOR_WORDS[op]}` : `${subject} ${OPERATOR_WORDS[op]} ${show(value)}`;
}

/** A rule in words a marketer reads ("plan is pro"). */
export function ruleInWords(rule: Rule): string {
  switch (rule.kind) {
    case 'attribute':
      return condition(rule.attribute, rule.operator, rule.value);
    case 'property':
      return condition(`event ${rule.property}`, rule.operator, rule.value);
    case 'event': {
      const n = rule.count.value;
      const window = rule.within ? ` in the last ${durationInWords(rule.within)}` : '';
      return `${rule.event} ${COUNT[rule.count.operator]} ${n} time${n === 1 ? '' : 's'}${window}`;
    }
  }
}

/** "everyone" for an empty AND group, "no one" for an empty OR group; nested groups in brackets. */
export function groupInWords(group: RuleGroup): string {
  if (group.rules.length === 0) return group.op === 'and' ? 'everyone' : 'no one';
  return group.rules.map((r) => (isGroup(r) ? `(${groupInWords(r)})` : ruleInWords(r))).join(group.op === 'and' ? ' and ' : ' or ');
}
