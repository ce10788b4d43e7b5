/** Fresh ids for nodes and edges: short, readable, valid engine Ids (letters, digits, - and _). */

/** A new id with `prefix` that is not in `taken`. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  const base = prefix.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'n';
  for (let i = 1; ; i++) {
    const id = `${base}_${i}`;
    if (!taken.has(id)) return id;
  }
}

/** The prefix for a node of a kind: "action.email" → "email", "exit" → "exit". */
export function prefixFor(type: string): string {
  return type.split('.').pop() ?? type;
}
