/**
 * The environment variables of the built-in providers, merged (all optional) into the common
 * settings schema (worker/env.ts), so a malformed secret stops start-up naming the variable
 * like any other setting. Whether a provider is usable (its required variables set) is decided
 * per provider by `providerEnv`.
 */
import type { z } from 'zod';
import type { ProviderDefinition } from './define-provider.js';
import { builtInProviders } from './builtin/index.js';

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type BuiltInShape = UnionToIntersection<(typeof builtInProviders)[number]['env']['shape']>;
export type ProviderEnvShape = { [K in keyof BuiltInShape]: z.ZodOptional<BuiltInShape[K] extends z.ZodType ? BuiltInShape[K] : never> };

/** Every built-in provider's variables, each optional. */
export function providerEnvShape(): ProviderEnvShape {
  const shape: Record<string, z.ZodOptional<z.ZodType>> = {};
  for (const def of builtInProviders) {
    for (const [key, schema] of Object.entries((def as ProviderDefinition).env.shape)) shape[key] ??= (schema as z.ZodType).optional();
  }
  return shape as ProviderEnvShape;
}

/** The variables a provider cannot do without. */
export function requiredEnv(def: ProviderDefinition): string[] {
  return Object.entries(def.env.shape).filter(([, s]) => !(s as z.ZodType).safeParse(undefined).success).map(([k]) => k);
}

export type ProviderEnv = { ok: true; env: Record<string, unknown> } | { ok: false; missing: string[] };

/** The provider's variables from the parsed settings, or which required ones are missing. */
export function providerEnv(def: ProviderDefinition, settings: Readonly<Record<string, unknown>>): ProviderEnv {
  const picked = Object.fromEntries(Object.keys(def.env.shape).flatMap((k) => (settings[k] !== undefined && settings[k] !== '' ? [[k, settings[k]]] : [])));
  const r = def.env.safeParse(picked);
  if (r.success) return { ok: true, env: r.data as Record<string, unknown> };
  return { ok: false, missing: [...new Set(r.error.issues.map((i) => String(i.path[0] ?? '')))].filter(Boolean) };
}
