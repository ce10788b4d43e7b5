/**
 * Publish-time checks of a journey graph. `checkJourney` returns every problem at once, each
 * with a sentence for the marketer; errors block publishing, warnings do not.
 * `validateForPublish` also parses untrusted JSON with the journey schema first.
 *
 * @example
 * const { ok, problems } = validateForPublish(json, { attributes: ['plan'] });
 * if (!ok) showOnCanvas(problems); // each has nodeId / edgeId / field when it is about one
 */
import type { Journey } from '../journey/journey.js';
import { parseJourney } from '../journey/journey.js';
import { checkCycles } from './cycles.js';
import { checkDanglingOutputs } from './dangling-outputs.js';
import { checkDuplicateIds } from './duplicate-ids.js';
import { checkEdges } from './edges.js';
import { checkEmptyContent } from './empty-content.js';
import { checkGoalShadows } from './goal-shadow.js';
import type { JourneyGraph } from './graph.js';
import { buildGraph } from './graph.js';
import { checkMissingSegments } from './missing-segments.js';
import { checkNoTrigger } from './no-trigger.js';
import type { Catalog, Problem } from './problem.js';
import { checkRuleValues } from './rule-values.js';
import { checkTemplateVariables } from './template-variables.js';
import { checkUnknownEvents } from './unknown-events.js';
import { checkUnreachable } from './unreachable.js';
import { checkWaitTimeouts } from './wait-timeout.js';

export type { Catalog, Problem } from './problem.js';
export { PROBLEM_CODES } from './codes.js';
export type { ProblemCode } from './codes.js';

/** A check: a pure function of the indexed journey and the workspace catalog. */
export type Check = (graph: JourneyGraph, catalog: Catalog) => Problem[];

/** Every check, in the order their problems are listed. */
export const CHECKS: ReadonlyArray<{ name: string; run: Check }> = [
  { name: 'no-trigger', run: checkNoTrigger },
  { name: 'duplicate-ids', run: checkDuplicateIds },
  { name: 'edges', run: checkEdges },
  { name: 'dangling-outputs', run: checkDanglingOutputs },
  { name: 'unreachable', run: checkUnreachable },
  { name: 'wait-timeout', run: checkWaitTimeouts },
  { name: 'goal-shadow', run: checkGoalShadows },
  { name: 'cycles', run: checkCycles },
  { name: 'empty-content', run: checkEmptyContent },
  { name: 'rule-values', run: checkRuleValues },
  { name: 'template-variables', run: checkTemplateVariables },
  { name: 'unknown-events', run: checkUnknownEvents },
  { name: 'missing-segments', run: checkMissingSegments },
];

/**
 * Every problem in a journey. Linear in nodes + edges (+ template size). Never throws: the
 * editor also checks half-edited drafts that fail the schema, and a check that cannot make
 * sense of such a draft is skipped (the schema problems say what to fix first).
 */
export function checkJourney(journey: Journey, catalog: Catalog = {}): Problem[] {
  const graph = buildGraph(journey);
  return CHECKS.flatMap((c) => {
    try {
      return c.run(graph, catalog ?? {});
    } catch {
      return [];
    }
  });
}

/** Whether any problem is an error (warnings alone do not block publishing). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** What publishing a journey is judged by: the parsed journey when it parses, and every problem found. */
export type PublishValidation = { ok: boolean; journey?: Journey; problems: Problem[] };

/** Finds the node a schema path such as "nodes.3.subject" is about, to point at it on the canvas. */
function nodeIdAt(input: unknown, path: string): string | undefined {
  const m = /^nodes\.(\d+)(\.|$)/.exec(path);
  if (!m || typeof input !== 'object' || input === null) return undefined;
  const nodes = (input as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return undefined;
  const node: unknown = nodes[Number(m[1])];
  const id = typeof node === 'object' && node !== null ? (node as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Parses untrusted journey JSON (text or value) and runs every check. `ok` is true when no
 * problem is an error. Schema violations come back with code "schema" and their path as `field`.
 */
export function validateForPublish(input: unknown, catalog: Catalog = {}): PublishValidation {
  const parsed = parseJourney(input);
  if (!parsed.ok) {
    let value = input;
    if (typeof input === 'string') {
      try {
        value = JSON.parse(input);
      } catch {
        value = undefined;
      }
    }
    const problems = parsed.problems.map((p): Problem => {
      const nodeId = nodeIdAt(value, p.path);
      return {
        code: 'schema',
        severity: 'error',
        ...(nodeId ? { nodeId } : {}),
        field: p.path,
        message: p.path ? `${p.path}: ${p.message}` : p.message,
      };
    });
    return { ok: false, problems };
  }
  const problems = checkJourney(parsed.journey, catalog);
  return { ok: !hasErrors(problems), journey: parsed.journey, problems };
}
