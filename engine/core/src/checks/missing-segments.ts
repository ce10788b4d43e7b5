/**
 * Steps that use a saved segment by reference (the "enters a saved segment" trigger, the "is in
 * segment" condition: any node with a `segmentId`) must name one: unset, or deleted since, no
 * customer would ever match. Existence is checked when the catalog lists the workspace's segments.
 */
import type { JourneyGraph } from './graph.js';
import type { Catalog, Problem } from './problem.js';
import { error, nodeName, quote } from './problem.js';

export function checkMissingSegments(g: JourneyGraph, catalog: Catalog = {}): Problem[] {
  const problems: Problem[] = [];
  for (const node of g.nodes.values()) {
    if (!('segmentId' in node) || typeof node.segmentId !== 'string') continue;
    const named = 'segmentName' in node && typeof node.segmentName === 'string' && node.segmentName ? quote(node.segmentName) : undefined;
    if (node.segmentId === '') {
      problems.push(error({ code: 'unknown-segment', nodeId: node.id, field: 'segmentId', message: `${nodeName(node)} has no segment chosen.` }));
    } else if (catalog.segments && !Object.hasOwn(catalog.segments, node.segmentId)) {
      problems.push(
        error({
          code: 'unknown-segment',
          nodeId: node.id,
          field: 'segmentId',
          message: `${nodeName(node)} uses the segment ${named ?? quote(node.segmentId)}, which does not exist (deleted, or from another workspace).`,
        }),
      );
    }
  }
  return problems;
}
