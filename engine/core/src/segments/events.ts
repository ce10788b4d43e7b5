/**
 * The events Cairn records on a customer when their segment membership changes. `$`-prefixed, so
 * ingest refuses them from outside (rules/reserved-events.ts); the "enters segment" trigger
 * starts on `$segment_entered` with the segment's id in its properties.
 */
export const SEGMENT_ENTERED = '$segment_entered';
/** The event recorded when a customer leaves a segment. */
export const SEGMENT_EXITED = '$segment_exited';

/**
 * The properties of `$segment_entered` and `$segment_exited`: which segment, and which path found the
 * change.
 */
export interface SegmentEventProperties {
  segmentId: string;
  segmentName: string;
  /** "event" (incremental update) or "recompute" (a full recompute found the change). */
  via: 'event' | 'recompute';
}
