/**
 * The built-in non-message actions' runs (`<kind>.run.node.ts` beside each node definition in
 * engine/src/nodes/action), one line per kind. Keyed by `BuiltinActionKind` (the node
 * kinds that declare an `effect` policy): a kind without its run here does not compile, and a run
 * for a kind that is not one does not either.
 */
import type { BuiltinActionKind } from '@cairn/core/internal/nodes/registry';
import type { BuiltinAction } from './contract.js';
import { assignRepAction } from '../nodes/action/assign-rep.run.node.js';
import { tagAction } from '../nodes/action/tag.run.node.js';
import { updateAttributeAction } from '../nodes/action/update-attribute.run.node.js';
import { webhookAction } from '../nodes/action/webhook.run.node.js';

/** Each built-in non-message action's run, by kind (read by the `runAction` activity). */
export const BUILTIN_ACTIONS: { [K in BuiltinActionKind]: BuiltinAction<K> } = {
  'action.tag': tagAction,
  'action.updateAttribute': updateAttributeAction,
  'action.webhook': webhookAction,
  'action.assignRep': assignRepAction,
};

export type { BuiltinAction, BuiltinActionContext, BuiltinActionDeps } from './contract.js';
export { defineBuiltinAction } from './contract.js';
