/**
 * Custom actions (`defineAction`) keep their settings in a free-form `config`; its form comes
 * from the action's own zod schema, and choosing another action starts from that action's defaults.
 */
import type { JourneyNode } from '@cairn/engine';
import { actionOf, createCustomNode, listActions } from '@cairn/engine';
import type { FieldDef } from './spec.js';
import { fieldsOf } from './spec.js';

/** The node's fields, with `action` as a choice of registered actions and `config` as the action's form. */
export function withActionFields(node: JourneyNode, fields: FieldDef[]): FieldDef[] {
  if (node.type !== 'action.custom') return fields;
  const def = actionOf(node.action);
  return fields.map((f) => {
    if (f.key === 'action') return { ...f, spec: { kind: 'enum', options: listActions().map((a) => a.type) } };
    if (f.key === 'config' && def) return { ...f, label: def.title, spec: { kind: 'object', fields: fieldsOf(def.config) } };
    return f;
  });
}

/** A changed custom-action node: a different action replaces the config with its defaults. */
export function onActionChange(before: JourneyNode, after: JourneyNode): JourneyNode {
  if (before.type !== 'action.custom' || after.type !== 'action.custom' || before.action === after.action) return after;
  const def = actionOf(after.action);
  return def ? { ...after, config: createCustomNode(after.id, def).config } : after;
}
