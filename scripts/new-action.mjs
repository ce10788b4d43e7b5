#!/usr/bin/env node
// Scaffolds a custom action: `npm run new:action -- <name> [--dir <actions folder>]`.
// Writes <name>.ts (the defineAction call) and <name>.test.ts next to the built-in actions, and
// registers it with one line in that folder's index.ts. Names are kebab-case: "loyalty-points".
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const dirAt = args.indexOf('--dir');
const dir = dirAt >= 0 ? resolve(args[dirAt + 1] ?? '') : join(dirname(fileURLToPath(import.meta.url)), '..', 'engine', 'core', 'src', 'plugins', 'actions');
const name = args.find((a, i) => !a.startsWith('--') && (dirAt < 0 || i !== dirAt + 1));

function fail(msg) {
  console.error(`new:action: ${msg}`);
  process.exit(1);
}
if (!name) fail('give the action a name, e.g. `npm run new:action -- loyalty-points`');
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) fail(`"${name}" must be kebab-case: lower-case letters and digits joined by "-", e.g. loyalty-points`);

const camel = name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const type = `custom.${camel}`;
const title = name.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
const file = join(dir, `${name}.ts`);
const testFile = join(dir, `${name}.test.ts`);
const index = join(dir, 'index.ts');
if (!existsSync(index)) fail(`no index.ts in ${dir}`);
if (existsSync(file)) fail(`${file} exists already`);

writeFileSync(
  file,
  `/** ${title}: TODO say what this action does for the marketer, in one sentence. */
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { postJson } from './http.js';

export const ${camel} = defineAction({
  type: '${type}',
  title: '${title}',
  description: 'TODO: shown in the palette and the inspector.',
  category: 'Custom',
  icon: 'puzzle',
  // The inspector builds its form from this schema; messages here are what marketers read.
  config: z.object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    note: z.string().max(500).default('Hello {{ customer.firstName }}'),
  }),
  outputs: ['success', 'failure'],
  // Liquid fields, so the graph checks can flag unknown variables.
  templates: (c) => [{ field: 'config.note', template: c.note }],
  // Runs as a Temporal activity: throw PermanentActionError for failures retrying cannot fix.
  // An action that messages the customer must declare \`contacts: { channel, topic }\`.
  async run(ctx, config) {
    await postJson(ctx, config.url, { customerId: ctx.customer.id, note: ctx.render(config.note) });
    return { output: 'success', reason: 'posted' };
  },
  // What the test-customer panel shows instead of running it.
  simulate: (ctx, config) => ({ output: 'success', reason: \`would post "\${ctx.render(config.note)}" to \${config.url}\` }),
});
`,
);

writeFileSync(
  testFile,
  `import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { testRunContext } from '../testing.js';
import { ${camel} } from './${name}.js';

it('${type} posts the rendered note', async () => {
  let body = '';
  const server = createServer((req, res) => {
    req.on('data', (c) => (body += c));
    req.on('end', () => res.writeHead(200).end('{}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = \`http://127.0.0.1:\${(server.address() as AddressInfo).port}/\`;
  try {
    const r = await ${camel}.run(testRunContext(), ${camel}.config.parse({ url }));
    expect(r.output).toBe('success');
    expect(JSON.parse(body)).toEqual({ customerId: 'c1', note: 'Hello Lan' });
  } finally {
    server.close();
  }
});

it('${type} rejects a bad URL with a clear message', () => {
  const res = ${camel}.config.safeParse({ url: 'not a url' });
  expect(res.success).toBe(false);
  expect(res.error!.issues[0]!.message).toBe('must be an http(s) URL');
});
`,
);

// One import and one list entry in index.ts.
let src = readFileSync(index, 'utf8');
src = src.replace(/(import [^\n]+\n)(?![\s\S]*import )/, `$1import { ${camel} } from './${name}.js';\n`);
src = src.replace(/builtInActions = \[([^\]]*)\]/, (_, list) => `builtInActions = [${list.trim()}, ${camel}]`);
writeFileSync(index, src);
console.log(`new:action: created ${file}\n            created ${testFile}\n            registered ${camel} in ${index}`);
