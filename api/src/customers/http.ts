/**
 * Plain HTTP for what does not fit tRPC's 4 MB body limit or its JSON answers:
 *   POST /upload/customers/<importId>   the CSV body of an import started with
 *                                       `customers.importStart`, streamed (never buffered whole);
 *                                       answers the import when it is finished
 *   GET  /export/customers.csv?query=…&key=…&value=…&segment=…   the list's filter as CSV, streamed
 * Signed in like tRPC (the session cookie or an API key with the scope of the twin procedure:
 * `customers.importStart` to upload, `customers.list` to export).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import { requireScope } from '../auth/scopes.js';
import { sendJson } from '../http/body.js';
import type { ApiContext } from '../trpc.js';
import { exportCustomers } from './export.js';
import { CustomerFilter } from './filter.js';
import { importCustomers } from './import.js';
import { mergeSameAddress } from '../identity/by-address.js';
import { loadIdentitySettings } from '../identity/settings.js';

export const UPLOAD_PREFIX = '/upload/customers/';
export const EXPORT_PATH = '/export/customers.csv';

/** Bytes an uploaded CSV may have (about 1 million customers with a dozen attributes). */
export const MAX_UPLOAD = 512 * 1024 * 1024;

export function isCustomersHttpPath(pathname: string): boolean {
  return pathname.startsWith(UPLOAD_PREFIX) || pathname === EXPORT_PATH;
}

export async function handleCustomersHttp(ctx: ApiContext, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!ctx.user) return sendJson(res, 401, { error: ctx.authProblem ?? 'sign in first' });
  try {
    if (url.pathname === EXPORT_PATH) return await exportRoute(ctx, url, req, res);
    return await uploadRoute(ctx, url, req, res);
  } catch (err) {
    if (err instanceof TRPCError) return sendJson(res, err.code === 'FORBIDDEN' ? 403 : 400, { error: err.message });
    throw err;
  }
}

async function uploadRoute(ctx: ApiContext, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (ctx.apiKey) requireScope(ctx.apiKey, 'customers.importStart', 'mutation');
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST the CSV file here' });
  const id = decodeURIComponent(url.pathname.slice(UPLOAD_PREFIX.length));
  const job = await ctx.db.customerImport.findUnique({ where: { id } });
  if (!job) return sendJson(res, 404, { error: `no import "${id}": start one with customers.importStart` });
  if (job.status !== 'validating' || job.totalRows > 0) return sendJson(res, 409, { error: 'this import has already received its file: start another' });
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD) return sendJson(res, 413, { error: `the file is larger than ${MAX_UPLOAD / 1024 / 1024} MB` });
  let size = 0;
  const bounded = async function* () {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_UPLOAD) throw Object.assign(new Error(`the file is larger than ${MAX_UPLOAD / 1024 / 1024} MB`), { code: 'CSV_TOO_LARGE' });
      yield chunk as Buffer;
    }
  };
  // Customers given the email or phone of another known customer merge when the workspace says so.
  const { mergeOnSameAddress } = await loadIdentitySettings(ctx.db);
  const outcome = await importCustomers(ctx.db, id, bounded(), { matchAddresses: mergeOnSameAddress });
  if (outcome.ok) await mergeSameAddress(ctx, outcome.sharesAddress, 'import');
  const done = await ctx.db.customerImport.findUniqueOrThrow({ where: { id } });
  sendJson(res, done.status === 'done' ? 200 : 422, done);
}

async function exportRoute(ctx: ApiContext, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (ctx.apiKey) requireScope(ctx.apiKey, 'customers.list', 'query');
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'GET the export' });
  const p = url.searchParams;
  const key = p.get('key');
  const segment = p.get('segment');
  const parsed = CustomerFilter.safeParse({ query: p.get('query') ?? '', ...(key ? { attribute: { key, value: p.get('value') ?? '' } } : {}), ...(segment ? { segmentId: segment } : {}) });
  if (!parsed.success) return sendJson(res, 400, { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': 'attachment; filename="customers.csv"',
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  for await (const chunk of exportCustomers(ctx.db, parsed.data)) {
    if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
  }
  res.end();
}
