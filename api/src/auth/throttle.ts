/**
 * Slows password guessing: after 5 failed sign-ins for one email, or 50 from one address, within
 * 15 minutes, further tries are refused until the oldest failure leaves the window. Kept in
 * memory, per API process (several processes each count on their own, which still bounds the
 * rate); a successful sign-in clears the email's count.
 */
export const WINDOW_MS = 15 * 60_000;
export const MAX_PER_EMAIL = 5;
export const MAX_PER_ADDRESS = 50;

export interface SignInThrottle {
  /** Milliseconds until a try is allowed again, or 0 when it is allowed now. */
  waitMs(email: string, address: string, now: number): number;
  failed(email: string, address: string, now: number): void;
  succeeded(email: string): void;
}

export function signInThrottle(): SignInThrottle {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number): number[] => {
    const list = (failures.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    if (list.length) failures.set(key, list);
    else failures.delete(key);
    return list;
  };
  const wait = (key: string, max: number, now: number): number => {
    const list = recent(key, now);
    return list.length >= max ? (list[list.length - max] as number) + WINDOW_MS - now : 0;
  };
  return {
    waitMs(email, address, now) {
      return Math.max(wait(`e:${email}`, MAX_PER_EMAIL, now), wait(`a:${address}`, MAX_PER_ADDRESS, now));
    },
    failed(email, address, now) {
      for (const key of [`e:${email}`, `a:${address}`]) failures.set(key, [...recent(key, now), now]);
    },
    succeeded(email) {
      failures.delete(`e:${email}`);
    },
  };
}
