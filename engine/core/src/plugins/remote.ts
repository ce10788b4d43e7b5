/**
 * Extensions as data: the API describes the custom actions, conditions and triggers its process
 * registered (including those of `CAIRN_ACTIONS`, loaded at start-up), and the editor registers
 * the ones its own build lacks, so an engineer's extension appears in the palette and inspector
 * without rebuilding the editor. What travels is what data can carry: names, outputs, versions
 * and the config as JSON Schema. Code stays on the server: such a step's custom simulation and
 * template list are not in the browser (the simulator says so), and its config migrations run
 * where journeys are validated and run (the API and the worker).
 */
import { z } from 'zod';
import type { ActionDefinition } from './define-action.js';
import { TriggerRefusal, type TriggerDefinition } from './define-trigger.js';
import { actionOf, listActions, listTriggers, registerAction, registerTrigger, triggerOf } from './registry.js';

type JsonSchema = Record<string, unknown>;

/**
 * A custom action as the API describes it to the editor (no code: title, config schema as JSON Schema,
 * outputs).
 */
export interface ActionDescriptor {
  type: string;
  title: string;
  description: string;
  category?: string | undefined;
  icon?: string | undefined;
  section?: 'action' | 'condition' | undefined;
  outputs: string[];
  failureOutput?: string | undefined;
  version?: number | undefined;
  contacts?: ActionDefinition['contacts'];
  config: JsonSchema;
}

/** A custom trigger as the API describes it to the editor. */
export interface TriggerDescriptor {
  type: string;
  title: string;
  description: string;
  category?: string | undefined;
  icon?: string | undefined;
  version?: number | undefined;
  config: JsonSchema;
}

/** Every custom action and trigger the API knows, for the editor to register as stand-ins. */
export interface ExtensionDescriptors {
  actions: ActionDescriptor[];
  triggers: TriggerDescriptor[];
}

/** The config's input shape: what a journey may store (defaults optional). */
const schemaOf = (config: z.ZodObject): JsonSchema => z.toJSONSchema(config, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** Every registered extension, as JSON. */
export function describeExtensions(): ExtensionDescriptors {
  return {
    actions: listActions().map((a) => ({
      type: a.type,
      title: a.title,
      description: a.description,
      category: a.category,
      icon: a.icon,
      section: a.section,
      outputs: [...a.outputs],
      failureOutput: a.failureOutput,
      version: a.version,
      contacts: a.contacts,
      config: schemaOf(a.config),
    })),
    triggers: listTriggers().map((t) => ({ type: t.type, title: t.title, description: t.description, category: t.category, icon: t.icon, version: t.version, config: schemaOf(t.config) })),
  };
}

function configFrom(schema: JsonSchema, type: string): z.ZodObject {
  const s = z.fromJSONSchema(schema);
  if (!(s instanceof z.ZodObject)) throw new Error(`the config of ${type} is not an object schema`);
  return s;
}

/** Same settings, same shape: the server migrates; the browser checks what was saved as it is. */
const keep = (config: Record<string, unknown>) => config;

/**
 * Registers the described extensions this process does not have yet (the browser's build lacks
 * them). Returns the types added; a descriptor that cannot be read is skipped and named.
 */
export function registerRemoteExtensions(d: ExtensionDescriptors): { added: string[]; skipped: Array<{ type: string; reason: string }> } {
  const added: string[] = [];
  const skipped: Array<{ type: string; reason: string }> = [];
  for (const a of d.actions) {
    if (actionOf(a.type)) continue;
    try {
      const outputs = a.outputs;
      const fallback = a.failureOutput ?? outputs[0] ?? 'failure';
      const def: ActionDefinition = {
        type: a.type,
        title: a.title,
        description: a.description,
        ...(a.category ? { category: a.category } : {}),
        ...(a.icon ? { icon: a.icon } : {}),
        ...(a.section ? { section: a.section } : {}),
        ...(a.failureOutput ? { failureOutput: a.failureOutput } : {}),
        ...(a.version ? { version: a.version, migrate: keep } : {}),
        ...(a.contacts ? { contacts: a.contacts } : {}),
        config: configFrom(a.config, a.type),
        outputs,
        run: () => Promise.reject(new Error(`${a.type} runs on the worker, not in the browser`)),
        simulate: () => ({
          output: a.section === 'condition' ? fallback : (outputs[0] ?? fallback),
          reason: `would run ${a.title} (its own simulation is on the server, not in this editor build)`,
        }),
      };
      registerAction(def);
      added.push(a.type);
    } catch (err) {
      skipped.push({ type: a.type, reason: (err as Error).message });
    }
  }
  for (const t of d.triggers) {
    if (triggerOf(t.type)) continue;
    try {
      const def: TriggerDefinition = {
        type: t.type,
        title: t.title,
        description: t.description,
        ...(t.category ? { category: t.category } : {}),
        ...(t.icon ? { icon: t.icon } : {}),
        ...(t.version ? { version: t.version, migrate: keep } : {}),
        config: configFrom(t.config, t.type),
        receive: () => {
          throw new TriggerRefusal(404, `${t.type} is received by the API`);
        },
      };
      registerTrigger(def);
      added.push(t.type);
    } catch (err) {
      skipped.push({ type: t.type, reason: (err as Error).message });
    }
  }
  return { added, skipped };
}
