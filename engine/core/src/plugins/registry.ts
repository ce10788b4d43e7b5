/**
 * Custom actions (and conditions) and custom triggers known to this process: the built-in ones from `actions/index.ts`, plus any an
 * application registers at start-up (`registerAction`) before the worker and API start. The
 * browser and the worker must register the same set, so an application keeps its registrations in
 * one module that both import.
 */
import type { ActionDefinition } from './define-action.js';
import { builtInActions, builtInTriggers } from './actions/index.js';
import type { TriggerDefinition } from './define-trigger.js';

const actions = new Map<string, ActionDefinition>();

/** Adds a custom action to this process' registry (the editor, API and worker each load the same list). */
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

const triggers = new Map<string, TriggerDefinition>();

/** Registers a custom trigger (`defineTrigger`); like actions, every process registers the same set. */
export function registerTrigger(def: TriggerDefinition): void {
  const existing = triggers.get(def.type);
  if (existing && existing !== def) throw new Error(`a custom trigger of type "${def.type}" is already registered`);
  triggers.set(def.type, def);
}

for (const def of builtInTriggers) registerTrigger(def as unknown as TriggerDefinition);

/** The definition of a custom trigger, or undefined when none has that type. */
export function triggerOf(type: string): TriggerDefinition | undefined {
  return triggers.get(type);
}

/** All custom triggers, in registration order. */
export function listTriggers(): readonly TriggerDefinition[] {
  return [...triggers.values()];
}
