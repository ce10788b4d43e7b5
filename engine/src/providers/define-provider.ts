/**
 * The provider API: a channel provider (SMTP, Twilio, Web Push…) is one file with one
 * `defineProvider` call and one line in `builtin/index.ts`. It declares
 * - the environment it reads (`env`, a zod object keyed by variable name): secrets and
 *   credentials, parsed with every other setting at start-up (a bad value stops the process
 *   naming the variable, a missing required one leaves the provider unconfigured);
 * - its per-channel settings (`settings`, a zod object kept in the database and edited on the
 *   Channels page): sender addresses, numbers, texts, nothing secret;
 * - `create`, which builds the sender: its `send` returns the provider's own message id;
 * - optional `inbound` hooks (delivery receipts, replies, opt-outs), reached at
 *   `/v1/providers/<name>/<hook>`; each verifies the vendor's signature before anything changes.
 *
 * A provider never sees the database or the policy. `send` is called only by the delivery path
 * (engine/src/delivery/deliver.ts), after the policy check and the idempotency claim, and its
 * inbound hooks change the world only through their context (receipts, opt-outs), which the API
 * applies with the one suppression writer.
 *
 * @example
 * export const acmeSms = defineProvider({
 *   name: 'acme',
 *   title: 'ACME SMS',
 *   channels: ['sms'],
 *   env: z.object({ ACME_API_KEY: z.string().min(1) }),
 *   settings: z.object({ from: z.string().min(1) }),
 *   create: ({ env, settings }) => ({
 *     async send(message) {
 *       const res = await postToAcme(env.ACME_API_KEY, settings.from, message);
 *       return { providerId: res.id };
 *     },
 *   }),
 * });
 */
import type { z } from 'zod';
import type { Channel } from '@cairn/core/internal/journey/primitives';
import type { OutboundMessage, SendResult } from '../delivery/provider.js';

/** What `create` gets: the parsed environment and the channel's settings. */
export interface ProviderContext<E, S> {
  env: E;
  settings: S;
  channel: Channel;
  /** The public base URL of the API (CAIRN_PUBLIC_URL), for callback URLs. No trailing slash. */
  publicUrl: string;
  /** The URL of one of this provider's inbound hooks. */
  inboundUrl(hook: string): string;
  /**
   * A value kept in the database under this provider's name, made by `make` on first use (keys
   * generated on first start, e.g. VAPID). Two processes starting together get the same value.
   */
  keep<T>(key: string, make: () => T | Promise<T>): Promise<T>;
  /** Values this provider replaces as they change (a rotating OAuth refresh token): the last write wins. */
  store: ProviderStore;
}

/** Kept in the database under the provider's name, shared by every process. */
export interface ProviderStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

/** The built sender of one channel. */
export interface Sender {
  /** Throws on a failure worth retrying; `PermanentSendError` for one that is not. */
  send(message: OutboundMessage): Promise<SendResult>;
  close?(): void | Promise<void>;
}

/** An inbound HTTP request as the hook sees it: the raw body, so signatures can be checked. */
export interface InboundRequest {
  method: string;
  /** The full URL the vendor called (public base + path + query): signatures cover it. */
  url: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: string;
  /** The body's fields when it is form-encoded (Twilio), else empty. */
  form: Readonly<Record<string, string>>;
}

/** A delivery receipt: the provider's verdict on a message it took. */
export interface Receipt {
  /** The provider's message id (what `send` returned), or the message row id when the hook knows it. */
  providerId?: string;
  messageId?: string;
  status: 'delivered' | 'failed';
  reason?: string;
}

/** A refusal (or its withdrawal) heard on a channel, from the address that sent it. */
export interface AddressAction {
  channel: Channel;
  /** The customer's address on that channel (phone, email, push endpoint, chat id). */
  address: string;
  /** Kept on the suppression: "sms-stop", "resend-bounce". */
  source: string;
  /** The suppression's reason (default unsubscribed): a hard bounce, a spam complaint. */
  reason?: 'unsubscribed' | 'hard_bounce' | 'spam_complaint';
  /** What the customer sent, quoted on the suppression. */
  note?: string;
  /** The keyword heard (STOP, START, HỦY…), named when a suppression is lifted. */
  keyword?: string;
  /** The vendor's id of what was heard (Twilio's MessageSid): a replay records nothing new. */
  ref?: string;
}

/** What a hook may do. The API implements it: receipts update message rows, opt-outs go through the suppression writer. */
export interface InboundContext<E, S> {
  env: E;
  /** The settings of the channel this provider carries, when one is configured with it. */
  settings: S | undefined;
  receipt(receipt: Receipt): Promise<{ updated: number }>;
  /** The customer refused contact on the channel (STOP, unsubscribe, block): a hard suppression. */
  optOut(action: AddressAction): Promise<{ customers: number }>;
  /** The customer asked to be contacted again (START): lifts what `optOut` with the same source recorded. */
  optIn(action: AddressAction): Promise<{ customers: number }>;
  /**
   * A customer wrote back (an SMS that is not a keyword, a chat message): a "Message Replied"
   * event for every customer at the address, stored once per `ref` and routed like an ingested one.
   */
  replied(reply: { channel: Channel; address: string; text: string; ref: string }): Promise<{ customers: number }>;
  /**
   * Something happened to one message Cairn sent (a push notification was clicked): an event
   * named `name` for its customer, with the message's channel, provider, journey and step, stored
   * once per message and name.
   */
  messageEvent(event: { messageId: string; name: string }): Promise<{ stored: boolean }>;
  /** Records a customer's address on a channel (a Web Push subscription), creating the customer if new. */
  setAddress(customerId: string, channel: Channel, address: string): Promise<void>;
  /** The same store as `ProviderContext.keep` (read the VAPID public key). */
  keep<T>(key: string, make: () => T | Promise<T>): Promise<T>;
  /** The public URL of one of this provider's hooks. */
  inboundUrl(hook: string): string;
  log(message: string): void;
}

/** The answer to the caller. */
export interface InboundReply {
  status: number;
  contentType?: string;
  body: string;
  headers?: Record<string, string>;
}

/** What a signature check may read besides the environment: keys the provider keeps (link signing keys). */
export interface VerifyTools {
  keep<T>(key: string, make: () => T | Promise<T>): Promise<T>;
}

interface HookBase<E, S> {
  handle(req: InboundRequest, ctx: InboundContext<E, S>): Promise<InboundReply>;
}

/**
 * An inbound hook, by who may call it:
 * - a vendor (the default, `auth: 'signature'`): `verify` checks the vendor's signature with the
 *   provider's secret; false is answered 403 and nothing changes. Required: the URL is public.
 *   An optional `challenge` answers the vendor's GET handshake on the same URL;
 * - a browser on the customer's site (`auth: 'write-key'`): the workspace's write key (HTTP Basic
 *   user or `?key=`), as for the ingest, is checked by the API before `handle`;
 * - anyone (`auth: 'public'`, GET only): static content such as a browser snippet. Such a hook
 *   must only read.
 */
export type InboundHook<E, S> =
  | (HookBase<E, S> & {
      auth?: 'signature';
      verify(req: InboundRequest, env: E, tools: VerifyTools): boolean | Promise<boolean>;
      /**
       * A GET on the same URL before any event: the vendor's subscription handshake (Meta's
       * `hub.challenge`). It checks its own token and only answers; without it, GET is 405.
       */
      challenge?(req: InboundRequest, env: E): InboundReply;
    })
  | (HookBase<E, S> & { auth: 'write-key' })
  | (HookBase<E, S> & { auth: 'public' });

/**
 * A delivery provider as `defineProvider` returns it: its settings schemas, how it sends and how it reads
 * its webhooks.
 */
export interface ProviderDefinition<E extends z.ZodObject = z.ZodObject, S extends z.ZodObject = z.ZodObject> {
  /** Unique, lower case: recorded on every message row it sends ("twilio"). */
  name: string;
  title: string;
  description?: string;
  /** The channels it can carry. */
  channels: readonly Channel[];
  /**
   * For a chat provider: the chat apps (a chat step's `app`) it carries; absent, any (webhook,
   * log). A chat step for an app the chat channel's provider does not carry goes to a provider
   * that does, when the environment configures one (channels.ts).
   */
  chatApps?: readonly string[];
  /** Environment variables it reads (secrets), by name. Required ones make it "configured". */
  env: E;
  /** Per-channel settings, kept in the database. */
  settings: S;
  /** Defaults for settings taken from the environment (SMTP_FROM), used when the database has none. */
  settingsFromEnv?(env: z.infer<E>): Partial<z.input<S>>;
  create(ctx: ProviderContext<z.infer<E>, z.infer<S>>): Sender | Promise<Sender>;
  /** Hooks by name: `/v1/providers/<name>/<hook>`. */
  inbound?: Record<string, InboundHook<z.infer<E>, z.infer<S>>>;
}

export const PROVIDER_NAME = /^[a-z][a-z0-9-]*$/;

/** Declares a provider. Checks the declaration, so a mistake fails at start-up. */
export function defineProvider<E extends z.ZodObject, S extends z.ZodObject>(def: ProviderDefinition<E, S>): ProviderDefinition<E, S> {
  if (!PROVIDER_NAME.test(def.name)) throw new Error(`defineProvider: name "${def.name}" must be lower case letters, digits and "-"`);
  if (def.channels.length === 0) throw new Error(`defineProvider(${def.name}): declare at least one channel`);
  for (const key of Object.keys(def.env.shape)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(key)) throw new Error(`defineProvider(${def.name}): env "${key}" must be an upper-case variable name`);
  }
  for (const hook of Object.keys(def.inbound ?? {})) {
    if (!/^[a-z][a-z0-9.-]*$/.test(hook)) throw new Error(`defineProvider(${def.name}): inbound hook "${hook}" must be lower case (letters, digits, "." and "-")`);
  }
  return def;
}
