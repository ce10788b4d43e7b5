/**
 * A goal on the same event a "wait for an event" step waits for wins, wherever the customer is:
 * the customer leaves the journey as converted, so the wait's "event" branch is never taken.
 * Usually a mistake (the marketer meant the branch to run); a warning, since it may be on purpose.
 */
import type { JourneyGraph } from './graph.js';
import type { Problem } from './problem.js';
import { nodeName, quote, warning } from './problem.js';

export function checkGoalShadows(g: JourneyGraph): Problem[] {
  // Only unconditional goals always win; a goal with a filter may let some events through.
  const goals = new Map<string, string>();
  for (const node of g.nodes.values()) {
    if (node.type === 'goal' && node.filter.rules.length === 0 && !goals.has(node.event)) goals.set(node.event, node.id);
  }
  const problems: Problem[] = [];
  for (const node of g.nodes.values()) {
    if (node.type !== 'wait.event' || node.where.length > 0) continue;
    const goalId = goals.get(node.event);
    if (!goalId) continue;
    const goal = g.nodes.get(goalId)!;
    problems.push(
      warning({
        code: 'goal-shadows-wait',
        nodeId: node.id,
        field: 'event',
        message: `${nodeName(node)} waits for ${quote(node.event)}, but the goal ${nodeName(goal)} ends the journey on that same event, so its "event" branch is never taken. Wait for another event, or give the goal a condition.`,
      }),
    );
  }
  return problems;
}
