/**
 * Every output of a step must lead somewhere, or customers taking it would be stuck. Optional
 * outputs (a random split's holdout) may stay open: those customers leave the journey.
 */
import { whoTakes } from './describe.js';
import type { JourneyGraph } from './graph.js';
import { outputKey } from './graph.js';
import type { Problem } from './problem.js';
import { error, nodeName, quote } from './problem.js';

export function checkDanglingOutputs(g: JourneyGraph): Problem[] {
  const problems: Problem[] = [];
  for (const [id, outputs] of g.outputs) {
    const node = g.nodes.get(id)!;
    const seen = new Set<string>();
    const word = outputs.length > 1 ? 'branch' : 'output';
    for (const output of outputs) {
      if (seen.has(output.id)) {
        problems.push(
          error({
            code: 'duplicate-output',
            nodeId: id,
            message: `${nodeName(node)} has two branches named "${output.id}"; give each branch its own name.`,
          }),
        );
        continue;
      }
      seen.add(output.id);
      if (output.optional || g.byOutput.has(outputKey(id, output.id))) continue;
      const who = whoTakes(node, output);
      if (node.type === 'condition.split' && output.id === 'else') {
        problems.push(
          error({
            code: 'condition-without-else',
            nodeId: id,
            field: 'else',
            message: `${nodeName(node)} has no connection from its “else” branch: ${who} would be stuck. Connect “else” to a step (an Exit is fine).`,
          }),
        );
        continue;
      }
      problems.push(
        error({
          code: 'dangling-output',
          nodeId: id,
          field: output.id,
          message: `${nodeName(node)} has no connection from its ${quote(output.label)} ${word}: ${who} would be stuck. Connect it to the next step, or to an Exit.`,
        }),
      );
    }
  }
  return problems;
}
