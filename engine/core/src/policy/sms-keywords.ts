/**
 * Inbound SMS keywords (CTIA's opt-out and opt-in words, as carriers and aggregators use them).
 * A keyword counts only when it is the whole message — "please don't stop" is not an opt-out —
 * after ignoring case, spaces, surrounding punctuation and Vietnamese diacritics (HỦY, TỪ CHỐI).
 */

export type SmsKeyword =
  | { kind: 'stop'; keyword: string }
  | { kind: 'start'; keyword: string }
  | { kind: 'help'; keyword: string };

const STOP = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE', 'HUY', 'TUCHOI', 'DUNG', 'HUYDANGKY'];
const START = ['START', 'UNSTOP', 'YES', 'SUBSCRIBE', 'OPTIN', 'BATDAU', 'DANGKY'];
const HELP = ['HELP', 'INFO', 'TROGIUP'];

const KIND = new Map<string, SmsKeyword['kind']>([
  ...STOP.map((k) => [k, 'stop'] as const),
  ...START.map((k) => [k, 'start'] as const),
  ...HELP.map((k) => [k, 'help'] as const),
]);

/** Upper-case ASCII letters and digits only: "  Từ chối! " -> "TUCHOI". */
export function normaliseSmsBody(body: string): string {
  return body
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/** The keyword an inbound SMS body is, or null for any other message. */
export function parseSmsKeyword(body: string): SmsKeyword | null {
  if (body.length > 160) return null;
  const keyword = normaliseSmsBody(body);
  const kind = KIND.get(keyword);
  return kind ? { kind, keyword } : null;
}
