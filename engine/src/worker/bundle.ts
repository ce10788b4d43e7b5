/**
 * The workflow bundle: the SDK's webpack build of engine/src/workflow, set up so that the journey
 * core is evaluated once per worker instead of once per customer.
 *
 * The SDK's reusable V8 context evaluates the bundle's modules again for every new workflow. That
 * used to build every zod schema of @cairn/core for each customer's run (about 9 ms of CPU before
 * the first step; test/bench/engine). Workflow code takes its values from @cairn/core through
 * one module, engine/src/workflow/core.ts, which the worker preloads (the SDK's
 * `preloadModules`: evaluated once, shared by every workflow). The SDK deep-freezes what shared
 * modules export, and zod schemas define members on first use, so the bundle concatenates the
 * preloaded module with everything it imports (webpack's module concatenation): the schemas sit
 * inside one module scope, out of the freeze's reach, and only functions and constants are
 * exported. `sharedCoreProblems` checks that this held; the build fails in words if it did not.
 *
 * Custom actions (CAIRN_ACTIONS, or a test's own module) are imported by that same preloaded
 * entry, so they register once, into the same registry the workflow reads.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { loadedAppActions } from '../plugins/app-actions.node.js';

/** The workflows entry the bundler starts from. */
export const workflowsPath = fileURLToPath(new URL('../workflow/index.ts', import.meta.url));
/** The one module through which workflow code reaches @cairn/core (preloaded). */
export const sharedCorePath = fileURLToPath(new URL('../workflow/core.ts', import.meta.url));

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];
type WebpackPlugin = Exclude<NonNullable<WebpackConfig['plugins']>[number], false | '' | 0 | null | undefined | ((...args: never[]) => unknown)>;
type Compiler = Parameters<WebpackPlugin['apply']>[0];

/** What `bundleJourneyWorkflows` bundles besides the default journey and broadcast workflows. */
export interface BundleJourneyOptions {
  /** Workflows entry instead of the default one (a benchmark's baseline beside the journey workflow). */
  workflowsPath?: string;
  /** A module that registers custom actions (`registerAction`); default: the one CAIRN_ACTIONS loaded. */
  actions?: string;
}

/** Bundles the journey workflows (with custom actions) for a worker; a few seconds, once per process. */
export async function bundleJourneyWorkflows(opts: BundleJourneyOptions = {}): Promise<{ code: string }> {
  const actions = opts.actions ?? loadedAppActions();
  const shared = actions ? sharedEntryWithActions(actions) : sharedCorePath;
  const bundle = await bundleWorkflowCode({
    workflowsPath: opts.workflowsPath ?? workflowsPath,
    logger: quietLogger,
    preloadModules: [shared],
    webpackConfigHook: (config) => ({
      ...config,
      optimization: { ...config.optimization, concatenateModules: true },
      plugins: [...(config.plugins ?? []), ...(shared === sharedCorePath ? [] : [redirectCoreImports(shared)])],
    }),
  });
  const problems = sharedCoreProblems(bundle.code);
  if (problems.length > 0) {
    throw new Error(
      `the workflow bundle would evaluate these modules once per workflow, outside the shared core: ${problems.join(', ')}. ` +
        'Workflow code must take values from @cairn/core, zod and xstate only through engine/src/workflow/core.ts (see engine/src/worker/bundle.ts).',
    );
  }
  return bundle;
}

/**
 * Modules of @cairn/core, zod or xstate that the bundle keeps as modules of their own: each would
 * be evaluated for every workflow, or frozen with its schemas if preloaded. Empty when the shared
 * core holds them all.
 */
export function sharedCoreProblems(code: string): string[] {
  const own = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"$/gm)].map((m) => m[1]!);
  return own.filter((id) => /engine\/core\/src\/|node_modules\/(zod|xstate)\//.test(id));
}

/** An entry that registers the custom actions, then exposes the shared core (written to a temp file). */
function sharedEntryWithActions(actions: string): string {
  const entry = join(tmpdir(), `cairn-workflow-core-${process.pid}.ts`);
  writeFileSync(entry, `import ${JSON.stringify(actions)};\nexport * from ${JSON.stringify(sharedCorePath)};\n`);
  return entry;
}

/** Points the workflow code's `./core.js` at the entry with custom actions, so the shared core has one importer. */
function redirectCoreImports(entry: string): WebpackPlugin {
  const workflowDir = dirname(sharedCorePath);
  return {
    apply(compiler: Compiler) {
      compiler.hooks.normalModuleFactory.tap('cairn-shared-core', (factory) => {
        factory.hooks.beforeResolve.tap('cairn-shared-core', (data) => {
          if (data.request === './core.js' && data.context === workflowDir) data.request = entry;
        });
      });
    },
  };
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(`[workflow bundle] ${message}`),
  error: (message: string) => console.error(`[workflow bundle] ${message}`),
};
