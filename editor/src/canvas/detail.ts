/**
 * Whether the canvas is zoomed out too far to read a node's details (its label, branch names and
 * counts). Nodes read it from context: far out they leave those elements out altogether rather
 * than hide them with CSS, which on a 300-step journey halves the DOM the first picture builds
 * (a big journey opens fitted, hence far out). Outside the editor's canvas (template previews)
 * the default, false, keeps every detail.
 */
import { createContext } from 'react';

/** Below this zoom, nodes show only their kind. */
export const FAR_ZOOM = 0.4;

export const FarContext = createContext(false);
