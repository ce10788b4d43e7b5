/**
 * The built-in providers, one line each. Order matters for defaults: a channel with no choice
 * saved on the Channels page uses the first provider here that carries it and that the
 * environment configures (its required variables are set), else the log.
 */
import type { ProviderDefinition } from '../define-provider.js';
import { fcmProviderDefinition } from './fcm.js';
import { logProviderDefinition } from './log.js';
import { postmarkProviderDefinition } from './postmark.js';
import { resendProviderDefinition } from './resend.js';
import { smtpProviderDefinition } from './smtp.js';
import { twilioProviderDefinition } from './twilio.js';
import { webPushProviderDefinition } from './web-push.js';
import { webhookProviderDefinition } from './webhook.js';
import { wechatProviderDefinition } from './wechat.js';
import { whatsappProviderDefinition } from './whatsapp.js';
import { zaloProviderDefinition } from './zalo.js';

export const builtInProviders = [twilioProviderDefinition, smtpProviderDefinition, resendProviderDefinition, postmarkProviderDefinition, webPushProviderDefinition, fcmProviderDefinition, zaloProviderDefinition, whatsappProviderDefinition, wechatProviderDefinition, webhookProviderDefinition, logProviderDefinition] as const satisfies readonly ProviderDefinition[];
