import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findTemporalCli } from './temporal-dev.js';

// A stand-in for scripts/tools/temporal-cli.sh in a throw-away "repository": what is tested is
// how the launcher relays the script's progress and failures, not the Go build itself (that one
// runs for real in `npm test`'s set-up and in test/api/start.test.ts).
const dirs: string[] = [];
async function repoWith(script: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'cairn-cli-'));
  dirs.push(root);
  await mkdir(path.join(root, 'scripts/tools'), { recursive: true });
  await writeFile(path.join(root, 'scripts/tools/temporal-cli.sh'), script);
  return root;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('findTemporalCli', () => {
  it("passes the script's progress lines to the log as they come, and returns the path it prints", async () => {
    const root = await repoWith('echo "temporal-cli: building (takes minutes)" >&2\necho "step 2" >&2\necho /opt/temporal\n');
    const lines: string[] = [];
    expect(await findTemporalCli(root, (l) => lines.push(l))).toBe('/opt/temporal');
    expect(lines).toEqual(['temporal-cli: building (takes minutes)', 'step 2']);
  });

  it('fails with what the script said, and how to do without it', async () => {
    const root = await repoWith('echo "temporal-cli: Go is not installed" >&2\nexit 1\n');
    await expect(findTemporalCli(root)).rejects.toThrow(/Go is not installed[\s\S]*Set TEMPORAL_ADDRESS/);
  });
});
