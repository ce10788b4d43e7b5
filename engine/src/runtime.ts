/**
 * @cairn/engine/runtime — the Node-only side of the engine: activities, the delivery path and
 * providers, and the Temporal worker. Never import this from browser code; use the root entry.
 */
export * from './activities/index.js';
export * from './delivery/index.js';
export * from './worker/index.js';
export { mergeAttributes } from './customer/merge-attributes.js';
export type { AttributeWriter } from './customer/merge-attributes.js';
export * from './workflow/api.js';
export { signUnsubscribeToken, verifyUnsubscribeToken, TOKEN_VERSION } from './policy/token.node.js';
export type { VerifyResult, VerifyOptions } from './policy/token.node.js';
export { unsubscribeSecrets } from './policy/secret.node.js';
export type { UnsubscribeSecrets } from './policy/secret.node.js';
export { messageLinks, oneClickHeaders, defaultLinkConfig } from './policy/links.node.js';
export type { LinkConfig, LinkSettings, MessageLinks } from './policy/links.node.js';
export { loadAppActions, appActionsPath } from './plugins/app-actions.node.js';
export * from './providers/index.js';
export * from './segments/store.js';
