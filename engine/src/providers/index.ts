/** Channel providers (Node only): `defineProvider`, the registry, and the channels built from them. */
export { defineProvider } from './define-provider.js';
export type { ProviderDefinition, ProviderContext, ProviderStore, Sender, InboundHook, InboundRequest, InboundContext, InboundReply, Receipt, AddressAction } from './define-provider.js';
export { registerProvider, providerDefinition, listProviders } from './registry.js';
export { createChannels, ChannelChoice, ChannelSettingsError, CHANNEL_SETTING_PREFIX, PROVIDER_INBOUND_PREFIX } from './channels.js';
export type { Channels, ChannelsOptions, ChannelState } from './channels.js';
export { providerEnv, requiredEnv } from './env.js';
export { messageIdFor } from './builtin/smtp.js';
export { publicUrlOf } from './public-url.js';
