/**
 * Custom actions known to this process: the built-in ones from `actions/index.ts`, plus any an
 * application registers at start-up (`registerAction`) before the worker and API start. The
 * browser and the worker must register the same set, so an application keeps its registrations in
 * one module that both import.
 */
import type { ActionDefinition } from './define-action.js';
import { builtInActions } from './actions/index.js';

const actions = new Map<string, ActionDefinition>();

export function registerAction(def: ActionDefinition): void {
  const existing = actions.get(def.type);
  if (existing && existing !== def) throw new Error(`a custom action of type "${def.type}" is already registered`);
  actions.set(def.type, def);
}

for (const def of builtInActions) registerAction(def as unknown as ActionDefinition);

/** The definition of a custom action, or undefined when none has that type. */
export function actionOf(type: string): ActionDefinition | undefined {
  return actions.get(type);
}

/** All custom actions, in registration order. */
export function listActions(): readonly ActionDefinition[] {
  return [...actions.values()];
}
