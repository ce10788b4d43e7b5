/**
 * The workflow bundle keeps the journey core out of each customer's run (engine/src/worker/bundle.ts):
 * the core (its zod schemas, xstate, the compiler) is evaluated once per worker, and a new
 * workflow evaluates only the engine's own workflow modules. Evaluated here in a V8 context the
 * way the SDK's reusable context does: modules loaded before any workflow exists are shared, the
 * rest are loaded again for each workflow.
 */
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleJourneyWorkflows, sharedCoreProblems } from '@cairn/engine/runtime';

describe('workflow bundle', () => {
  it('evaluates the journey core once, not for each new workflow', async () => {
    const { code } = await bundleJourneyWorkflows();
    expect(sharedCoreProblems(code)).toEqual([]);

    const shared = new Map<string, unknown>();
    let perWorkflow: Map<string, unknown> | undefined;
    const cache = new Proxy({}, {
      get: (_, id: string) => shared.get(id) ?? perWorkflow?.get(id),
      set: (_, id: string, module) => ((perWorkflow ?? shared).set(id, module), true),
    });
    const context = vm.createContext({ console, setTimeout, clearTimeout, TextEncoder, TextDecoder, URL, URLSearchParams, AbortController, Headers });
    Object.defineProperty(context, '__webpack_module_cache__', { value: cache });
    new vm.Script(code).runInContext(context);
    const api = vm.runInContext('__TEMPORAL__', context) as { preloadModules(): void; importWorkflows(): Record<string, unknown> };
    api.preloadModules();
    expect([...shared.keys()].some((id) => id.endsWith('engine/src/workflow/core.ts'))).toBe(true);

    for (let run = 0; run < 2; run++) {
      perWorkflow = new Map();
      const workflows = api.importWorkflows();
      expect(typeof workflows['journeyWorkflow']).toBe('function');
      const evaluated = [...perWorkflow.keys()];
      // The engine's workflow modules (and a few of the SDK's), nothing from @cairn/core, zod or xstate.
      expect(evaluated.some((id) => id.endsWith('engine/src/workflow/index.ts'))).toBe(true);
      expect(evaluated.filter((id) => /engine\/core\/src\/|node_modules\/(zod|xstate)\//.test(id))).toEqual([]);
    }
  }, 120_000);

  it('refuses workflow code that imports @cairn/core around the shared core, naming the module', async () => {
    const entry = fileURLToPath(new URL('./support/bundle/core-outside.ts', import.meta.url));
    await expect(bundleJourneyWorkflows({ workflowsPath: entry })).rejects.toThrow(/outside the shared core: .*engine\/core\/src\/journey\/journey\.ts.*engine\/src\/workflow\/core\.ts/);
  }, 120_000);
});
