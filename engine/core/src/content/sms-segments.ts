/**
 * How an SMS text travels: GSM-7 (160 characters in one message, 153 per part when split) when
 * every character is in the GSM 03.38 alphabet, else UCS-2 (70, then 67 per part), which any
 * Vietnamese diacritic (ạ, ư, ộ…) or emoji forces. Carriers bill per part. Pure: the editor shows
 * it under an SMS body, for the sample customer's rendered text.
 */

// GSM 03.38 basic alphabet (one septet each) and its extension table (escape + one septet).
const BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const EXTENDED = new Set('^{}\\[~]|€\f');

/** How an SMS text is billed: its encoding (GSM-7 or UCS-2), characters counted and the number of parts. */
export interface SmsSegments {
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters as the reader counts them (code points). */
  characters: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  /** Message parts sent (and billed). */
  segments: number;
  /** Units left in the last part. */
  remaining: number;
  /** The first character that forces UCS-2, if any. */
  firstUnicode?: string;
}

/**
 * Counts the parts an SMS text is sent in, as carriers bill it (GSM-7 extension characters count twice; any
 * other character turns the whole text into UCS-2).
 */
export function smsSegments(text: string): SmsSegments {
  const chars = [...text];
  const firstUnicode = chars.find((c) => !BASIC.has(c) && !EXTENDED.has(c));
  if (firstUnicode === undefined) {
    const units = chars.reduce((n, c) => n + (EXTENDED.has(c) ? 2 : 1), 0);
    const per = units <= 160 ? 160 : 153;
    const segments = units === 0 ? 0 : Math.ceil(units / per);
    return { encoding: 'GSM-7', characters: chars.length, units, segments, remaining: segments === 0 ? 160 : segments * per - units };
  }
  const units = text.length; // UTF-16 code units: an emoji takes two
  const per = units <= 70 ? 70 : 67;
  const segments = Math.ceil(units / per);
  return { encoding: 'UCS-2', characters: chars.length, units, segments, remaining: segments * per - units, firstUnicode };
}
