/** The size every node is drawn at (fixed, so layout and edge hit-tests need no measuring). */
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 76;
