/** "just now", "5 minutes ago", "in 2 days": a moment as a person says it, against `now`. */
const STEPS: [number, Intl.RelativeTimeFormatUnit][] = [
  [60, 'second'],
  [60, 'minute'],
  [24, 'hour'],
  [7, 'day'],
  [4.35, 'week'],
  [12, 'month'],
  [Number.POSITIVE_INFINITY, 'year'],
];

const words = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export function relativeTime(at: number, now: number): string {
  let amount = (at - now) / 1000;
  if (Math.abs(amount) < 45) return 'just now';
  for (const [size, unit] of STEPS) {
    if (Math.abs(amount) < size) return words.format(Math.round(amount), unit);
    amount /= size;
  }
  return words.format(Math.round(amount), 'year');
}

/** The moment in a time zone (the customer's), e.g. "28 Nov 2026, 23:41 (Asia/Ho_Chi_Minh)". */
export function inZone(at: number, timeZone: string | null | undefined): string {
  const zone = timeZone || undefined;
  try {
    const text = new Date(at).toLocaleString('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });
    return zone ? `${text} (${zone})` : text;
  } catch {
    return new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  }
}
