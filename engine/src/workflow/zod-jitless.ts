/**
 * Imported first by the workflow entry (index.ts), before any module that builds a zod schema.
 *
 * The SDK's reusable V8 context evaluates the workflow bundle's modules again for every new
 * workflow, so each customer's run builds @cairn/core's schemas afresh and parses its input once
 * with them. zod's default compiles a parser per object schema (`new Function`) on its first
 * parse: worth it for a schema parsed many times, pure cost for one parsed once and thrown away.
 * Jitless parsing is zod's interpreted path: same results, no code generation.
 */
import { config } from 'zod';

config({ jitless: true });
