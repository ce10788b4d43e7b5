/** Delivery: the policy, the single send path and the channel providers (Node only). */
export { deliver } from './deliver.js';
export type { DeliveryDeps, DeliveryRequest, DeliveryResult, FinalStatus } from './deliver.js';
export { checkPolicy, gatherPolicyFacts, loadPolicySettings, POLICY_SETTINGS_KEY, suppressionOf } from './policy.js';
export type { SendPolicyInput, SendVerdict, PolicyTx } from './policy.js';
export { renderMessage, contentFields, isMessageNode, channelOf, markupOf, RenderError } from './content.js';
export { compileMjml } from './mjml.js';
export { trackEmail, trackingToken, verifyTrackingToken, TRACKING_PREFIX } from './tracking.js';
export type { MessageNode } from './content.js';
export { logProvider, allChannels, AddressGoneError, PermanentSendError, pushDeviceKind } from './provider.js';
export type { Provider, Providers, ProviderSource, OutboundMessage, SendResult, PushDeviceKind } from './provider.js';
export { webhookSecret } from './from-env.js';
export { sign, verify, SIGNATURE_HEADER, IDEMPOTENCY_HEADER } from './hmac.js';
export { signedFetch } from './http.js';
export type { SignedRequest, HttpOutcome } from './http.js';
