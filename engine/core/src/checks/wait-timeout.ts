/** A "wait for an event" must give up some time: a customer must never wait forever. */
import type { JourneyGraph } from './graph.js';
import type { Problem } from './problem.js';
import { error, nodeName, quote } from './problem.js';

export function checkWaitTimeouts(g: JourneyGraph): Problem[] {
  const problems: Problem[] = [];
  for (const node of g.nodes.values()) {
    if (node.type !== 'wait.event' || node.timeout) continue;
    problems.push(
      error({
        code: 'wait-without-timeout',
        nodeId: node.id,
        field: 'timeout',
        message: `${nodeName(node)} has no timeout: customers who never do ${quote(node.event)} would wait forever. Set how long to wait, e.g. 3 days.`,
      }),
    );
  }
  return problems;
}
