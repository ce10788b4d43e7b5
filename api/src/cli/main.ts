/**
 * Journeys as code: `npm run cairn -- <command>` reads and writes journey JSON files through the
 * REST API (a client typed by the OpenAPI document), so journeys can be kept in git, reviewed and
 * promoted from staging to production. Settings: CAIRN_URL (the server, e.g. https://cairn.example)
 * and CAIRN_API_KEY (a key with the scopes the command needs). docs/journeys-as-code.md.
 *
 *   export [--dir journeys] [id…]       every journey's draft (or the named ones) to <dir>/<id>.json   (read)
 *   validate <file…>                    the graph checks, offline: exit 1 when a file has errors
 *   diff <file…>                        what each file changes against the server's draft: exit 1 if any (read)
 *   import <file…>                      each file stored as its journey's draft (created if new)      (write)
 *   publish --note "…" <file…>          each file published as a new version                         (publish)
 *
 * `pull`, `check` and `push` name export, validate and import the way git users say them.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import createClient from 'openapi-fetch';
import { checkJourney, parseJourney, type Problem } from '@cairn/core';
import type { paths } from '../rest/openapi-types.gen.js';
import { journeyDiff } from './diff.js';

const USAGE = `usage: npm run cairn -- <command>
  export [--dir journeys] [id...]   write journey drafts to <dir>/<id>.json
  validate <file...>                run the graph checks offline (exit 1 on errors)
  diff <file...>                    what each file changes against the server's draft (exit 1 if any)
  import <file...>                  store each file as its journey's draft
  publish --note "why" <file...>    publish each file as a new version
  (pull, check and push are other names for export, validate and import)
settings: CAIRN_URL, CAIRN_API_KEY`;

class CliError extends Error {}

const here = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);

function api() {
  const url = process.env.CAIRN_URL;
  const key = process.env.CAIRN_API_KEY;
  if (!url) throw new CliError('set CAIRN_URL to the Cairn server (e.g. http://localhost:3000)');
  if (!key) throw new CliError('set CAIRN_API_KEY to an API key (Account page, admins)');
  return createClient<paths>({ baseUrl: `${url.replace(/\/$/, '')}/api`, headers: { Authorization: `Bearer ${key}` } });
}

/** The API's refusal as one line ("403 FORBIDDEN: this API key lacks …"), with any problems. */
function failure(res: Response, error: unknown): CliError {
  const e = (error ?? {}) as { code?: string; message?: string; data?: { problems?: Problem[] } };
  const problems = e.data?.problems?.map(describe).join('\n') ?? '';
  return new CliError(`${res.status} ${e.code ?? ''}: ${e.message ?? 'request failed'}${problems ? `\n${problems}` : ''}`);
}

const describe = (p: { severity?: string; code?: string; message: string; nodeId?: string; path?: string }) =>
  `  ${p.severity ?? 'error'} ${p.code ?? 'schema'}${p.nodeId ? ` [${p.nodeId}]` : p.path ? ` [${p.path}]` : ''}: ${p.message}`;

/** Journey JSON in a stable form: two-space indent and a final newline, so git diffs stay small. */
const stable = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

async function readJourney(file: string): Promise<{ id: string; json: Record<string, unknown>; problems: string[]; errors: number }> {
  const text = await readFile(here(file), 'utf8').catch((err: Error) => {
    throw new CliError(`${file}: ${err.message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { id: '', json: {}, problems: [`  error schema: not valid JSON: ${(err as Error).message}`], errors: 1 };
  }
  const parsed = parseJourney(json);
  const id = typeof (json as { id?: unknown }).id === 'string' ? (json as { id: string }).id : '';
  if (!parsed.ok) return { id, json: json as Record<string, unknown>, problems: parsed.problems.map(describe), errors: parsed.problems.length };
  const found = checkJourney(parsed.journey);
  return { id: parsed.journey.id, json: json as Record<string, unknown>, problems: found.map(describe), errors: found.filter((p) => p.severity === 'error').length };
}

async function exportJourneys(dir: string, ids: string[]): Promise<void> {
  const client = api();
  let wanted = ids;
  if (wanted.length === 0) {
    const { data, error, response } = await client.GET('/journeys');
    if (!data) throw failure(response, error);
    wanted = data.journeys.filter((j) => j.status !== 'archived').map((j) => j.id);
  }
  await mkdir(here(dir), { recursive: true });
  for (const id of wanted) {
    const { data, error, response } = await client.GET('/journeys/{id}', { params: { path: { id } } });
    if (!data) throw failure(response, error);
    const file = path.join(dir, `${id}.json`);
    await writeFile(here(file), stable(data.draft));
    console.log(`exported ${id} -> ${file} (${data.status}${data.liveVersion ? `, live version ${data.liveVersion}` : ''})`);
  }
}

async function validate(files: string[]): Promise<boolean> {
  let ok = true;
  for (const file of files) {
    const j = await readJourney(file);
    console.log(`${j.errors ? 'FAIL' : 'ok  '} ${file}${j.id ? ` (${j.id})` : ''}`);
    for (const line of j.problems) console.log(line);
    if (j.errors) ok = false;
  }
  return ok;
}

async function diffJourneys(files: string[]): Promise<boolean> {
  const client = api();
  let same = true;
  for (const file of files) {
    const j = await readJourney(file);
    if (!j.id) throw new CliError(`${file}: the journey has no "id"`);
    const { data, error, response } = await client.GET('/journeys/{id}', { params: { path: { id: j.id } } });
    if (response.status === 404) {
      console.log(`new  ${file}: no journey ${j.id} on the server yet`);
      same = false;
      continue;
    }
    if (!data) throw failure(response, error);
    const lines = journeyDiff(data.draft, j.json);
    console.log(`${lines.length ? 'diff' : 'same'} ${file} (${j.id}, ${data.status}${data.liveVersion ? `, live version ${data.liveVersion}` : ''})`);
    for (const line of lines) console.log(`  ${line}`);
    if (lines.length) same = false;
  }
  return same;
}

async function importJourneys(files: string[]): Promise<void> {
  const client = api();
  for (const file of files) {
    const j = await readJourney(file);
    if (!j.id) throw new CliError(`${file}: the journey has no "id"`);
    const { data, error, response } = await client.PUT('/journeys/{id}', { params: { path: { id: j.id } }, body: { draft: j.json } });
    if (!data) throw failure(response, error);
    const errors = data.problems.filter((p) => p.severity === 'error').length;
    console.log(`imported ${file} as the draft of ${j.id}${errors ? ` (${errors} error${errors > 1 ? 's' : ''}: it cannot be published yet)` : ''}`);
    for (const p of data.problems) console.log(describe(p));
  }
}

async function publishJourneys(files: string[], note: string): Promise<void> {
  const client = api();
  for (const file of files) {
    const j = await readJourney(file);
    if (j.errors) throw new CliError(`${file}: not published, the checks found errors:\n${j.problems.join('\n')}`);
    const { data, error, response } = await client.POST('/journeys/{id}/publish', { params: { path: { id: j.id } }, body: { note, draft: j.json } });
    if (!data) throw failure(response, error);
    console.log(`published ${j.id} version ${data.version} from ${file}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { dir: { type: 'string', default: 'journeys' }, note: { type: 'string' }, help: { type: 'boolean' } } });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const needFiles = () => {
    if (rest.length === 0) throw new CliError(`${command}: name at least one journey file`);
    return rest;
  };
  switch (command) {
    case 'export':
    case 'pull':
      await exportJourneys(values.dir, rest);
      return 0;
    case 'validate':
    case 'check':
      return (await validate(needFiles())) ? 0 : 1;
    case 'diff':
      return (await diffJourneys(needFiles())) ? 0 : 1;
    case 'import':
    case 'push':
      await importJourneys(needFiles());
      return 0;
    case 'publish':
      if (!values.note) throw new CliError('publish: say why with --note "…" (it is kept with the version)');
      await publishJourneys(needFiles(), values.note);
      return 0;
    default:
      throw new CliError(`unknown command "${command}"\n${USAGE}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(err instanceof CliError ? `cairn: ${err.message}` : err);
      process.exitCode = err instanceof CliError ? 1 : 70;
    },
  );
}
