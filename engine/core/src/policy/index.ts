/**
 * The delivery policy: pure, browser-safe decisions (suppression, consent, frequency caps,
 * quiet hours), SMS keywords, List-Unsubscribe headers and the suppression CSV reader.
 * Token signing needs Node's crypto: import it from './token.node.js' (runtime entry only).
 */
export * from './types.js';
export { decidePolicy } from './decide.js';
export { isHard } from './suppression.js';
export { latestConsent } from './consent.js';
export type { CapHit } from './caps.js';
export { UnsubscribeClaims } from './unsubscribe-claims.js';
export { listUnsubscribeHeaders, unsubscribeUrl, isOneClickBody } from './list-unsubscribe.js';
export type { ListUnsubscribeInput } from './list-unsubscribe.js';
export { parseSmsKeyword } from './sms-keywords.js';
export type { SmsKeyword } from './sms-keywords.js';
export type { CsvRecord } from './csv.js';
export { SuppressionCsvReader, SuppressionImportRow } from './suppression-csv.js';
export type { SuppressionImport, RowError, ReaderOptions } from './suppression-csv.js';
export { PolicySettings, TopicSetting, DEFAULT_POLICY_SETTINGS, consentModeOf, longestCapWindowMs } from './settings.js';
export type { PolicySettingsInput } from './settings.js';
export { outcomeOf } from './outcome.js';
export type { PolicyOutcome } from './outcome.js';
export { renderPreferencePage, parsePreferenceForm, escapeHtml } from './preference-page.js';
export type { PreferenceView, PreferenceTopic, PreferenceForm, PreferenceAction } from './preference-page.js';
export { parseInboundSms, normalisePhone } from './sms-inbound.js';
export type { InboundSms } from './sms-inbound.js';
