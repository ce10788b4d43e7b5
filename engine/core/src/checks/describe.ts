/** Who follows an output, in words: used by messages about missing connections. */
import type { OutputSpec } from '../nodes/define.js';
import { definitionOf, type JourneyNode } from '../nodes/registry.js';

/**
 * "customers who don't do “Order Completed” within 3 days", "customers in “A 50%”" … from the
 * node kind's own `describeOutput`, else the generic sentence.
 */
export function whoTakes(node: JourneyNode, output: OutputSpec): string {
  return definitionOf(node.type).describeOutput?.(node, output) ?? 'customers who reach this step';
}
