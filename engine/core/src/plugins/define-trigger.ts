/**
 * Custom triggers: a journey starts when another system calls Cairn — a form tool, a payment
 * provider, a helpdesk — written by an engineer in one file, like an action. Cairn serves the
 * trigger's inbound webhook at `POST /v1/hooks/<type>`; the definition reads (and verifies) each
 * call into the customer and what happened, and each journey whose trigger step names this type
 * (with its own config, e.g. which form) decides whether that starts it. The event is stored
 * under a reserved name (`$trigger.<type>`), so nobody can forge it through `/v1/track`.
 *
 * @example
 * export const formSubmitted = defineTrigger({
 *   type: 'forms.submitted',
 *   title: 'Form submitted',
 *   description: 'A customer sends one of your forms.',
 *   config: z.object({ formId: z.string().optional() }),
 *   receive(req) {
 *     if (req.headers['x-signature'] !== sign(req.rawBody, req.secret('FORMS'))) throw new TriggerRefusal(401, 'bad signature');
 *     const { userId, formId } = req.body as { userId: string; formId: string };
 *     return { userId, properties: { formId } };
 *   },
 *   matches: (config, properties) => !config.formId || config.formId === properties.formId,
 * });
 */
import type { z } from 'zod';
import type { VersionedConfig } from './config-version.js';

/** One call of the trigger's webhook, as the definition sees it. */
export interface InboundCall {
  /** The body parsed as JSON (undefined when it is not JSON: read `rawBody`). */
  body: unknown;
  /** The body exactly as sent (signatures are computed over it). */
  rawBody: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** The URL's query parameters. */
  query: Record<string, string>;
  /** A secret from the server's environment (`CAIRN_SECRET_<NAME>`), e.g. a signing key. */
  secret(name: string): string | undefined;
}

/** What one call says happened, to whom. */
export interface Received {
  /** The customer (the same id your other calls use as `userId`). */
  userId: string;
  /** What the journey's rules, templates and `matches` see as the event's properties. */
  properties: Record<string, unknown>;
  /** The vendor's id for this delivery: a retried delivery with the same id is stored once. */
  messageId?: string;
  /** When it happened (ISO 8601), if the vendor says. */
  timestamp?: string;
}

/** Thrown from `receive` to refuse a call with a 4xx HTTP status (401 bad signature, 400 …; others answer 400) and a reason. */
export class TriggerRefusal extends Error {
  override readonly name = 'TriggerRefusal';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A custom trigger as `defineTrigger` returns it: config schema and which events enter a customer. */
export interface TriggerDefinition<C extends z.ZodObject = z.ZodObject> extends VersionedConfig {
  /** Unique, dotted lower-case, e.g. "forms.submitted". */
  type: string;
  title: string;
  description: string;
  /** The palette group under Triggers (default "Custom triggers"). */
  category?: string;
  icon?: string;
  /** The settings of a journey's trigger step (e.g. which form). */
  config: C;
  /** Reads and verifies one webhook call: one event, several (a batch), or none (a ping). Throw `TriggerRefusal` to refuse it. */
  receive(call: InboundCall): Received | Received[] | Promise<Received | Received[]>;
  /** Does this event start a journey whose trigger step has this config? Default: every event does. */
  matches?(config: z.infer<C>, properties: Record<string, unknown>): boolean;
  /** The event properties a test customer starts with in the simulator. */
  sample?(config: z.infer<C>): Record<string, unknown>;
  /** The step's line on the canvas ("form abc123"). */
  summary?(config: z.infer<C>): string;
}

/** The reserved event name a custom trigger's calls are stored under. */
export function customTriggerEvent(type: string): string {
  return `$trigger.${type}`;
}

const TRIGGER_TYPE = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;

/** Declares a custom trigger. Checks the declaration, so a mistake fails at start-up. */
export function defineTrigger<C extends z.ZodObject>(def: TriggerDefinition<C>): TriggerDefinition<C> {
  if (!TRIGGER_TYPE.test(def.type)) throw new Error(`defineTrigger: type "${def.type}" must be dotted lower camel case, like "forms.submitted"`);
  if (def.version !== undefined && (!Number.isInteger(def.version) || def.version < 1)) throw new Error(`defineTrigger(${def.type}): version must be a whole number from 1`);
  if ((def.version ?? 1) > 1 && !def.migrate) throw new Error(`defineTrigger(${def.type}): version ${def.version} needs migrate(config, from) for journeys saved with older versions`);
  return def;
}

/** HMAC-SHA256 of `text` with `key`, base64 (Web Crypto: the engine's root runs in browsers too). */
export async function hmacSha256Base64(key: string, text: string): Promise<string> {
  const enc = new TextEncoder();
  const k = await globalThis.crypto.subtle.importKey('raw', enc.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', k, enc.encode(text)));
  let bin = '';
  for (const b of sig) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Compares two signatures without leaking where they differ through timing. */
export function sameSignature(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
