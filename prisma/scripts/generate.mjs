// Generates the Prisma client into src/generated (gitignored) unless it is already up to date for
// this schema. Called by `npm start`, `npm run worker`, typecheck and tests: generating only on a
// schema change keeps them fast and keeps parallel turbo tasks from rewriting the files at once.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'src/generated/.schema-hash');
const cliPkg = createRequire(import.meta.url).resolve('prisma/package.json');
const hash = createHash('sha256')
  .update(readFileSync(path.join(root, 'schema.prisma')))
  .update(JSON.parse(readFileSync(cliPkg, 'utf8')).version)
  .digest('hex');

const upToDate = () => existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && existsSync(path.join(root, 'src/generated/client.ts'));
if (upToDate()) process.exit(0);

// Parallel turbo tasks (typecheck, test) may all find the client missing on a fresh clone: one
// generates while the others wait for it (a directory is the lock; a stale one expires).
const lock = path.join(root, 'src/.generate-lock');
mkdirSync(path.join(root, 'src'), { recursive: true });
for (const until = Date.now() + 120_000; ; ) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    if (Date.now() > until || Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 120_000) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}
try {
  if (!upToDate()) generate();
} finally {
  rmSync(lock, { recursive: true, force: true });
}

function generate() {
  execFileSync(process.execPath, [path.join(path.dirname(cliPkg), 'build/index.js'), 'generate', '--config', 'prisma.config.ts'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
  });
  writeFileSync(stamp, hash);
}
