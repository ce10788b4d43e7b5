/**
 * Providers known to this process: the built-in ones (`builtin/index.ts`), plus any an
 * application registers at start-up (`registerProvider`) before the worker and API start.
 * Only the built-ins' variables are in the settings schema (env.ts): a provider registered by an
 * application reads what its `env` names from the settings object the launcher passes down.
 */
import type { z } from 'zod';
import type { ProviderDefinition } from './define-provider.js';
import { builtInProviders } from './builtin/index.js';

const providers = new Map<string, ProviderDefinition>();

/** Adds a provider to the registry the Channels page and the worker choose from. */
export function registerProvider<E extends z.ZodObject, S extends z.ZodObject>(def: ProviderDefinition<E, S>): void {
  const existing = providers.get(def.name);
  if (existing && existing !== (def as unknown)) throw new Error(`a provider named "${def.name}" is already registered`);
  providers.set(def.name, def as unknown as ProviderDefinition);
}

for (const def of builtInProviders) registerProvider(def);

/** The definition of a provider, or undefined when none has that name. */
export function providerDefinition(name: string): ProviderDefinition | undefined {
  return providers.get(name);
}

/** All providers, in registration order (the order defaults are chosen in). */
export function listProviders(): readonly ProviderDefinition[] {
  return [...providers.values()];
}
