/** A message step must say something: an email needs a subject and a body, a push a title and a body. */
import { definitionOf, messageSpecOf, type JourneyNode } from '../nodes/registry.js';
import type { JourneyGraph } from './graph.js';
import type { Problem } from './problem.js';
import { error, nodeName } from './problem.js';

/** The content fields a message kind cannot send without (its definition's `message.required`). */
function requiredFields(node: JourneyNode): Array<{ field: string; label: string; value: unknown }> {
  const spec = messageSpecOf(definitionOf(node.type));
  if (!spec) return [];
  // The content as sent, not the raw field: a block email's body is made from its blocks.
  const content = spec.content(node as never, undefined);
  return spec.required.map(({ field, label }) => ({ field, label, value: field in content ? content[field] : (node as Record<string, unknown>)[field] }));
}

export function checkEmptyContent(g: JourneyGraph): Problem[] {
  const problems: Problem[] = [];
  for (const node of g.nodes.values()) {
    for (const { field, label, value } of requiredFields(node)) {
      if (typeof value === 'string' && value.trim() !== '') continue;
      problems.push(
        error({
          code: 'empty-content',
          nodeId: node.id,
          field,
          message: `${nodeName(node)} has an empty ${label}; customers would get a blank message. Write the ${label}.`,
        }),
      );
    }
  }
  return problems;
}
