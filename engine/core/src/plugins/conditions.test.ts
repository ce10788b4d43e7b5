import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateForPublish } from '../checks/index.js';
import { parseJourney } from '../journey/journey.js';
import { configOf } from '../nodes/action/custom.js';
import { paletteItems } from '../nodes/palette.js';
import { kindCategoryOf } from '../nodes/kind-of.js';
import { migrateConfig } from './config-version.js';
import { defineAction } from './define-action.js';
import { defineCondition } from './define-condition.js';
import { leadScore } from './actions/lead-score.js';
import { testRunContext } from './testing.js';

let server: http.Server;
let url = '';
/** How the stand-in scoring service answers the next call. */
let answer: (res: http.ServerResponse) => void = (res) => res.end('{"score":50}');

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/score`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('defineCondition', () => {
  const ask = () => leadScore.run(testRunContext({ customer: { id: 'c1', attributes: { plan: 'pro' } } }), { url, threshold: 70 });

  it('branches on the answer', async () => {
    answer = (res) => res.end('{"score":82}');
    expect(await ask()).toEqual({ output: 'high', reason: 'score 82, at least 70' });
    answer = (res) => res.end('{"score":12.5}');
    expect(await ask()).toEqual({ output: 'low', reason: 'score 12.5, below 70' });
  });

  it('takes the fallback branch, saying why, on a late answer, an error status or a bad answer', async () => {
    answer = () => undefined; // never answers
    const t0 = Date.now();
    expect(await ask()).toEqual({ output: 'unknown', reason: 'Lead score did not answer within 2 s: took “unknown”' });
    expect(Date.now() - t0).toBeLessThan(3000);
    answer = (res) => res.writeHead(503).end();
    expect((await ask()).reason).toMatch(/Lead score failed \(.*HTTP 503\): took “unknown”/);
    answer = (res) => res.end('{"score":"high"}');
    expect((await ask()).reason).toContain('no numeric "score"');
  });

  it('is listed and drawn as a condition, and simulated without asking anyone', () => {
    const item = paletteItems().find((i) => i.key === 'action.custom:score.lead');
    expect(item).toMatchObject({ category: 'condition', group: 'Scoring' });
    expect(kindCategoryOf({ type: 'action.custom', action: 'score.lead' })).toBe('condition');
    expect(kindCategoryOf({ type: 'action.custom', action: 'coupon.issue' })).toBe('action');
    const sim = (attributes: Record<string, unknown>) => leadScore.simulate?.({ customer: { id: 'c', attributes }, render: (t) => t }, { url, threshold: 70 });
    expect(sim({ leadScore: 90 })?.output).toBe('high');
    expect(sim({})?.output).toBe('unknown');
  });

  it('refuses a declaration that could not work', () => {
    const base = { type: 'x.y', title: 'X', description: '', config: z.object({}), decide: async () => ({ output: 'a' as const }) };
    expect(() => defineCondition({ ...base, outputs: ['a'], fallbackOutput: 'a' })).toThrow(/at least two branches/);
    expect(() => defineCondition({ ...base, outputs: ['a', 'b'], fallbackOutput: 'c' as 'a' })).toThrow(/fallbackOutput "c"/);
    expect(() => defineCondition({ ...base, outputs: ['a', 'b'], fallbackOutput: 'b', timeoutMs: 120_000 })).toThrow(/timeoutMs/);
    expect(() => defineAction({ type: 'x.z', title: 'Z', description: '', config: z.object({}), version: 2, run: async () => ({ output: 'success' }) })).toThrow(/needs migrate/);
  });
});

describe('config versions', () => {
  const journey = (config: Record<string, unknown>, configVersion?: number) => ({
    id: 'j',
    name: 'J',
    nodes: [
      { id: 't', type: 'trigger.manual' },
      { id: 's', type: 'action.custom', action: 'score.lead', config, ...(configVersion ? { configVersion } : {}) },
      { id: 'a', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 't', target: 's' },
      { id: 'e2', source: 's', sourceHandle: 'high', target: 'a' },
      { id: 'e3', source: 's', sourceHandle: 'low', target: 'a' },
      { id: 'e4', source: 's', sourceHandle: 'unknown', target: 'a' },
    ],
  });

  it('migrates a config saved with an older version when it is read', () => {
    const parsed = parseJourney(journey({ url: 'https://score.example.com', minimum: 90 }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const node = parsed.journey.nodes[1] as Extract<(typeof parsed.journey.nodes)[number], { type: 'action.custom' }>;
    expect(configOf(leadScore, node)).toEqual({ url: 'https://score.example.com', threshold: 90 });
  });

  it('names a config that cannot be migrated, or is newer than the workspace knows, in the checks', () => {
    const newer = validateForPublish(journey({ url: 'https://score.example.com', threshold: 1 }, 3));
    expect(newer.ok).toBe(false);
    expect(newer.problems.find((p) => p.nodeId === 's')?.message).toContain('written for version 3 of score.lead, newer than this workspace');
    const broken = migrateConfig(leadScore, { url: 'not a url', minimum: 5 }, 1);
    expect(broken).toEqual({ ok: false, problem: 'url: the scoring service must be an http(s) URL (after migrating from version 1)' });
    const noMigration = migrateConfig({ type: 'a.b', version: 2, config: z.object({}) }, {}, 1);
    expect(noMigration).toMatchObject({ ok: false, problem: expect.stringContaining('no migration to version 2') });
  });
});
