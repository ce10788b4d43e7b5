/** Small helpers for node:http: bounded body reading (compressed or not) and JSON replies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Content-Encoding values a body may arrive in. Client libraries compress their batches:
 * RudderStack's Node SDK sends gzip by default, others offer it as an option.
 */
const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/**
 * Reads the whole body as UTF-8, decompressing it when Content-Encoding says so. `max` bounds
 * the bytes on the wire and the decompressed bytes alike, so a small compressed body cannot
 * expand into gigabytes (a zip bomb stops at `max` with a 413).
 */
export async function readBody(req: IncomingMessage, max: number): Promise<string> {
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const tooLarge = () => new BodyError(413, `body is larger than ${Math.round(max / 1024)} KB`);
  if (encoding === 'identity' || encoding === '') return (await collect(req, max, tooLarge)).toString('utf8');
  const decoder = DECODERS[encoding];
  if (!decoder) throw new BodyError(415, `Content-Encoding "${encoding.slice(0, 40)}" is not supported: send gzip, deflate, br or none`);
  const wire = await collect(req, max, tooLarge);
  try {
    return (await collect(Readable.from([wire]).pipe(decoder()), max, tooLarge)).toString('utf8');
  } catch (err) {
    if (err instanceof BodyError) throw err;
    throw new BodyError(400, `body is not valid ${encoding} data: ${(err as Error).message}`);
  }
}

async function collect(stream: AsyncIterable<unknown>, max: number, tooLarge: () => BodyError): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > max) throw tooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
