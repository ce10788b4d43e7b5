/**
 * Liquid rendering of message content, the same in the browser (preview, simulation) and at send
 * time. Variables: `customer` (attributes plus id), `event` (name, properties), `journey`
 * (id, name), and the links the delivery layer adds (`unsubscribe_url`, `preferences_url`).
 */
import { Liquid, type Template } from 'liquidjs';
import type { CustomerEvent } from '../rules/facts.js';

/**
 * What a message template can read: the customer's attributes, the current event, the journey, and the
 * unsubscribe and preference links.
 */
export interface RenderScope {
  customer: Record<string, unknown>;
  event?: { name: string; properties: Record<string, unknown> };
  journey?: { id: string; name: string };
  unsubscribe_url?: string;
  preferences_url?: string;
}

// Lenient by default (a missing attribute renders empty, `default:` filters work); syntax errors throw.
// Made on first use: creating a Liquid engine costs ~70 ms, which the editor's first paint need not pay.
let engine: Liquid | undefined;
const liquid = (): Liquid => (engine ??= new Liquid({ strictFilters: true, cache: false }));
// Markup (MJML, HTML) escapes what variables print: a customer's name must not become markup.
let escaping: Liquid | undefined;
const liquidEscaping = (): Liquid => (escaping ??= new Liquid({ strictFilters: true, cache: false, outputEscape: 'escape' }));
const parsed = new Map<string, Template[]>();
const parsedEscaping = new Map<string, Template[]>();
const PARSED_LIMIT = 5_000;

/** Builds the variables a template sees. */
export function renderScope(
  customerId: string,
  attributes: Record<string, unknown>,
  event?: CustomerEvent,
  journey?: { id: string; name: string },
  links: { unsubscribe_url?: string; preferences_url?: string } = {},
): RenderScope {
  return {
    customer: { ...attributes, id: customerId },
    ...(event ? { event: { name: event.name, properties: event.properties } } : {}),
    ...(journey ? { journey } : {}),
    ...links,
  };
}

/**
 * Renders a Liquid template synchronously; throws an Error with Liquid's message on bad syntax.
 * `escape`: HTML-escape what `{{ }}` prints (for markup fields such as an MJML body).
 */
export function renderTemplate(template: string, scope: RenderScope, opts: { escape?: boolean } = {}): string {
  if (!template.includes('{')) return template;
  const engine = opts.escape ? liquidEscaping() : liquid();
  const cache = opts.escape ? parsedEscaping : parsed;
  let tpl = cache.get(template);
  if (!tpl) {
    tpl = engine.parse(template);
    if (cache.size >= PARSED_LIMIT) cache.clear();
    cache.set(template, tpl);
  }
  return engine.renderSync(tpl, scope as unknown as Record<string, unknown>);
}
