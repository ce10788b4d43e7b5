import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BodyError, readBody } from './body.js';

const request = (body: Buffer, encoding?: string) =>
  Object.assign(Readable.from([body]), { headers: encoding ? { 'content-encoding': encoding } : {} }) as unknown as IncomingMessage;

const json = JSON.stringify({ batch: [{ type: 'track', userId: 'u1', event: 'Signed Up' }] });

async function refusal(p: Promise<unknown>): Promise<BodyError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BodyError);
  return err as BodyError;
}

describe('readBody', () => {
  it('reads plain, gzip, deflate and brotli bodies to the same text', async () => {
    expect(await readBody(request(Buffer.from(json)), 1024)).toBe(json);
    expect(await readBody(request(zlib.gzipSync(json), 'gzip'), 1024)).toBe(json);
    expect(await readBody(request(zlib.gzipSync(json), 'X-Gzip'), 1024)).toBe(json);
    expect(await readBody(request(zlib.deflateSync(json), 'deflate'), 1024)).toBe(json);
    expect(await readBody(request(zlib.brotliCompressSync(json), 'br'), 1024)).toBe(json);
  });

  it('stops a small compressed body that expands past the limit (413)', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const err = await refusal(readBody(request(bomb, 'gzip'), 512 * 1024));
    expect(err.status).toBe(413);
  });

  it('refuses a body over the limit on the wire (413), corrupt data (400) and unknown encodings (415)', async () => {
    expect((await refusal(readBody(request(Buffer.alloc(2048, 0x61)), 1024))).status).toBe(413);
    const corrupt = await refusal(readBody(request(Buffer.from('not gzip at all'), 'gzip'), 1024));
    expect(corrupt.status).toBe(400);
    expect(corrupt.message).toMatch(/not valid gzip/);
    const unknown = await refusal(readBody(request(Buffer.from(json), 'compress'), 1024));
    expect(unknown.status).toBe(415);
    expect(unknown.message).toMatch(/"compress" is not supported/);
  });
});
