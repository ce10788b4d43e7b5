/**
 * Prisma's `contains` / `startsWith` / `endsWith` become SQL LIKE patterns and pass `%` and `_`
 * through as wildcards: a search for "%" matched every customer. Escaped with PostgreSQL's
 * default LIKE escape character (backslash), they match themselves.
 */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
