/**
 * Channel providers as the delivery path sees them: a name (recorded on the message row) and a
 * `send`. They are built from provider definitions (engine/src/providers, `defineProvider`) and
 * called by `deliver` (delivery/deliver.ts) only, after the policy check and the idempotency claim.
 */
import type { Channel } from '@cairn/core/internal/journey/primitives';

/** A rendered message on its way out. */
export interface OutboundMessage {
  /** Unique per send (workflow, node, visit). Providers forward it so receivers can drop repeats. */
  idempotencyKey: string;
  /** The message row's id: callbacks that carry it (Twilio's status URL) find the row even without the provider's id. */
  messageId?: string;
  channel: Channel;
  customerId: string;
  /** The address on that channel (email, phone, push token, chat id). */
  to: string;
  topic: string;
  /** Rendered fields: subject/preheader/body for email, body for sms, title/body/url for push. */
  content: Record<string, string>;
  journeyId?: string;
  nodeId?: string;
  /** Extra headers for email: List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) on marketing email. */
  headers?: Record<string, string>;
}

/** What a provider reports for an accepted message. */
export interface SendResult {
  /** The provider's own id (SMTP message id, HTTP response id…). */
  providerId?: string;
}

/** A way of delivering one channel's messages (SMTP, Twilio, FCM, a log...). */
export interface Provider {
  /** Recorded on the message row: "log", "smtp", "webhook". */
  readonly name: string;
  /** Throws on a failure worth retrying; `PermanentSendError` for one that is not. */
  send(message: OutboundMessage): Promise<SendResult>;
  /**
   * The provider that carries this content, when the channel routes by it (chat: Zalo for a Zalo
   * step, WhatsApp for a WhatsApp one); recorded on the row so receipts find it. Else `name`.
   */
  nameFor?(content: Readonly<Record<string, string>>): string;
  /**
   * Push: the provider for one kind of device (a browser's Web Push subscription, an app's FCM
   * token), so one step reaches a customer's browsers and apps at once. Absent: this one carries all.
   */
  forDevice?(kind: PushDeviceKind): Provider;
}

/** The two kinds of push device: a browser's Web Push subscription or an app's FCM token. */
export type PushDeviceKind = 'browser' | 'app';

/** A push address is a browser's subscription (JSON) or else an app's token. */
export function pushDeviceKind(address: string): PushDeviceKind {
  return address.trim().startsWith('{') ? 'browser' : 'app';
}

/** A failure that will not go away by retrying (bad address, 4xx): recorded as failed at once. */
export class PermanentSendError extends Error {
  override readonly name: string = 'PermanentSendError';
}

/**
 * The address itself is gone for good (an expired push subscription: 404/410 from the push
 * service). Recorded as failed, and the customer's address on the channel is cleared (when it is
 * still the one used), so later sends record "no address" instead of calling the provider again.
 */
export class AddressGoneError extends PermanentSendError {
  override readonly name = 'AddressGoneError';
}

/** Which provider carries each channel. */
export type Providers = Record<Channel, Provider>;

/** Fixed providers, or a source the send path asks on each send (channel settings kept in the database). */
export type ProviderSource = Providers | (() => Promise<Providers>);

/**
 * The embedded default: sends nothing, the rendered message is kept on the message row
 * (viewable through the API), so a fresh install shows exactly what would have gone out.
 */
export const logProvider: Provider = {
  name: 'log',
  async send(message) {
    return { providerId: `log:${message.idempotencyKey}` };
  },
};

/** Every channel through one provider. */
export function allChannels(provider: Provider): Providers {
  return { email: provider, sms: provider, push: provider, chat: provider };
}
