/**
 * The built-in non-message actions, one line per kind. Keyed by `BuiltinActionKind` (the node
 * kinds that declare an `effect` policy): a kind without its run here does not compile, and a run
 * for a kind that is not one does not either.
 */
import type { BuiltinActionKind } from '../nodes/registry.js';
import type { BuiltinAction } from './contract.js';
import { assignRepAction } from './assign-rep.js';
import { tagAction } from './tag.js';
import { updateAttributeAction } from './update-attribute.js';
import { webhookAction } from './webhook.js';

export const BUILTIN_ACTIONS: { [K in BuiltinActionKind]: BuiltinAction<K> } = {
  'action.tag': tagAction,
  'action.updateAttribute': updateAttributeAction,
  'action.webhook': webhookAction,
  'action.assignRep': assignRepAction,
};

export type { BuiltinAction, BuiltinActionContext, BuiltinActionDeps } from './contract.js';
export { defineBuiltinAction } from './contract.js';
