/**
 * The events Cairn records on a customer when their segment membership changes. `$`-prefixed, so
 * ingest refuses them from outside (rules/reserved-events.ts); the "enters segment" trigger
 * starts on `$segment_entered` with the segment's id in its properties.
 */
export const SEGMENT_ENTERED = '$segment_entered';
export const SEGMENT_EXITED = '$segment_exited';

export interface SegmentEventProperties {
  segmentId: string;
  segmentName: string;
  /** "event" (incremental update) or "recompute" (a full recompute found the change). */
  via: 'event' | 'recompute';
}
