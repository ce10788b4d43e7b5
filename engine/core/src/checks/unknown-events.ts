/**
 * Event names the workspace has never received are usually typos ("Order Complete" for
 * "Order Completed"): a warning, since the event may simply not have happened yet.
 * Runs only when the catalog lists events.
 */
import type { JourneyGraph } from './graph.js';
import type { Catalog, Problem } from './problem.js';
import { nodeName, quote, warning } from './problem.js';

function hint(name: string, known: readonly string[]): string {
  const lower = name.trim().toLowerCase();
  const close = known.find((k) => k.toLowerCase() === lower || k.toLowerCase().startsWith(lower) || lower.startsWith(k.toLowerCase()));
  return close ? ` Did you mean ${quote(close)}?` : ' Check the spelling.';
}

export function checkUnknownEvents(g: JourneyGraph, catalog: Catalog = {}): Problem[] {
  if (!catalog.events) return [];
  const known = Object.keys(catalog.events);
  const isKnown = (name: string) => Object.hasOwn(catalog.events!, name);
  const problems: Problem[] = [];
  for (const node of g.nodes.values()) {
    if (node.type !== 'trigger.event' && node.type !== 'wait.event' && node.type !== 'goal') continue;
    if (!node.event || isKnown(node.event)) continue;
    problems.push(
      warning({
        code: 'unknown-event',
        nodeId: node.id,
        field: 'event',
        message: `${nodeName(node)} listens for ${quote(node.event)}, which this workspace has never received.${hint(node.event, known)}`,
      }),
    );
  }
  for (const name of g.journey.settings?.exitEvents ?? []) {
    if (isKnown(name)) continue;
    problems.push(
      warning({
        code: 'unknown-event',
        field: 'settings.exitEvents',
        message: `The journey's exit event ${quote(name)} has never been received by this workspace.${hint(name, known)}`,
      }),
    );
  }
  return problems;
}
