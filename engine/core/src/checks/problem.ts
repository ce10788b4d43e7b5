/**
 * What a graph check reports, and the words it uses. Messages are written for the marketer who
 * built the journey: they name the step by its label and say what would happen to customers.
 */
import type { JourneyNode } from '../nodes/registry.js';
import { quote } from '../nodes/words.js';
import { kindTitleOf } from '../nodes/kind-of.js';

/**
 * One finding of the graph checks: its code, severity, the message a marketer reads, and the step or edge
 * it is on.
 */
export interface Problem {
  /** Stable machine-readable kind, e.g. "dangling-output" (see the README's list of checks). */
  code: string;
  /** Errors block publishing; warnings are shown but do not. */
  severity: 'error' | 'warning';
  nodeId?: string;
  edgeId?: string;
  /** The field inside the node (or the schema path) the problem is about. */
  field?: string;
  message: string;
}

/** What the workspace knows about its customers and events (from ingested data or settings). */
export interface Catalog {
  /** Customer attributes seen in the workspace. */
  attributes?: string[];
  /** Event names seen in the workspace, each with the property names seen on it. */
  events?: Record<string, string[]>;
  /** Saved segments by id (their names): steps naming another id are errors. */
  segments?: Record<string, string>;
}

/** Quotes a name the way the editor shows it: “Send welcome”. */
export { quote };

/** Title of a node kind, or the raw type when the kind is unknown (unparsed input). */
export function kindTitle(type: string): string {
  return kindTitleOf({ type });
}

/** The name a marketer knows a step by: its label, else its kind's title. */
export function nodeName(node: Pick<JourneyNode, 'type' | 'label'> & { action?: unknown }): string {
  const label = typeof node.label === 'string' ? node.label.trim() : '';
  return quote(label ? label : kindTitleOf(node));
}

/** Names a list of things: “A”, “B” and 3 more. */
export function nameList(names: readonly string[], max = 6): string {
  if (names.length <= max) {
    if (names.length <= 1) return names.join('');
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  }
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export function error(p: Omit<Problem, 'severity'>): Problem {
  return { severity: 'error', ...p };
}

export function warning(p: Omit<Problem, 'severity'>): Problem {
  return { severity: 'warning', ...p };
}
