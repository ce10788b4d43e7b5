/**
 * Names the inspector offers: Liquid variables from the journey's known attributes and event
 * properties, and the message preview (the engine's Liquid renderer, as the send path uses).
 */
import type { Catalog, Journey, Rule, RuleGroup } from '@cairn/core';
import { definitionOf, isGroup, STANDARD_CUSTOMER_FIELDS } from '@cairn/core';

function walk(group: RuleGroup, visit: (r: Rule) => void): void {
  for (const r of group.rules) {
    if (isGroup(r)) walk(r, visit);
    else visit(r);
  }
}

export interface KnownNames {
  attributes: string[];
  events: string[];
  properties: string[];
}

/**
 * Attribute, event and property names the journey mentions (settings, rules, triggers, waits),
 * plus what the workspace has seen (the API's catalog).
 */
export function knownNames(j: Journey, catalog: Catalog = {}): KnownNames {
  const attributes = new Set<string>([...STANDARD_CUSTOMER_FIELDS, ...(j.settings?.attributes ?? []), ...(catalog.attributes ?? [])]);
  const events = new Set<string>([...(j.settings?.exitEvents ?? []), ...Object.keys(catalog.events ?? {})]);
  const properties = new Set<string>(Object.values(catalog.events ?? {}).flat());
  for (const node of j.nodes) {
    const n = node as unknown as Record<string, unknown>;
    if (typeof n.event === 'string' && n.event) events.add(n.event);
    for (const a of definitionOf(node.type).attributesWritten?.(node) ?? []) attributes.add(a);
    if (Array.isArray(n.where)) for (const w of n.where as Array<{ property?: string }>) if (w.property) properties.add(w.property);
    let groups: RuleGroup[] = [];
    try {
      groups = definitionOf(node.type).rules?.(node) ?? [];
    } catch {
      groups = [];
    }
    for (const g of groups) {
      walk(g, (r) => {
        if (r.kind === 'attribute') attributes.add(r.attribute);
        else if (r.kind === 'property') properties.add(r.property);
        else {
          events.add(r.event);
          for (const w of r.where) properties.add(w.property);
        }
      });
    }
  }
  return { attributes: [...attributes].filter(Boolean), events: [...events].filter(Boolean), properties: [...properties].filter(Boolean) };
}

/** Liquid variables offered in message editors. */
export function templateVariables(names: KnownNames): string[] {
  return [
    ...names.attributes.map((a) => `customer.${a}`),
    'event.name',
    ...names.properties.map((p) => `event.properties.${p}`),
    'journey.name',
    'unsubscribe_url',
    'preferences_url',
  ];
}

export const DEFAULT_SAMPLE: Record<string, unknown> = {
  firstName: 'Ana',
  lastName: 'Silva',
  email: 'ana@example.com',
  phone: '+84 90 000 0000',
  locale: 'en',
  plan: 'pro',
  lifetimeValue: 1200,
};
