/**
 * What differs between two journey JSON documents, in words a reviewer reads: steps and
 * connections added, removed or changed (by id), and the other top-level fields that changed.
 * Key order and whitespace never count.
 */
type Json = Record<string, unknown>;

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Json).sort(([a], [b]) => a.localeCompare(b))) : x));

function byId(list: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (Array.isArray(list)) for (const item of list) if (item && typeof item === 'object' && typeof (item as Json).id === 'string') out.set((item as Json).id as string, item);
  return out;
}

/** The differences from `server` to `file`, one line each (empty: the same journey). */
export function journeyDiff(server: Json, file: Json): string[] {
  const lines: string[] = [];
  for (const [field, label] of [['nodes', 'step'], ['edges', 'connection']] as const) {
    const a = byId(server[field]);
    const b = byId(file[field]);
    for (const [id, v] of b) {
      if (!a.has(id)) lines.push(`+ ${label} ${id}`);
      else if (canonical(a.get(id)) !== canonical(v)) lines.push(`~ ${label} ${id}`);
    }
    for (const id of a.keys()) if (!b.has(id)) lines.push(`- ${label} ${id}`);
  }
  const keys = new Set([...Object.keys(server), ...Object.keys(file)].filter((k) => k !== 'nodes' && k !== 'edges'));
  for (const k of [...keys].sort()) if (canonical(server[k]) !== canonical(file[k])) lines.push(`~ ${k}`);
  return lines;
}
