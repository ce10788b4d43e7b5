/**
 * Live validation: the journey schema (path-level problems) plus the engine's graph checks, the
 * same checks the API runs before publishing. Never throws, whatever half-edited state it gets.
 */
import type { Catalog, Journey, Problem } from '@cairn/core';
import { checkJourney, validateForPublish } from '@cairn/core';
import type { NodeMarks } from '../canvas/flow.js';

export interface Validation {
  problems: Problem[];
  byNode: Map<string, NodeMarks>;
  errors: number;
  warnings: number;
  /** Not checked yet (the first check runs once the canvas is drawn). */
  pending?: boolean;
}

export function validate(journey: Journey, catalog: Catalog = {}): Validation {
  const res = validateForPublish(journey, catalog);
  let problems = res.problems;
  if (!res.journey) {
    // Schema problems first; the graph checks still say useful things about the rest.
    try {
      const seen = new Set(problems.map((p) => p.message));
      problems = [...problems, ...checkJourney(journey, catalog).filter((p) => !seen.has(p.message))];
    } catch {
      /* the graph is too broken to check until the schema problems are fixed */
    }
  }
  const byNode = new Map<string, NodeMarks>();
  for (const p of problems) {
    if (!p.nodeId) continue;
    const m = byNode.get(p.nodeId) ?? { errors: 0, warnings: 0 };
    if (p.severity === 'error') m.errors++;
    else m.warnings++;
    m.first ??= p.message;
    byNode.set(p.nodeId, m);
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { problems, byNode, errors, warnings: problems.length - errors };
}
