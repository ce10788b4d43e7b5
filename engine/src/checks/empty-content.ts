/** A message step must say something: an email needs a subject and a body, a push a title and a body. */
import type { JourneyNode } from '../nodes/registry.js';
import type { JourneyGraph } from './graph.js';
import type { Problem } from './problem.js';
import { error, nodeName } from './problem.js';

/** The content fields a message kind cannot send without, with their names in the editor. */
function requiredFields(node: JourneyNode): Array<{ field: string; label: string; value: unknown }> {
  switch (node.type) {
    case 'action.email':
      return [
        { field: 'subject', label: 'subject', value: node.subject },
        { field: 'body', label: 'body', value: node.body },
      ];
    case 'action.sms':
    case 'action.chat':
      return [{ field: 'body', label: 'message text', value: node.body }];
    case 'action.push':
      return [
        { field: 'title', label: 'title', value: node.title },
        { field: 'body', label: 'text', value: node.body },
      ];
    default:
      return [];
  }
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
