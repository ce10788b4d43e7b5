/**
 * Determinism guard for customers already waiting in a journey: every history recorded from a
 * real run (record.ts: every gallery template, a quiet and an active customer) is replayed
 * against today's workflow code with the SDK's replayer. A change to the workflow that would
 * break a waiting customer (a command added, removed or reordered without `patched()`) fails
 * here with a DeterminismViolationError naming the history.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import proto from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { bundleJourneyWorkflows } from '@cairn/engine/runtime';
import { library } from '@cairn/templates';
import { describe, expect, it } from 'vitest';

// The SDK's own protobuf types (a CommonJS module: its namespace comes in as the default export).
const { History } = proto.temporal.api.history.v1;
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'histories');

describe('recorded journey histories replay on the current workflow code', () => {
  it('replays every recorded history without a determinism violation', async () => {
    Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
    const files = (await readdir(dir)).filter((f) => f.endsWith('.history.pb')).sort();
    // Two per template: a missing recording must not let this test pass on less.
    expect(files.length).toBeGreaterThanOrEqual(library.length * 2);
    const histories = await Promise.all(
      files.map(async (f) => ({ workflowId: f.replace(/\.history\.pb$/, ''), history: History.decode(await readFile(path.join(dir, f))) })),
    );
    const workflowBundle = await bundleJourneyWorkflows();
    const failures: string[] = [];
    let replayed = 0;
    for await (const r of Worker.runReplayHistories({ workflowBundle, replayName: 'cairn-replay' }, histories)) {
      replayed++;
      if (r.error) failures.push(`${r.workflowId}: ${r.error.name}: ${r.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  }, 180_000);

  it('covers both paths of the built-in actions: their own activities (before cairn-actions-contract) and runAction', async () => {
    const scheduled = async (file: string) => {
      const history = History.decode(await readFile(path.join(dir, file)));
      return (history.events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    };
    // record-actions.ts: tag, update attribute, webhook and assign rep, each through runAction.
    expect(await scheduled('actions-contract--all.history.pb')).toEqual(['runAction', 'runAction', 'runAction', 'runAction']);
    const old = (await Promise.all((await readdir(dir)).filter((f) => f.endsWith('.history.pb')).map(scheduled))).flat();
    for (const name of ['tagCustomer', 'updateAttribute', 'callWebhook', 'assignRep']) expect(old).toContain(name);
  }, 60_000);

  it('covers both sides of the settled patches: asked by version 1 inputs, not asked by version 2 (patches.ts)', async () => {
    const patchesIn = async (file: string) => {
      const events = History.decode(await readFile(path.join(dir, file))).events ?? [];
      const input = JSON.parse(Buffer.from(events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data ?? []).toString() || '{}') as { v?: number };
      return {
        version: input.v ?? 1,
        markers: events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch').length,
        upserts: events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes).length,
      };
    };
    // RECORD_INPUT_VERSION=2 runs of record-actions, record-sales-call-back and record-move, and
    // record-input-v2: built-in actions, a sales task called back, a move, a wait; none asks.
    const v2 = ['input-v2--wait', 'actions-contract--all--input-v2', 'sales-task--call-back--input-v2', 'version-move--moved--input-v2', 'version-move--continued--input-v2'];
    for (const name of v2) expect({ name, ...(await patchesIn(`${name}.history.pb`)) }).toEqual({ name, version: 2, markers: 0, upserts: 0 });
    // The same scenarios with version 1 inputs asked theirs.
    for (const name of ['actions-contract--all', 'sales-task--call-back', 'version-move--moved']) {
      const v1 = await patchesIn(`${name}.history.pb`);
      expect(v1.version, name).toBe(1);
      expect(v1.markers, name).toBeGreaterThanOrEqual(2);
    }
  }, 60_000);
});
