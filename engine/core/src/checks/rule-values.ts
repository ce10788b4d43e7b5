/**
 * A condition left without a value ("lifetimeValue at least …") silently misbehaves: comparisons
 * with nothing never match, and "equal to nothing" matches everyone without the attribute.
 * Only "is set" / "is not set" need no value.
 */
import type { JourneyNode } from '../nodes/registry.js';
import type { Operator, PropertyRule, Rule, RuleGroup } from '../rules/schema.js';
import { isGroup } from '../rules/schema.js';
import type { JourneyGraph } from './graph.js';
import type { Problem } from './problem.js';
import { error, nodeName, quote } from './problem.js';

const NO_VALUE: ReadonlySet<Operator> = new Set(['exists', 'notExists']);
const needsValue = (op: Operator, value: unknown) => !NO_VALUE.has(op) && value === undefined;

/** Subjects ("lifetimeValue", "event property total") of the conditions that lack a value. */
function missingInGroup(group: RuleGroup, into: string[]): void {
  for (const r of group.rules ?? []) {
    if (isGroup(r)) missingInGroup(r, into);
    else missingInRule(r, into);
  }
}

function missingInRule(rule: Rule, into: string[]): void {
  if (rule.kind === 'attribute' && needsValue(rule.operator, rule.value)) into.push(rule.attribute);
  if (rule.kind === 'property' && needsValue(rule.operator, rule.value)) into.push(`event property ${rule.property}`);
  if (rule.kind === 'event') missingInWhere(rule.where ?? [], into);
}

function missingInWhere(where: readonly PropertyRule[], into: string[]): void {
  for (const w of where) if (needsValue(w.operator, w.value)) into.push(`event property ${w.property}`);
}

function missingIn(g: JourneyGraph, node: JourneyNode): string[] {
  const subjects: string[] = [];
  if (node.type === 'wait.event') missingInWhere(node.where ?? [], subjects);
  if (node.type === 'trigger.attribute' && node.to && needsValue(node.to.operator, node.to.value)) subjects.push(`new value of ${node.attribute}`);
  const def = g.defs.get(node.id);
  if (def?.rules) {
    try {
      for (const group of def.rules(node)) missingInGroup(group, subjects);
    } catch {
      // malformed input; the schema reports it
    }
  }
  return subjects;
}

export function checkRuleValues(g: JourneyGraph): Problem[] {
  const problems: Problem[] = [];
  for (const node of g.nodes.values()) {
    for (const subject of new Set(missingIn(g, node))) {
      problems.push(
        error({
          code: 'rule-without-value',
          nodeId: node.id,
          message: `${nodeName(node)} has a condition on ${quote(subject)} with no value to compare with, so it would not work as intended. Fill in the value.`,
        }),
      );
    }
  }
  return problems;
}
