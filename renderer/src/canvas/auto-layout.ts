import ELK from 'elkjs/lib/elk.bundled.js';
import type { Edge } from '@xyflow/react';
import type { Position } from '../store/document-commands.ts';

const elk = new ELK();

/** Left-to-right layered layout of the operations along their chain actions (elkjs). */
export async function layoutPositions(nodes: { id: string; width?: number; height?: number }[], edges: Edge[]): Promise<Record<string, Position>> {
  const graph = await elk.layout({
    id: 'workflow',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '60',
      'elk.layered.spacing.nodeNodeBetweenLayers': '100',
    },
    children: nodes.map((n) => ({ id: n.id, width: n.width ?? 240, height: n.height ?? 140 })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  return Object.fromEntries((graph.children ?? []).map((c) => [c.id, { x: (c.x ?? 0) + 40, y: (c.y ?? 0) + 40 }]));
}
