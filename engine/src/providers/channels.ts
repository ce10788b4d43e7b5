/**
 * Which provider carries each channel, and the senders built from them. The choice and its
 * settings are kept per channel in the database (WorkspaceSetting `channel.<name>`, written by
 * the Channels page); a channel with none uses the first provider the environment configures
 * (builtin/index.ts order), else the log. Secrets come only from the settings parsed at start-up.
 *
 * `providers()` is what the delivery path reads: saved choices are re-read at most every
 * `ttlMs` (5 s), so a change on the Channels page reaches every worker within seconds, and a
 * sender is rebuilt only when its provider or settings changed.
 */
import type { Db, Prisma } from '@cairn/db';
import { z } from 'zod';
import { Channel } from '@cairn/core/internal/journey/primitives';
import { PermanentSendError, type Provider, type Providers, type PushDeviceKind } from '../delivery/provider.js';
import type { ProviderDefinition, ProviderStore, Sender } from './define-provider.js';
import { providerEnv, requiredEnv } from './env.js';
import { listProviders, providerDefinition } from './registry.js';

/** The prefix of each channel's provider setting in WorkspaceSetting. */
export const CHANNEL_SETTING_PREFIX = 'channel.';
/** Values providers keep (`keep`): `provider.<name>.<key>`. */
const KEPT_PREFIX = 'provider.';
/** The path prefix of providers' inbound webhooks (delivery receipts, replies, opt-outs). */
export const PROVIDER_INBOUND_PREFIX = '/v1/providers/';

/** A channel's saved choice. */
export const ChannelChoice = z.object({
  provider: z.string().min(1),
  settings: z.record(z.string(), z.unknown()).default({}),
  updatedBy: z.string().optional(),
});
export type ChannelChoice = z.infer<typeof ChannelChoice>;

/**
 * What the channel registry is built from: the stored settings, the environment, the public URL, and how
 * long a read setting is kept.
 */
export interface ChannelsOptions {
  db: Pick<Db, 'workspaceSetting'>;
  /** The parsed settings (CommonEnv and beyond): providers read their variables from it. */
  env: object;
  /** CAIRN_PUBLIC_URL, else http://localhost:PORT: the base of inbound URLs (a function when the port is known only once listening). */
  publicUrl: string | (() => string);
  ttlMs?: number;
  clock?: { now(): number };
}

/** What the Channels page shows of one channel. */
export interface ChannelState {
  channel: Channel;
  provider: string;
  title: string;
  /** Saved on the Channels page, or chosen from the environment. */
  source: 'saved' | 'environment' | 'default';
  /** The provider's required variables are set. */
  configured: boolean;
  missingEnv: string[];
  settings: Record<string, unknown>;
  /** A problem with the saved settings (they no longer parse), in words. */
  problem?: string;
  /** Inbound URLs to give the vendor (status callbacks, incoming messages). */
  inboundUrls: Record<string, string>;
  /**
   * Chat steps of apps the channel's provider does not carry, and the provider the environment
   * configures for them (a WhatsApp step while Zalo carries chat). Empty for other channels.
   */
  routes: Array<{ app: string; provider: string; title: string; inboundUrls: Record<string, string> }>;
  /** The providers that can carry this channel. */
  options: Array<{ name: string; title: string; description?: string; configured: boolean; missingEnv: string[]; settingsSchema: unknown }>;
}

interface Resolved {
  def: ProviderDefinition;
  source: ChannelState['source'];
  settings: Record<string, unknown>;
  problem?: string;
}

/** The providers in use for each channel, resolved from the Channels page and the environment. */
export interface Channels {
  /** The provider of every channel, as the delivery path uses them. */
  providers(): Promise<Providers>;
  /** Every channel's provider, settings and inbound URLs. */
  describe(): Promise<ChannelState[]>;
  /** Saves a channel's provider and settings (validated by the provider's schema). */
  choose(channel: Channel, provider: string, settings: Record<string, unknown>, by: string): Promise<void>;
  /** A provider's parsed environment and the settings of the channel it carries, for its inbound hooks. */
  inbound(provider: string): Promise<
    | { def: ProviderDefinition; env: Record<string, unknown>; settings: Record<string, unknown> | undefined; keep: <T>(key: string, make: () => T | Promise<T>) => Promise<T> }
    | undefined
  >;
  /** The public URL of a provider's hook. */
  inboundUrl(provider: string, hook: string): string;
  close(): Promise<void>;
}

/** Builds the channel registry: one provider per channel, chosen on the Channels page or by environment. */
export function createChannels(opts: ChannelsOptions): Channels {
  const clock = opts.clock ?? { now: () => Date.now() };
  const ttl = opts.ttlMs ?? 5000;
  const baseUrl = () => (typeof opts.publicUrl === 'function' ? opts.publicUrl() : opts.publicUrl).replace(/\/+$/, '');
  const settingsEnv = opts.env as Readonly<Record<string, unknown>>;
  const inboundUrl = (provider: string, hook: string) => `${baseUrl()}${PROVIDER_INBOUND_PREFIX}${provider}/${hook}`;
  const senders = new Map<string, { key: string; sender: Promise<Sender> }>();
  let cache: { at: number; providers: Promise<Providers> } | undefined;

  const saved = async (): Promise<Map<Channel, ChannelChoice>> => {
    const rows = await opts.db.workspaceSetting.findMany({ where: { key: { startsWith: CHANNEL_SETTING_PREFIX } } });
    const out = new Map<Channel, ChannelChoice>();
    for (const row of rows) {
      const channel = Channel.safeParse(row.key.slice(CHANNEL_SETTING_PREFIX.length));
      const choice = ChannelChoice.safeParse(row.value);
      if (channel.success && choice.success) out.set(channel.data, choice.data);
    }
    return out;
  };

  const resolve = (channel: Channel, choice: ChannelChoice | undefined): Resolved => {
    const def = choice ? providerDefinition(choice.provider) : undefined;
    if (choice && def) {
      const parsed = def.settings.safeParse(choice.settings);
      return parsed.success
        ? { def, source: 'saved', settings: parsed.data as Record<string, unknown> }
        : { def, source: 'saved', settings: choice.settings, problem: parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ') };
    }
    for (const candidate of listProviders()) {
      if (!candidate.channels.includes(channel) || requiredEnv(candidate).length === 0) continue;
      const env = providerEnv(candidate, settingsEnv);
      if (!env.ok) continue;
      const settings = candidate.settings.safeParse(candidate.settingsFromEnv?.(env.env) ?? {});
      if (settings.success) return { def: candidate, source: 'environment', settings: settings.data as Record<string, unknown> };
    }
    const log = providerDefinition('log') as ProviderDefinition;
    return { def: log, source: 'default', settings: {} };
  };

  const keep = (provider: string) => async <T>(key: string, make: () => T | Promise<T>): Promise<T> => {
    const k = `${KEPT_PREFIX}${provider}.${key}`;
    const found = await opts.db.workspaceSetting.findUnique({ where: { key: k } });
    if (found) return found.value as T;
    const fresh = await make();
    // Two processes starting together: the first insert wins, both read it back.
    await opts.db.workspaceSetting.upsert({ where: { key: k }, create: { key: k, value: fresh as Prisma.InputJsonValue }, update: {} });
    return (await opts.db.workspaceSetting.findUniqueOrThrow({ where: { key: k } })).value as T;
  };

  /** For chat: the apps the chosen provider does not carry, each with an environment-configured provider that does. */
  const chatRoutes = (r: Resolved): Map<string, Resolved> => {
    const routes = new Map<string, Resolved>();
    const apps = new Set(listProviders().flatMap((d) => (d.channels.includes('chat') ? (d.chatApps ?? []) : [])));
    for (const app of apps) {
      if (!r.problem && (!r.def.chatApps || r.def.chatApps.includes(app))) continue;
      for (const candidate of listProviders()) {
        if (candidate === r.def || !candidate.channels.includes('chat') || !candidate.chatApps?.includes(app)) continue;
        const env = providerEnv(candidate, settingsEnv);
        if (!env.ok) continue;
        const settings = candidate.settings.safeParse(candidate.settingsFromEnv?.(env.env) ?? {});
        if (!settings.success) continue;
        routes.set(app, { def: candidate, source: 'environment', settings: settings.data as Record<string, unknown> });
        break;
      }
    }
    return routes;
  };

  const store = (provider: string): ProviderStore => ({
    get: async <T>(key: string) => (await opts.db.workspaceSetting.findUnique({ where: { key: `${KEPT_PREFIX}${provider}.${key}` } }))?.value as T | undefined,
    set: async (key, value) => {
      const k = `${KEPT_PREFIX}${provider}.${key}`;
      await opts.db.workspaceSetting.upsert({ where: { key: k }, create: { key: k, value: value as Prisma.InputJsonValue }, update: { value: value as Prisma.InputJsonValue } });
    },
  });

  const senderOf = (channel: Channel, r: Resolved, slot: string = channel): Provider => {
    const name = r.def.name;
    const failing = (why: string): Provider => ({
      name,
      send: async () => {
        throw new PermanentSendError(why);
      },
    });
    if (r.problem) return failing(`the ${channel} settings for ${r.def.title} are not valid: ${r.problem}`);
    if (!r.def.channels.includes(channel)) return failing(`${r.def.title} cannot carry ${channel}`);
    const env = providerEnv(r.def, settingsEnv);
    if (!env.ok) return failing(`${r.def.title} needs ${env.missing.join(', ')} in the environment`);
    const key = `${name}:${JSON.stringify(r.settings)}`;
    let entry = senders.get(slot);
    if (!entry || entry.key !== key) {
      const old = entry;
      const sender = Promise.resolve(
        r.def.create({ env: env.env, settings: r.settings, channel, publicUrl: baseUrl(), inboundUrl: (hook) => inboundUrl(name, hook), keep: keep(name), store: store(name) }),
      );
      sender.catch(() => senders.delete(slot));
      entry = { key, sender };
      senders.set(slot, entry);
      // The replaced sender finishes what it has in flight on its own; close it after a moment.
      if (old) setTimeout(() => void old.sender.then((s) => s.close?.()).catch(() => undefined), 30_000).unref();
    }
    const built = entry.sender;
    return { name, send: async (message) => (await built).send(message) };
  };

  const build = async (): Promise<Providers> => {
    const choices = await saved();
    const out = {} as Providers;
    for (const channel of Channel.options) out[channel] = senderOf(channel, resolve(channel, choices.get(channel)));
    // Chat routes by the step's app: a step for an app the chosen provider does not carry goes to
    // the provider the environment configures for it, and the row names that provider.
    const routes = chatRoutes(resolve('chat', choices.get('chat')));
    if (routes.size > 0) {
      const main = out.chat;
      const byApp = new Map([...routes].map(([app, r]) => [app, senderOf('chat', r, `chat:${app}`)]));
      const pick = (content: Readonly<Record<string, string>>) => byApp.get(content.app ?? '') ?? main;
      out.chat = { name: main.name, nameFor: (content) => pick(content).name, send: (message) => pick(message.content).send(message) };
    }
    // Push reaches browsers through Web Push and apps through FCM at once: whichever of the two is
    // chosen carries its own kind of device, the other is set up from the environment (Web Push
    // needs nothing; FCM its service account, or each app device records why it was not sent).
    const push = resolve('push', choices.get('push'));
    const byKind: Record<PushDeviceKind, string> = { browser: 'web-push', app: 'fcm' };
    if (Object.values(byKind).includes(push.def.name)) {
      const main = out.push;
      const forKind = (kind: PushDeviceKind): Provider => {
        if (byKind[kind] === push.def.name) return main;
        const def = providerDefinition(byKind[kind]) as ProviderDefinition | undefined;
        if (!def) return main;
        const env = providerEnv(def, settingsEnv);
        const settings = def.settings.safeParse((env.ok ? def.settingsFromEnv?.(env.env) : undefined) ?? {});
        const r: Resolved = settings.success
          ? { def, source: 'environment', settings: settings.data as Record<string, unknown> }
          : { def, source: 'environment', settings: {}, problem: settings.error.issues.map((i) => i.message).join('; ') };
        return senderOf('push', r, `push:${kind}`);
      };
      const carriers = { browser: forKind('browser'), app: forKind('app') };
      out.push = { name: main.name, send: main.send, forDevice: (kind) => carriers[kind] };
    }
    return out;
  };

  return {
    providers() {
      const now = clock.now();
      if (!cache || now - cache.at > ttl) {
        const providers = build();
        providers.catch(() => (cache = undefined));
        cache = { at: now, providers };
      }
      return cache.providers;
    },
    async describe() {
      const choices = await saved();
      return Channel.options.map((channel): ChannelState => {
        const r = resolve(channel, choices.get(channel));
        const env = providerEnv(r.def, settingsEnv);
        return {
          channel,
          provider: r.def.name,
          title: r.def.title,
          source: r.source,
          configured: env.ok,
          missingEnv: env.ok ? [] : env.missing,
          settings: r.settings,
          ...(r.problem ? { problem: r.problem } : {}),
          inboundUrls: Object.fromEntries(Object.keys(r.def.inbound ?? {}).map((hook) => [hook, inboundUrl(r.def.name, hook)])),
          routes:
            channel === 'chat'
              ? [...chatRoutes(r)].map(([app, to]) => ({ app, provider: to.def.name, title: to.def.title, inboundUrls: Object.fromEntries(Object.keys(to.def.inbound ?? {}).map((hook) => [hook, inboundUrl(to.def.name, hook)])) }))
              : [],
          options: listProviders()
            .filter((d) => d.channels.includes(channel))
            .map((d) => {
              const e = providerEnv(d, settingsEnv);
              return { name: d.name, title: d.title, ...(d.description ? { description: d.description } : {}), configured: e.ok, missingEnv: e.ok ? [] : e.missing, settingsSchema: z.toJSONSchema(d.settings, { io: 'input' }) };
            }),
        };
      });
    },
    async choose(channel, provider, settings, by) {
      const def = providerDefinition(provider);
      if (!def) throw new ChannelSettingsError(`there is no provider named ${provider}`);
      if (!def.channels.includes(channel)) throw new ChannelSettingsError(`${def.title} cannot carry ${channel}`);
      const parsed = def.settings.safeParse(settings);
      if (!parsed.success) throw new ChannelSettingsError(parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; '));
      const value = { provider, settings: parsed.data, updatedBy: by } as Prisma.InputJsonValue;
      const key = `${CHANNEL_SETTING_PREFIX}${channel}`;
      await opts.db.workspaceSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
      cache = undefined;
    },
    async inbound(provider) {
      const def = providerDefinition(provider);
      if (!def) return undefined;
      const env = providerEnv(def, settingsEnv);
      if (!env.ok) return undefined;
      const choices = await saved();
      const carried = Channel.options.map((c) => ({ c, r: resolve(c, choices.get(c)) })).find((x) => x.r.def.name === provider && !x.r.problem);
      return { def, env: env.env, settings: carried?.r.settings, keep: keep(provider) };
    },
    inboundUrl,
    async close() {
      const all = [...senders.values()];
      senders.clear();
      await Promise.all(all.map((e) => e.sender.then((s) => s.close?.()).catch(() => undefined)));
    },
  };
}

/** A choice the Channels page cannot save, in words. */
export class ChannelSettingsError extends Error {
  override readonly name = 'ChannelSettingsError';
}
