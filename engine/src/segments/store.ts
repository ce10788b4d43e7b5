/** Saved segments, database part (Node only, exported from @cairn/engine/runtime). */
export { loadSegments, forgetSegments } from './catalog.js';
export type { LoadedSegment } from './catalog.js';
export { updateCustomerSegments } from './update.js';
export type { UpdateResult } from './update.js';
export { recomputeSegment, recomputeAll, estimateSegment } from './recompute.js';
export type { RecomputeResult, Estimate } from './recompute.js';
export { membersOf, eachMember, countMembers, isMember, segmentsOf } from './members.js';
export type { MembershipChange } from './write.js';
export { segmentsAfterMerge } from './merge.js';
export { segmentSql } from './sql.js';
