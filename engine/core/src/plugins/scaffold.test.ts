/** `npm run new:action` writes an action and a test that pass as generated, and registers it with one line. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..', '..');

it('scaffolds a working custom action', async () => {
  // A copy of this folder beside the real one, so the scaffold's relative imports resolve the same way.
  const copy = mkdtempSync(join(here, '..', '.scaffold-'));
  try {
    cpSync(here, copy, { recursive: true, filter: (p) => !p.endsWith('.test.ts') });
    const out = execFileSync(process.execPath, [join(repo, 'scripts', 'new-action.mjs'), 'loyalty-points', '--dir', join(copy, 'actions')], { encoding: 'utf8' });
    expect(out).toContain('registered loyaltyPoints');
    expect(readFileSync(join(copy, 'actions', 'index.ts'), 'utf8')).toContain('teamChatPost, loyaltyPoints]');

    const mod = (await import(join(copy, 'actions', 'loyalty-points.ts'))) as { loyaltyPoints: { type: string; outputs: string[] } };
    expect(mod.loyaltyPoints).toMatchObject({ type: 'custom.loyaltyPoints', outputs: ['success', 'failure'] });

    // The generated test passes as generated.
    const run = execFileSync(process.execPath, [join(repo, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', join(here, '..', '..'), relative(join(here, '..', '..'), join(copy, 'actions', 'loyalty-points.test.ts'))], { encoding: 'utf8' });
    expect(run).toMatch(/2 passed/);

    // A second run refuses to overwrite.
    expect(() => execFileSync(process.execPath, [join(repo, 'scripts', 'new-action.mjs'), 'loyalty-points', '--dir', join(copy, 'actions')], { stdio: 'pipe' })).toThrow(/exists already/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}, 60_000);
