/** Small helpers that put node settings into a marketer's words (checks, descriptions). */

/** A name in typographic quotes: “Order Completed”. */
export function quote(text: string): string {
  return `“${text}”`;
}

/** "1 day", "3 hours": a duration as a marketer would say it. */
export function durationInWords(d: { amount: number; unit: string }): string {
  const unit = d.amount === 1 ? d.unit.replace(/s$/, '') : d.unit;
  return `${d.amount} ${unit}`;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Mon–Fri", "Sat, Sun", "every day" (0 = Sunday; empty = every day). */
export function daysInWords(days: readonly number[]): string {
  const set = [...new Set(days)].sort((a, b) => a - b);
  if (set.length === 0 || set.length === 7) return 'every day';
  const isRun = set.length > 2 && set.every((d, i) => i === 0 || d === (set[i - 1] ?? 0) + 1);
  return isRun ? `${DAY_NAMES[set[0] ?? 0]}–${DAY_NAMES[set[set.length - 1] ?? 0]}` : set.map((d) => DAY_NAMES[d]).join(', ');
}

/** The first line with text in it, trimmed (a message's opening line). */
export function firstLine(text: string): string {
  for (const line of text.split(/\r?\n/)) if (line.trim()) return line.trim();
  return '';
}
