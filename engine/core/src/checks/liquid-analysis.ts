/**
 * Liquid static analysis with a cache that makes 10,000-message journeys cheap. Parsing costs
 * tens of microseconds per template, but which variables a template uses depends only on its
 * markup, not on the text around it, and the same outputs ({{ customer.firstName }}) recur in
 * almost every message. So a template made only of outputs is analysed output by output, each
 * cached; a template with tags is analysed as its markup alone ("skeleton"), cached. Anything
 * unusual (raw/comment blocks, an unclosed tag, a parse error) is parsed whole, so syntax error
 * messages carry the real line and column.
 */
import { Liquid } from 'liquidjs';
import type { Variable } from 'liquidjs';

/** A variable a template reads: its path (a computed key is itself a variable) and its text. */
export interface FoundVariable {
  segments: Array<string | number | FoundVariable>;
  text: string;
}

export type Analysis = { ok: true; variables: FoundVariable[] } | { ok: false; message: string };

// The same options as the renderer (content/render.ts): an unknown filter fails there, so it is a mistake here.
// Made on first use, so importing the engine does not pay for a Liquid engine (~70 ms in the editor).
let engine: Liquid | undefined;
const getLiquid = (): Liquid => (engine ??= new Liquid({ strictFilters: true, cache: false }));
const MARKUP = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const OPENER = /\{\{|\{%/;
const VERBATIM = /^\{%-?\s*(raw|comment)\b/;
/** `{{ customer.first_name }}`: a bare path, the commonest output, read without parsing. */
const BARE_PATH = /^\{\{-?\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*-?\}\}$/;
const LITERALS = new Set(['true', 'false', 'nil', 'null', 'empty', 'blank']);

function found(v: Variable): FoundVariable {
  return { segments: v.segments.map((s) => (typeof s === 'object' ? found(s) : s)), text: v.toString() };
}

function analyseWhole(template: string): Analysis {
  try {
    const liquid = getLiquid();
    const globals = liquid.analyzeSync(liquid.parse(template)).globals;
    return { ok: true, variables: Object.values(globals).flat().map(found) };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

/** The markup pieces of a template, or undefined when the template needs a whole parse. */
function markup(template: string): string[] | undefined {
  const pieces: string[] = [];
  let last = 0;
  for (const m of template.matchAll(MARKUP)) {
    if (OPENER.test(template.slice(last, m.index)) || VERBATIM.test(m[0])) return undefined;
    pieces.push(m[0]);
    last = m.index + m[0].length;
  }
  return OPENER.test(template.slice(last)) ? undefined : pieces;
}

/** An analyser with its own cache (one per check run keeps checks pure and memory bounded). */
export function createAnalyser(): (template: string) => Analysis {
  const cache = new Map<string, Analysis>();
  const cached = (key: string, run: () => Analysis): Analysis => {
    let a = cache.get(key);
    if (!a) {
      a = run();
      cache.set(key, a);
    }
    return a;
  };
  const whole = (template: string) => cached(`W${template}`, () => analyseWhole(template));
  return (template) => {
    const pieces = markup(template);
    if (!pieces) return whole(template);
    if (pieces.some((p) => p.startsWith('{%'))) {
      const skeleton = pieces.join('');
      const a = cached(`W${skeleton}`, () => analyseWhole(skeleton));
      return a.ok ? a : whole(template);
    }
    const variables: FoundVariable[] = [];
    for (const piece of pieces) {
      const bare = BARE_PATH.exec(piece);
      if (bare && !LITERALS.has(bare[1]!)) {
        variables.push({ segments: bare[1]!.split('.'), text: bare[1]! });
        continue;
      }
      const a = cached(`W${piece}`, () => analyseWhole(piece));
      if (!a.ok) return whole(template);
      variables.push(...a.variables);
    }
    return { ok: true, variables };
  };
}
