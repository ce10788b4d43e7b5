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
