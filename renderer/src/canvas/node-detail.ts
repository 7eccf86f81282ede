import { createContext } from 'react';

/**
 * Below this zoom an operation node shows only its name and a strip of its step kinds: the
 * step text would be unreadable, and hundreds of full nodes are slow to draw.
 */
export const SIMPLE_NODES_BELOW_ZOOM = 0.4;

/** True while the canvas is zoomed out below SIMPLE_NODES_BELOW_ZOOM; one subscription for all nodes. */
export const SimpleNodesContext = createContext(false);
