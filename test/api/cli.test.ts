/**
 * Journeys as code on the real stack: `npm run cairn` (api/src/cli/main.ts, run as its own
 * process) exports journeys to JSON files with a read key, validates them offline with the graph
 * checks, diffs them against the server, imports an edited file as a draft and publishes it with a note (as a promotion from
 * staging would), and is refused in words when the key lacks the scope.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { useStack, type Stack } from './support/stack.js';
import { manualWithWait, welcome } from './support/journeys.js';

let s: Stack;
useStack((stack) => (s = stack));
let dir: string;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ROOT = path.resolve(import.meta.dirname, '../..');

async function cairn(key: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'api/src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, CAIRN_URL: s.url, CAIRN_API_KEY: key, INIT_CWD: dir },
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('npm run cairn', () => {
  it('exports, validates, imports and publishes journey files through the API with keys', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cairn-cli-'));
    await s.publish(welcome('cli-welcome'));
    await s.caller.journeys.saveDraft({ id: 'cli-manual', draft: manualWithWait('cli-manual') });
    const reader = await s.caller.apiKeys.create({ name: 'ci read', scopes: ['read'] });
    const deployer = await s.caller.apiKeys.create({ name: 'ci deploy', scopes: ['read', 'write', 'publish'] });

    const exported = await cairn(reader.token, 'export', '--dir', 'journeys');
    expect(exported.code, exported.out).toBe(0);
    expect(exported.out).toMatch(/exported cli-welcome -> journeys\/cli-welcome\.json \(active, live version 1\)/);
    const file = path.join(dir, 'journeys', 'cli-welcome.json');
    const json = JSON.parse(await readFile(file, 'utf8')) as { id: string; name: string; nodes: Array<{ id: string; subject?: string }>; edges: unknown[] };
    expect(json).toMatchObject({ id: 'cli-welcome', nodes: expect.arrayContaining([expect.objectContaining({ id: 'hello' })]) });

    const valid = await cairn(reader.token, 'validate', 'journeys/cli-welcome.json', 'journeys/cli-manual.json');
    expect(valid.code, valid.out).toBe(0);
    // A file whose email lost its way out fails the same checks publishing runs, offline.
    await writeFile(path.join(dir, 'broken.json'), JSON.stringify({ ...json, id: 'cli-broken', edges: json.edges.slice(0, 1) }));
    const broken = await cairn(reader.token, 'check', 'broken.json'); // check: validate by its git-style name
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/FAIL broken\.json \(cli-broken\)\n {2}error [a-z-]+ \[hello\]/);

    // The edited file goes up as a draft, then as a new version with a note.
    json.name = 'Welcome, reviewed in git';
    json.nodes.find((n) => n.id === 'hello')!.subject = 'Welcome aboard';
    await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
    const diff = await cairn(reader.token, 'diff', 'journeys/cli-welcome.json', 'broken.json');
    expect(diff.code).toBe(1);
    expect(diff.out).toMatch(/diff journeys\/cli-welcome\.json \(cli-welcome, active, live version 1\)\n {2}~ step hello\n {2}~ name\n/);
    expect(diff.out).toMatch(/new {2}broken\.json: no journey cli-broken on the server yet/);
    const refused = await cairn(reader.token, 'import', 'journeys/cli-welcome.json');
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/cairn: 403 FORBIDDEN: this API key lacks the "write" scope/);
    const imported = await cairn(deployer.token, 'import', 'journeys/cli-welcome.json');
    expect(imported.code, imported.out).toBe(0);
    expect((await s.caller.journeys.get({ id: 'cli-welcome' })).name).toBe('Welcome, reviewed in git');
    expect(await cairn(deployer.token, 'publish', 'journeys/cli-welcome.json')).toMatchObject({ code: 1, out: expect.stringMatching(/--note/) });
    expect(await cairn(reader.token, 'diff', 'journeys/cli-welcome.json')).toMatchObject({ code: 0, out: expect.stringMatching(/^same journeys\/cli-welcome\.json/m) });
    const published = await cairn(deployer.token, 'publish', '--note', 'from git: new subject', 'journeys/cli-welcome.json');
    expect(published.code, published.out).toBe(0);
    expect(published.out).toMatch(/published cli-welcome version 2/);
    const v2 = await s.caller.journeys.getVersion({ id: 'cli-welcome', version: 2 });
    expect(v2).toMatchObject({ note: 'from git: new subject', publishedBy: 'API key "ci deploy"' });
    expect(JSON.stringify(v2.definition)).toContain('Welcome aboard');

    // A broken file is never sent.
    const notSent = await cairn(deployer.token, 'publish', '--note', 'x', 'broken.json');
    expect(notSent.code).toBe(1);
    expect(await s.db.journey.findUnique({ where: { id: 'cli-broken' } })).toBeNull();
  }, 120_000);
});
