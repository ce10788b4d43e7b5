/**
 * The delivery policy: pure, browser-safe decisions (suppression, consent, frequency caps,
 * quiet hours), SMS keywords, List-Unsubscribe headers and the suppression CSV reader.
 * Token signing needs Node's crypto: import it from './token.node.js' (runtime entry only).
 */
export * from './types.js';
export { decidePolicy, localLabel } from './decide.js';
export { isHard, findSuppression, suppressedDecision } from './suppression.js';
export { latestConsent, checkConsent } from './consent.js';
export { capsHit, capApplies, describeCap } from './caps.js';
export type { CapHit } from './caps.js';
export { isQuiet, nextOutsideQuietHours, localInstantAfter } from './quiet-hours.js';
export { resolveTimeZone, isKnownTimeZone } from './timezone.js';
export { UnsubscribeClaims } from './unsubscribe-claims.js';
export { listUnsubscribeHeaders, unsubscribeUrl, isOneClickBody, ONE_CLICK_BODY } from './list-unsubscribe.js';
export type { ListUnsubscribeInput } from './list-unsubscribe.js';
export { parseSmsKeyword, normaliseSmsBody } from './sms-keywords.js';
export type { SmsKeyword } from './sms-keywords.js';
export { CsvParser, CsvError, parseCsv } from './csv.js';
export type { CsvRecord } from './csv.js';
export { SuppressionCsvReader, SuppressionImportRow, readSuppressionCsv } from './suppression-csv.js';
export type { SuppressionImport, RowError, ReaderOptions } from './suppression-csv.js';
export { PolicySettings, TopicSetting, DEFAULT_POLICY_SETTINGS, consentModeOf, longestCapWindowMs } from './settings.js';
export type { PolicySettingsInput } from './settings.js';
export { outcomeOf } from './outcome.js';
export type { PolicyOutcome } from './outcome.js';
export { renderPreferencePage, parsePreferenceForm, prefKey, escapeHtml } from './preference-page.js';
export type { PreferenceView, PreferenceTopic, PreferenceForm, PreferenceAction } from './preference-page.js';
export { parseInboundSms, normalisePhone } from './sms-inbound.js';
export type { InboundSms } from './sms-inbound.js';
