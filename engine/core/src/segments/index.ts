/** Saved segments, browser-safe part: the definition schema, evaluation and the reference graph. */
export * from './schema.js';
export { evaluateSegment } from './evaluate.js';
export type { SegmentFacts, ConsentFact } from './evaluate.js';
export { depsOf, checkSegmentGraph, evaluationOrder, affectedSegments } from './graph.js';
export type { SegmentDeps, SegmentRef, GraphProblem, CustomerChange } from './graph.js';
export { SEGMENT_ENTERED, SEGMENT_EXITED } from './events.js';
export type { SegmentEventProperties } from './events.js';
