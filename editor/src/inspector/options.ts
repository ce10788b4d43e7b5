/**
 * Suggestions for free-text fields that have a known set of good answers: IANA time zones (from
 * the browser's own list) and the consent topics configured on the policy page. Offered through a
 * <datalist>, so a value outside the list can still be typed (a topic not configured yet is
 * allowed: it takes the workspace's mode for unlisted topics).
 */
import { useEffect, useState } from 'react';
import { serverApi } from '../api/server.js';
import { client } from '../api/client.js';

export const TIME_ZONE_LIST_ID = 'cairn-time-zones';
export const TOPIC_LIST_ID = 'cairn-topics';

/**
 * ICU lists some zones under their old names; people look for the current ones (a marketer in
 * Vietnam types Ho_Chi_Minh, not Saigon). Both names work everywhere Cairn reads a time zone.
 */
const CURRENT_NAMES: Record<string, string> = {
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Europe/Kiev': 'Europe/Kyiv',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Godthab': 'America/Nuuk',
};

const accepted = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

let zones: string[] | undefined;
/** Every IANA time zone the browser knows, by its current name, UTC first. */
export function timeZones(): string[] {
  if (!zones) {
    const supported = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
    const named = supported.map((z) => (CURRENT_NAMES[z] && accepted(CURRENT_NAMES[z]) ? CURRENT_NAMES[z] : z));
    zones = ['UTC', ...[...new Set(named)].filter((z) => z !== 'UTC').sort()];
  }
  return zones;
}

const FALLBACK_TOPICS = ['promotions', 'newsletter', 'product-updates', 'transactional'];
let topics: Promise<string[]> | undefined;

/** The configured consent topics (the server's policy settings), or common ones without a server. */
export function useTopics(): string[] {
  const [list, setList] = useState<string[]>(FALLBACK_TOPICS);
  useEffect(() => {
    if (client.kind !== 'server') return;
    topics ??= serverApi()
      .policy.settings.query()
      .then((s) => {
        const ids = (s as { topics?: Array<{ id: string }> }).topics?.map((t) => t.id) ?? [];
        return ids.length ? ids : FALLBACK_TOPICS;
      })
      .catch(() => ((topics = undefined), FALLBACK_TOPICS));
    let live = true;
    void topics.then((t) => live && setList(t));
    return () => {
      live = false;
    };
  }, []);
  return list;
}
