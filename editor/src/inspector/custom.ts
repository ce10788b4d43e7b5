/**
 * Custom actions (`defineAction`) keep their settings in a free-form `config`; its form comes
 * from the action's own zod schema, and choosing another action starts from that action's defaults.
 */
import type { JourneyNode } from '@cairn/core';
import { actionOf, extensionOf, freshConfig, listActions, listTriggers, migrateConfig, triggerOf } from '@cairn/core';
import type { FieldDef } from './spec.js';
import { fieldsOf } from './spec.js';

/** The node's fields, with `action` as a choice of registered actions and `config` as the action's form. */
export function withActionFields(node: JourneyNode, fields: FieldDef[]): FieldDef[] {
  if (node.type === 'trigger.custom') {
    const def = triggerOf(node.trigger);
    return fields.map((f) => {
      if (f.key === 'trigger') return { ...f, spec: { kind: 'enum', options: listTriggers().map((t) => t.type) } };
      if (f.key === 'config' && def) return { ...f, label: def.title, spec: { kind: 'object', fields: fieldsOf(def.config) } };
      return f;
    });
  }
  if (node.type !== 'action.custom') return fields;
  const def = actionOf(node.action);
  return fields.map((f) => {
    if (f.key === 'action') return { ...f, spec: { kind: 'enum', options: listActions().map((a) => a.type) } };
    if (f.key === 'config' && def) return { ...f, label: def.title, spec: { kind: 'object', fields: fieldsOf(def.config) } };
    return f;
  });
}

const extensionType = (node: JourneyNode): string | undefined => (node.type === 'action.custom' ? node.action : node.type === 'trigger.custom' ? node.trigger : undefined);

/** A changed custom step: choosing another action or trigger starts from its defaults and version. */
export function onActionChange(before: JourneyNode, after: JourneyNode): JourneyNode {
  if (before.type !== after.type || extensionType(before) === extensionType(after)) return after;
  const def = extensionOf(after);
  if (!def) return after;
  const { configVersion: _old, ...rest } = after as JourneyNode & { configVersion?: number };
  return { ...rest, ...freshConfig(def) } as JourneyNode;
}

/**
 * The node as the form shows it: settings saved for an older version of the action are shown
 * migrated to its current shape (the runtime reads them the same way), so the first edit saves
 * them upgraded. A config that cannot be migrated is shown as saved (the checks name it).
 */
export function upgradedNode(node: JourneyNode): JourneyNode {
  const def = extensionOf(node);
  if (!def || (node.type !== 'action.custom' && node.type !== 'trigger.custom')) return node;
  const current = def?.version ?? 1;
  if ((node.configVersion ?? 1) === current) return node;
  const migrated = migrateConfig(def, node.config, node.configVersion);
  return migrated.ok ? { ...node, config: migrated.config, configVersion: current } : node;
}
