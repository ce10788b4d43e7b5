/**
 * The variables a message template may use, and the customer fields this journey knows about.
 * These are the names the renderer provides (simulation and the send path alike):
 * `customer` (id and attributes), `event` (name, properties), `journey` (id, name),
 * `unsubscribe_url` and `preferences_url`.
 */
import { attributesReferenced } from '../rules/evaluate.js';
import type { JourneyGraph } from './graph.js';
import type { Catalog } from './problem.js';

/** Every customer has these, whatever the workspace has ingested. */
export const STANDARD_CUSTOMER_FIELDS = ['id', 'email', 'phone', 'firstName', 'lastName', 'name', 'locale', 'timeZone', 'tags'] as const;

export const EVENT_FIELDS = ['name', 'properties'] as const;
export const JOURNEY_FIELDS = ['id', 'name'] as const;
/** Roots that are plain values (no fields). */
export const VALUE_ROOTS = ['unsubscribe_url', 'preferences_url'] as const;
export const KNOWN_ROOTS = ['customer', 'event', 'journey', ...VALUE_ROOTS] as const;

/** The first segment of a dotted attribute path: `address.city` makes `customer.address` known. */
function root(path: string): string {
  return path.split('.')[0] ?? path;
}

/**
 * Customer fields known for this journey: the standard ones, the workspace's catalog, the
 * journey's declared attributes, attributes its rules and attribute triggers name, and
 * attributes its "Update attribute" steps set.
 */
export function knownCustomerFields(g: JourneyGraph, catalog: Catalog = {}): Set<string> {
  const known = new Set<string>(STANDARD_CUSTOMER_FIELDS);
  for (const a of catalog.attributes ?? []) known.add(root(a));
  for (const a of g.journey.settings?.attributes ?? []) known.add(root(a));
  for (const node of g.nodes.values()) {
    const def = g.defs.get(node.id);
    for (const a of def?.attributesWritten?.(node) ?? []) known.add(root(a));
    if (!def?.rules) continue;
    let groups;
    try {
      groups = def.rules(node);
    } catch {
      continue; // malformed input; the schema reports it
    }
    for (const group of groups) for (const a of attributesReferenced(group)) known.add(root(a));
  }
  return known;
}
