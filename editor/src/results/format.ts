/** How results read: rates as percentages with one decimal, durations in the largest fitting unit. */
export const percent = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

export const count = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toLocaleString('en'));

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${oneDecimal(seconds / 3600)} h`;
  // From 36 h on: always at least "1.5 days", so the plural fits.
  return `${oneDecimal(seconds / 86400)} days`;
}

/** One decimal, without a trailing ".0": 2 -> "2", 1.46 -> "1.5" (never "2.0 days"). */
function oneDecimal(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** A difference of rates in percentage points, signed: "+2.1" / "-0.4". */
export const points = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}`;
