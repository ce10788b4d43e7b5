/**
 * Custom actions that live outside this repository: `CAIRN_ACTIONS=/path/to/actions.ts` names a
 * module that calls `registerAction(...)` for each. The API (journey validation), the worker's
 * activities, its workflow bundle and the editor build (see editor/vite.config.ts) all load the
 * same module, so every part knows the same actions. Node only.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The configured module's absolute path, if any (`env`: the parsed settings). */
export function appActionsPath(env: { CAIRN_ACTIONS?: string | undefined }): string | undefined {
  return env.CAIRN_ACTIONS ? resolve(env.CAIRN_ACTIONS) : undefined;
}

/** The module this process loaded: the workflow bundle registers the same one. */
let loaded: string | undefined;

/** Imports the configured module (its `registerAction` calls run). Returns its path. */
export async function loadAppActions(env: { CAIRN_ACTIONS?: string | undefined }): Promise<string | undefined> {
  const path = appActionsPath(env);
  if (path) await import(pathToFileURL(path).href);
  loaded = path;
  return path;
}

/** The module this process loaded (`loadAppActions`): the workflow bundle registers the same one (worker/bundle.ts). */
export function loadedAppActions(): string | undefined {
  return loaded;
}
