/**
 * The audit of API key calls: one ApiKeyCall row per HTTP request made with a key, written when
 * the response has been sent (so it knows the status), whatever the outcome; the key's
 * `lastUsedAt` moves with it. A failed audit write is logged, never turned into a failed call.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '@cairn/db';
import type { ApiKeyPrincipal } from './api-keys.js';

interface CallRecord {
  procedure?: string;
  outcome?: string;
}

const records = new WeakMap<object, CallRecord>();

/** Starts the audit of one request made with `key`; `ctx` is the request's tRPC context. */
export function auditKeyCall(db: Db, key: ApiKeyPrincipal, ctx: object, req: IncomingMessage, res: ServerResponse, log: (m: string) => void, now: () => number): void {
  const started = now();
  const record: CallRecord = {};
  records.set(ctx, record);
  // The URL as the client sent it (/api's handler strips its prefix: originalUrl keeps it).
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const pathname = URL.parse(url, 'http://localhost')?.pathname ?? '/';
  res.once('close', () => {
    const at = now();
    const ok = res.statusCode < 400;
    const outcome = ok ? 'ok' : (record.outcome ?? `HTTP ${res.statusCode}`);
    db.$transaction([
      db.apiKeyCall.create({
        data: {
          keyId: key.id,
          route: `${req.method ?? 'GET'} ${pathname}`.slice(0, 500),
          procedure: record.procedure?.slice(0, 500) ?? null,
          status: res.statusCode,
          outcome: outcome.slice(0, 500),
          at: new Date(at),
          durationMs: Math.max(0, at - started),
        },
      }),
      db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(at) } }),
    ]).catch((err: unknown) => log(`audit of API key ${key.id} failed: ${(err as Error).message}`));
  });
}

/** Notes the procedures a call named (tRPC `responseMeta`). */
export function noteProcedures(ctx: object | undefined, paths: readonly string[] | undefined): void {
  const r = ctx && records.get(ctx);
  if (r && paths?.length) r.procedure = paths.join(',');
}

/** Notes why a call failed (tRPC `onError`): the first error's code and message. */
export function noteError(ctx: object | undefined, error: { code: string; message: string }, path?: string): void {
  const r = ctx && records.get(ctx);
  if (!r) return;
  r.outcome ??= `${error.code}: ${error.code === 'INTERNAL_SERVER_ERROR' ? 'internal error' : error.message}`;
  if (path && !r.procedure) r.procedure = path;
}
