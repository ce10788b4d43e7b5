/**
 * Hostile input from outside, over real HTTP against the real stack (embedded PostgreSQL, Temporal
 * dev server, worker): every public endpoint (ingest, /u/<token>, /v1/sms/inbound, /healthz) and
 * every tRPC procedure, called with a signed-in session. Control characters, lone surrogates,
 * nesting up to 20,000 levels, lenient timestamps and malformed percent-encoding must be a 4xx
 * naming the problem (and its path), never a 5xx, and a refused call stores nothing: every table
 * a call could write is counted before and after.
 */
import net from 'node:net';
import fc from 'fast-check';
import { appRouter } from '@cairn/api';
import { signUnsubscribeToken, unsubscribeSecrets } from '@cairn/engine/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { useStack, type Stack } from './support/stack.js';
import { trpcSamples } from './support/trpc-samples.js';
import { badTimestamp, controlString, deepValue, hostile, leafPaths, nestedJson, PLACEHOLDER, setAt, surrogateString, withHostile, type Hostile } from './support/hostile.js';

let s: Stack;
useStack((stack) => (s = stack));

let cookie: string;
let secret: string;
const PHONE = '+15550001234';

beforeAll(async () => {
  cookie = await s.signIn();
  secret = (await unsubscribeSecrets(s.db, process.env)).current;
  await s.db.customer.create({ data: { id: 'fuzz-c1', email: 'fuzz@example.test', phone: PHONE } });
}, 60_000);

/** Every table a request could write (sessions aside: signing in writes one). */
const TABLES = ['Journey', 'JourneyVersion', 'Customer', 'Event', 'Enrolment', 'NodeEvent', 'Message', 'Suppression', 'Consent', 'SuppressionImport', 'WorkspaceSetting', 'WriteKey', 'User'];

async function rowCounts(): Promise<Record<string, number>> {
  const sql = `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(', ')}`;
  const [row] = await s.db.$queryRawUnsafe<Array<Record<string, number>>>(sql);
  return row!;
}

/**
 * Waits until what an accepted call set going has written its rows: a published journey's or an
 * enrolment's workflow records its steps after the call answered, and on a loaded machine (the CI's
 * load pass) those writes landed during the next, refused call and were counted against it. Quiet
 * means no enrolment in flight and the counts unchanged since the previous read (150 ms apart, at
 * most 20 s); a call that started nothing costs one read.
 */
async function settled(previous: Record<string, number>): Promise<void> {
  const until = Date.now() + 20_000;
  let last = JSON.stringify(previous);
  for (;;) {
    const now = JSON.stringify(await rowCounts());
    const inFlight = await s.db.enrolment.count({ where: { status: 'active' } });
    if ((now === last && inFlight === 0) || Date.now() > until) return;
    last = now;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Runs `call`, and when it answers 4xx, checks that no table changed. Never 5xx. */
async function refusedStoresNothing<T extends { status: number }>(what: string, call: () => Promise<T>): Promise<T> {
  const before = await rowCounts();
  const res = await call();
  expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400) expect(await rowCounts(), `${what}: a refused call stored something`).toEqual(before);
  // Only an accepted call sets background work going: let it finish before the next call is judged.
  else await settled(before);
  return res;
}

const basic = () => `Basic ${Buffer.from(`${s.writeKey}:`).toString('base64')}`;

async function postText(pathname: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${pathname}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: basic(), ...headers }, body });
  const text = await res.text();
  return { status: res.status, text, json: (() => { try { return JSON.parse(text) as Record<string, unknown>; } catch { return undefined; } })() };
}

// Few runs per property: each is a real HTTP call plus two counting queries, and the suite should
// stay well under a minute on 2 cores. Seeds vary per run, so CI explores more over time.
const RUNS = { numRuns: 25 };

describe('ingest: /v1/identify, /v1/track, /v1/batch', () => {
  /**
   * Where a hostile value can go in one call, with the path the refusal must name. Strings go
   * anywhere; keys and nesting only where an object is taken (elsewhere they are a type error).
   */
  const sites = [
    { path: 'userId', strings: true, call: { userId: PLACEHOLDER, event: 'Fuzzed' } },
    { path: 'anonymousId', strings: true, call: { anonymousId: PLACEHOLDER, event: 'Fuzzed' } },
    { path: 'event', strings: true, call: { userId: 'fz', event: PLACEHOLDER } },
    { path: 'messageId', strings: true, call: { userId: 'fz', event: 'Fuzzed', messageId: PLACEHOLDER } },
    { path: 'properties.note', call: { userId: 'fz', event: 'Fuzzed', properties: { note: PLACEHOLDER } } },
    { path: 'properties', call: { userId: 'fz', event: 'Fuzzed', properties: { list: [1, PLACEHOLDER] } } },
    { path: 'context.page', call: { userId: 'fz', event: 'Fuzzed', context: { page: PLACEHOLDER } } },
    { path: 'traits', call: { userId: 'fz', traits: { plan: PLACEHOLDER } }, identify: true },
  ];
  const endpoint = fc.constantFrom('single', 'batch');
  const deep = deepValue(33, 2000);

  it('refuses control characters, lone surrogates, hostile keys and deep nesting anywhere in a call, naming path and problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sites).chain((site) => fc.tuple(fc.constant(site), site.strings ? fc.oneof(controlString, surrogateString) : hostile(deep))), endpoint, async ([site, h], via) => {
        const single = site.identify ? '/v1/identify' : '/v1/track';
        const type = site.identify ? 'identify' : 'track';
        const body = via === 'batch' ? { batch: [{ type: 'track', userId: 'ok', event: 'Fine' }, { type, ...site.call }] } : site.call;
        const res = await refusedStoresNothing(`${via} ${site.path} ${h.kind}`, () => postText(via === 'batch' ? '/v1/batch' : single, withHostile(body, h)));
        expect(res.status, h.kind).toBe(400);
        const error = String(res.json?.error);
        expect(error).toContain(`${via === 'batch' ? 'batch.1.' : ''}${site.path}`);
        expect(error).toMatch(h.problem);
      }),
      RUNS,
    );
  }, 60_000);

  it('refuses lenient and out-of-range timestamps, naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(badTimestamp, fc.constantFrom('timestamp', 'originalTimestamp', 'sentAt'), async (h, field) => {
        const res = await refusedStoresNothing(h.kind, () => postText('/v1/track', withHostile({ userId: 'fz', event: 'Fuzzed', [field]: PLACEHOLDER }, h)));
        expect(res.status, h.kind).toBe(400);
        expect(String(res.json?.error)).toMatch(new RegExp(`${field}: (${h.problem.source})`));
      }),
      RUNS,
    );
  }, 60_000);

  it('refuses properties nested 2,000 and 20,000 levels deep, and a body that is 100,000 arrays deep', async () => {
    for (const depth of [2_000, 20_000]) {
      const res = await refusedStoresNothing(`${depth} deep`, () => postText('/v1/track', withHostile({ userId: 'fz', event: 'Deep', properties: { p: PLACEHOLDER } }, { kind: '', json: nestedJson(depth, 'object'), problem: /./ })));
      expect(res.status).toBe(400);
      expect(String(res.json?.error)).toMatch(/^properties\.p(\.a)*: nested deeper than 32 levels/);
    }
    const whole = await refusedStoresNothing('deep body', () => postText('/v1/batch', nestedJson(100_000, 'array')));
    expect(whole.status).toBe(400);
  }, 30_000);

  it('answers any JSON body and any text with 200 or 400, never 5xx', async () => {
    const anyJson = fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' });
    const callish = fc.record({ userId: fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.integer()), event: fc.string({ unit: 'binary', maxLength: 8 }), properties: anyJson, timestamp: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/track', '/v1/identify', '/v1/batch'), fc.oneof(anyJson.map((v) => JSON.stringify(v)), callish.map((c) => JSON.stringify(c)), callish.map((c) => JSON.stringify({ batch: [c] })), fc.string({ unit: 'binary', maxLength: 40 })), async (path, body) => {
        const res = await refusedStoresNothing(`${path} ${body.slice(0, 80)}`, () => postText(path, body));
        expect([200, 400]).toContain(res.status);
        if (res.status === 400) expect(String(res.json?.error).length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  }, 60_000);

  it('refuses trait keys and profile fields too long for an index (messageId, email, phone), naming them', async () => {
    // Random text does not compress: a long one overflows a B-tree index entry (about 2.7 KB).
    const noise = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join('');
    for (const [traits, path] of [
      [{ [noise(3000)]: 1 }, /traits\.\S+: its name is longer than 256 characters/],
      [{ email: `${noise(3000)}@example.test` }, /traits\.email: must be at most 320 characters/],
      [{ phone: noise(3000) }, /traits\.phone: must be at most 64 characters/],
    ] as const) {
      const res = await refusedStoresNothing(String(path), () => postText('/v1/identify', JSON.stringify({ userId: 'fz-long', traits })));
      expect(res.status).toBe(400);
      expect(String(res.json?.error)).toMatch(path);
    }
  });

  it('custom trigger webhooks (/v1/hooks/<type>): hostile paths and bodies get a 4xx, never a 5xx, and store nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant('typeform.submitted'), fc.constant('%E0%A4%A'), fc.string({ maxLength: 30 }).map(encodeURIComponent)),
        fc.oneof(fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }).map((v) => JSON.stringify(v)), fc.string({ unit: 'binary', maxLength: 40 })),
        async (type, body) => {
          // No CAIRN_SECRET_TYPEFORM on this stack: the built-in trigger refuses with 403, saying so.
          const res = await refusedStoresNothing(`/v1/hooks/${type}`, () => postText(`/v1/hooks/${type}`, body, { 'Typeform-Signature': 'sha256=x' }));
          expect(res.status, `/v1/hooks/${type}`).toBeGreaterThanOrEqual(400);
          expect(typeof res.json?.error, `/v1/hooks/${type}: the refusal names the problem`).toBe('string');
        },
      ),
      RUNS,
    );
  });

  it('refuses write keys no database could hold with 401, not 500', async () => {
    for (const key of ['wk\u0000x', 'wk\ud800', 'k'.repeat(5000)]) {
      const res = await refusedStoresNothing(`key ${JSON.stringify(key).slice(0, 20)}`, () => postText('/v1/track', '{"userId":"fz","event":"E"}', { Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` }));
      expect(res.status).toBe(401);
    }
  });
});

describe('public policy endpoints: /u/<token>, /v1/sms/inbound', () => {
  const link = (over: Record<string, unknown> = {}) => `/u/${signUnsubscribeToken({ customerId: 'fuzz-c1', channel: 'email', issuedAt: Date.now(), ...over }, secret)}`;
  /** Tokens with malformed percent-encoding, control characters and arbitrary text (made URL-safe where URL parsing would move them). */
  const badToken = fc.oneof(
    fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%00', '%ud800', '%C0%80', '%ED%A0%80', 'a%2', '%%%'),
    fc.tuple(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('', '%', '%E', '%FF%FE')).map(([t, tail]) => encodeURIComponent(t).replace(/%25/g, '%') + tail),
  );

  it('answers a damaged or foreign link with the 400 page, GET and POST, and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(badToken, fc.constantFrom('GET', 'POST'), async (token, method) => {
        const res = await refusedStoresNothing(`${method} /u/${token}`, async () => {
          const r = await fetch(`${s.url}/u/${token}`, { method, ...(method === 'POST' ? { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' } : {}) });
          return { status: r.status, text: await r.text() };
        });
        expect(res.status, token).toBe(400);
        expect(res.text).toContain('This link is not valid');
      }),
      RUNS,
    );
    const damaged = await (await fetch(`${s.url}/u/%E0%A4%A`)).text();
    expect(damaged).toContain('malformed percent-encoding');
  }, 60_000);

  it('never answers 5xx to any form a valid link is posted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'application/json'), async (body, type) => {
        await refusedStoresNothing(`form ${JSON.stringify(body)}`, async () => {
          const r = await fetch(`${s.url}${link()}`, { method: 'POST', headers: { 'Content-Type': type }, body });
          return { status: r.status, text: await r.text() };
        });
      }),
      RUNS,
    );
  }, 60_000);

  it('refuses an inbound SMS whose text has control characters or lone surrogates, naming it, and suppresses nobody', async () => {
    const sms = (body: string, type: 'json' | 'form') =>
      type === 'json'
        ? postText('/v1/sms/inbound', body)
        : fetch(`${s.url}/v1/sms/inbound`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic() }, body }).then(async (r) => ({ status: r.status, text: await r.text() }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(controlString, surrogateString), fc.constantFrom('json' as const, 'form' as const), async (h, type) => {
        const text = JSON.parse(h.json) as string;
        // A form body cannot carry a lone surrogate (UTF-8 has none): only JSON can.
        if (type === 'form' && /[\ud800-\udfff]/.test(text)) return;
        const body = type === 'json' ? `{"From":${JSON.stringify(PHONE)},"Body":${JSON.stringify(`STOP ${text}`)}}` : new URLSearchParams({ From: PHONE, Body: `STOP ${text}` }).toString();
        const res = await refusedStoresNothing(`sms ${h.kind}`, () => sms(body, type));
        expect(res.status, h.kind).toBe(400);
        expect(res.text).toMatch(new RegExp(`Body: (${h.problem.source})`));
      }),
      RUNS,
    );
    expect(await s.db.suppression.count({ where: { customerId: 'fuzz-c1' } })).toBe(0);
  }, 60_000);

  it('never answers 5xx to any inbound SMS body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }).map((v) => JSON.stringify(v))), fc.constantFrom('application/json', 'application/x-www-form-urlencoded'), async (body, type) => {
        await refusedStoresNothing(`sms body ${JSON.stringify(body).slice(0, 60)}`, () => postText('/v1/sms/inbound', body, { 'Content-Type': type }));
      }),
      RUNS,
    );
  }, 60_000);
});

describe('health and the HTTP server', () => {
  it('answers /healthz whatever the method and query', async () => {
    for (const [method, query] of [['GET', ''], ['GET', '?%E0%A4%A=%00'], ['HEAD', ''], ['POST', '?x=%']] as const) {
      const res = await fetch(`${s.url}/healthz${query}`, { method });
      expect(res.status, `${method} ${query}`).toBe(200);
    }
  });

  it('answers a request target that is not a URL with 400 and keeps serving', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(s.url);
      const c = net.connect(Number(port), '127.0.0.1', () => c.write('GET http://[/x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'));
      let out = '';
      c.on('data', (d) => (out += String(d)));
      c.on('end', () => resolve(out));
      c.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect(raw).toContain('not a valid URL');
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});

describe('tRPC: every procedure', () => {
  it('reads the catalog when customers sent events named like object members ("constructor", "__proto__")', async () => {
    // Found by the arbitrary-input property under load: such a name failed the catalog, and with it publishing (500).
    for (const event of ['constructor', '__proto__', 'toString']) {
      expect((await postText('/v1/track', JSON.stringify({ userId: 'fz-proto', event, properties: { k: 1 } }))).status).toBe(200);
    }
    const catalog = await s.caller.catalog();
    expect(catalog.events?.constructor).toEqual(['k']);
    expect(Object.keys(catalog.events ?? {})).toEqual(expect.arrayContaining(['constructor', '__proto__', 'toString']));
  }, 60_000);

  const samples = trpcSamples();
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } }>).map(([path, p]) => ({ path, type: p._def.type }));

  beforeAll(async () => {
    samples['policy.saveSettings'] = await s.caller.policy.settings();
    const [template] = await s.caller.templates.list({});
    if (template) samples['templates.get'] = { id: template.id };
  });

  /** One tRPC call over HTTP with the session cookie: queries as GET ?input=, mutations as POST. */
  async function trpc(path: string, type: string, inputJson: string | undefined) {
    const url = `${s.url}/trpc/${path}${type === 'query' && inputJson !== undefined ? `?input=${encodeURIComponent(inputJson)}` : ''}`;
    const res = await fetch(url, type === 'query' ? { headers: { Cookie: cookie } } : { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, ...(inputJson !== undefined ? { body: inputJson } : {}) });
    const body = (await res.json()) as { error?: { message: string; data: { code: string; httpStatus: number } } };
    return { status: res.status, body };
  }

  it('answers malformed percent-encoding and JSON in tRPC URLs and bodies with 4xx', async () => {
    for (const target of ['customers.search?input=%E0%A4%A', 'customers.search?input=%7B%22query%22%3A%22%00', '%E0%A4%A', 'customers.search,%ZZ?batch=1&input=%', 'customers.search?batch=1&input=%7B%220%22%3A%5B%5D%7D']) {
      const res = await refusedStoresNothing(target, async () => {
        const r = await fetch(`${s.url}/trpc/${target}`, { headers: { Cookie: cookie } });
        return { status: r.status, text: await r.text() };
      });
      expect(res.status, `${target}: ${res.text}`).toBeGreaterThanOrEqual(400);
    }
    const body = await refusedStoresNothing('bad JSON body', async () => {
      const r = await fetch(`${s.url}/trpc/writeKeys.create`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: '{"name": "x' });
      return { status: r.status, text: await r.text() };
    });
    expect(body.status).toBe(400);
  });

  it('refuses a tRPC body over 4 MB with 413 before parsing it, and stores nothing', async () => {
    const name = 'x'.repeat(5 * 1024 * 1024);
    const res = await refusedStoresNothing('huge body', async () => {
      const r = await fetch(`${s.url}/trpc/writeKeys.create`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) });
      return { status: r.status, text: await r.text() };
    });
    expect(res.status, res.text).toBe(413);
  });

  it('has a sample input for every procedure of the router (a new one joins the fuzz)', () => {
    expect(procedures.map((p) => p.path).sort()).toEqual(Object.keys(samples).sort());
  });

  it('answers every procedure’s plausible input without a 5xx', async () => {
    for (const { path, type } of procedures) {
      if (path === 'auth.signOut') continue; // it would end the suite's session
      const input = samples[path];
      await refusedStoresNothing(path, () => trpc(path, type, input === undefined ? undefined : JSON.stringify(input)));
    }
  }, 120_000);

  it('refuses a hostile value in any field of any procedure with 400 naming it, storing nothing', async () => {
    // GET URLs stay short: nesting by arrays, at most 1,000 levels (the limit is 64).
    const deep = deepValue(65, 1000, ['array']);
    const cases = fc.constantFrom(...procedures).chain((p) => {
      const sample = samples[p.path];
      const sites = sample === undefined ? [[]] : [...leafPaths(sample), ['fuzzExtra']];
      return fc.tuple(fc.constant(p), fc.constantFrom(...sites), hostile(deep));
    });
    await fc.assert(
      fc.asyncProperty(cases, async ([p, site, h]: [{ path: string; type: string }, Array<string | number>, Hostile]) => {
        const input = withHostile(setAt(samples[p.path] ?? {}, site, PLACEHOLDER), h);
        const what = `${p.path} ${site.join('.')} ${h.kind}`;
        const res = await refusedStoresNothing(what, () => trpc(p.path, p.type, input));
        expect(res.status, what).toBe(400);
        expect(res.body.error?.data.code, what).toBe('BAD_REQUEST');
        expect(res.body.error?.message, what).toMatch(h.problem);
        const issues = JSON.parse(res.body.error!.message) as Array<{ path: Array<string | number> }>;
        // The refusal names where: the injected field (or, for a nested value, a path inside it).
        expect(issues.some((i) => site.every((k, n) => String(i.path[n]) === String(k))), `${what}: ${res.body.error?.message}`).toBe(true);
      }),
      { numRuns: 120 },
    );
  }, 60_000);

  it('answers arbitrary JSON input to any procedure without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...procedures.filter((p) => p.path !== 'auth.signOut')), fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), async (p, input) => {
        await refusedStoresNothing(`${p.path} ${JSON.stringify(input).slice(0, 80)}`, () => trpc(p.path, p.type, JSON.stringify(input)));
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it('searches match % and _ literally (customers and suppressions)', async () => {
    await s.db.customer.createMany({ data: ['like-50%off', 'like-50xoff', 'like_1', 'likeX1', 'like\\back'].map((id) => ({ id })) });
    const ids = async (query: string) => (await s.caller.customers.search({ query, limit: 200 })).map((c) => c.id).sort();
    expect(await ids('%')).toEqual(['like-50%off']);
    expect(await ids('50%o')).toEqual(['like-50%off']);
    expect(await ids('like_')).toEqual(['like_1']);
    expect(await ids('\\')).toEqual(['like\\back']);
    await s.caller.suppressions.add({ customerId: 'likeX1', reason: 'manual' });
    await s.caller.suppressions.add({ customerId: 'like_1', reason: 'manual' });
    const listed = async (q: string) => (await s.caller.suppressions.list({ q, state: 'all' })).items.map((r) => r.customerId).sort();
    expect(await listed('_')).toEqual(['like_1']);
    expect(await listed('%')).toEqual([]);
  });
});
