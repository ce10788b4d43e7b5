/**
 * The template library: one file per template, registered here in gallery order
 * (lifecycle stage first, then the journeys that span stages).
 */
import type { Template } from '../define.js';
import qrLuckySpin from './qr-lucky-spin.js';

export const library: readonly Template[] = [qrLuckySpin];
