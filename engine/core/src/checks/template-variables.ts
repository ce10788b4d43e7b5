/**
 * Templates must parse, and use only variables the renderer provides. Liquid's static analysis
 * lists the global variables of a template (loop variables and `assign`s are local); a root we
 * do not provide is an error (it always renders empty), an unknown customer field a warning
 * (the workspace may simply not have seen that attribute yet).
 */
import type { JourneyGraph } from './graph.js';
import { EVENT_FIELDS, JOURNEY_FIELDS, KNOWN_ROOTS, VALUE_ROOTS, knownCustomerFields } from './known-variables.js';
import type { FoundVariable } from './liquid-analysis.js';
import { createAnalyser } from './liquid-analysis.js';
import type { Catalog, Problem } from './problem.js';
import { error, nodeName, quote, warning } from './problem.js';

/** "subject", "vi translation's body" … */
function fieldWords(field: string): string {
  const m = /^translations\.([^.]+)\.(.+)$/.exec(field);
  return m ? `“${m[1]}” translation's ${m[2]}` : field;
}

type Verdict = { ok: true } | { ok: false; severity: 'error' | 'warning'; code: string; why: string };

function judge(variable: FoundVariable, customerFields: ReadonlySet<string>): Verdict {
  const [rootSeg, field] = variable.segments;
  const rootName = String(rootSeg);
  // A computed field (customer[key]) cannot be checked statically; its key is checked on its own.
  const fieldName = typeof field === 'string' || typeof field === 'number' ? String(field) : undefined;
  const fieldOk = (allowed: readonly string[] | ReadonlySet<string>) =>
    fieldName === undefined || (Array.isArray(allowed) ? allowed.includes(fieldName) : (allowed as ReadonlySet<string>).has(fieldName));
  switch (rootName) {
    case 'customer':
      return fieldOk(customerFields)
        ? { ok: true }
        : {
            ok: false,
            severity: 'warning',
            code: 'unknown-customer-field',
            why: `customers have no attribute ${quote(fieldName!)} that this workspace knows. Check the spelling, or add ${quote(fieldName!)} to the journey's attributes`,
          };
    case 'event':
      return fieldOk(EVENT_FIELDS)
        ? { ok: true }
        : {
            ok: false,
            severity: 'warning',
            code: 'unknown-event-field',
            why: `events only have a name and properties. Did you mean event.properties.${fieldName}?`,
          };
    case 'journey':
      return fieldOk(JOURNEY_FIELDS)
        ? { ok: true }
        : { ok: false, severity: 'warning', code: 'unknown-journey-field', why: 'a journey only offers journey.name and journey.id' };
    default:
      if ((VALUE_ROOTS as readonly string[]).includes(rootName)) return { ok: true };
      return {
        ok: false,
        severity: 'error',
        code: 'unknown-variable',
        why: `${quote(rootName)} is not something a message can use, so it would always come out empty. Use ${KNOWN_ROOTS.map((r) => (r === 'customer' || r === 'event' || r === 'journey' ? `${r}.…` : r)).join(', ')}`,
      };
  }
}

export function checkTemplateVariables(g: JourneyGraph, catalog: Catalog = {}): Problem[] {
  const problems: Problem[] = [];
  const analyse = createAnalyser();
  let customerFields: Set<string> | undefined;
  for (const node of g.nodes.values()) {
    const def = g.defs.get(node.id);
    if (!def?.templates) continue;
    let templates;
    try {
      templates = def.templates(node);
    } catch {
      continue; // malformed input; the schema reports it
    }
    for (const { field, template } of templates) {
      if (!template || !/[{]/.test(template)) continue; // plain text: nothing to parse
      const analysis = analyse(template);
      if (!analysis.ok) {
        problems.push(
          error({
            code: 'template-syntax',
            nodeId: node.id,
            field,
            message: `${nodeName(node)} has a mistake in its ${fieldWords(field)}: ${analysis.message}.`,
          }),
        );
        continue;
      }
      const reported = new Set<string>();
      for (const variable of analysis.variables) {
        customerFields ??= knownCustomerFields(g, catalog);
        const verdict = judge(variable, customerFields);
        const text = variable.text;
        if (verdict.ok || reported.has(text)) continue;
        reported.add(text);
        const make = verdict.severity === 'error' ? error : warning;
        problems.push(
          make({
            code: verdict.code,
            nodeId: node.id,
            field,
            message: `${nodeName(node)} uses {{ ${text} }} in its ${fieldWords(field)}, but ${verdict.why}.`,
          }),
        );
      }
    }
  }
  return problems;
}
