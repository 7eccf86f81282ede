import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { addOperation, connectOperations, deleteOperations, disconnectOperations, moveOperations, type Trigger } from '../store/document-commands.ts';
import { projectProblems } from '../store/problems.ts';
import { useStudio, useStudioContext } from '../ui/studio-context.ts';
import { canvasControls } from './canvas-controls.ts';
import { workflowGraph, type OperationNode as OperationNodeType } from './graph.ts';
import { OperationNode } from './OperationNode.tsx';
import { failedStepOf } from './failed-step.ts';
import { droppedItem, isPaletteDrag } from './palette-items.ts';
import { StepPalette } from './StepPalette.tsx';
import { SIMPLE_NODES_BELOW_ZOOM, SimpleNodesContext } from './node-detail.ts';
import './canvas.css';

// Declared once at module scope, as React Flow wants.
const nodeTypes = { operation: OperationNode };

export function WorkflowCanvas({ workflowId }: { workflowId: string }) {
  return (
    <ReactFlowProvider>
      <Canvas workflowId={workflowId} />
    </ReactFlowProvider>
  );
}

/**
 * React Flow as a view of the workflow: nodes and edges come from the document; a drag moves
 * nodes locally and becomes one `moveOperations` command when it ends (one undo step).
 */
function Canvas({ workflowId }: { workflowId: string }) {
  const { store } = useStudioContext();
  const project = useStudio((s) => s.project)!;
  const loadProblems = useStudio((s) => s.loadProblems);
  // A string, so live progress events do not rebuild the graph.
  const failedKey = useStudio((s) => {
    const failed = failedStepOf(s.run);
    return failed ? `${failed.operation}\n${failed.step}` : '';
  });
  const theme = useStudio((s) => s.theme);
  const selectedOperations = useStudio((s) => s.selectedOperations);
  const flow = useReactFlow();
  // A boolean, so the canvas renders again only when the zoom crosses the threshold, not on every frame of a zoom.
  const simpleNodes = useStore((s) => s.transform[2] < SIMPLE_NODES_BELOW_ZOOM);

  const graph = useMemo(
    () => {
      const [operation, step] = failedKey.split('\n');
      return workflowGraph(project, workflowId, projectProblems(project, loadProblems), failedKey ? { operation, step } : undefined);
    },
    [project, workflowId, loadProblems, failedKey],
  );
  // Zoomed out, edge labels are too small to read and costly to draw by the hundred.
  const edges = useMemo(() => (simpleNodes ? graph.edges.map((e) => ({ ...e, label: undefined })) : graph.edges), [graph.edges, simpleNodes]);
  const [nodes, setNodes] = useState<OperationNodeType[]>(graph.nodes);
  useEffect(() => setNodes(graph.nodes.map((n) => ({ ...n, selected: selectedOperations.includes(n.id) }))), [graph, selectedOperations]);

  useEffect(() => {
    canvasControls.current = {
      fitView: () => void flow.fitView({ padding: 0.2 }),
      autoLayout: async () => {
        // elkjs is large; it loads the first time a layout is asked for.
        const { layoutPositions } = await import('./auto-layout.ts');
        const positions = await layoutPositions(
          flow.getNodes().map((n) => ({ id: n.id, width: n.measured?.width, height: n.measured?.height })),
          graph.edges,
        );
        store.getState().dispatch(moveOperations, { workflow: workflowId, positions });
        requestAnimationFrame(() => void flow.fitView({ padding: 0.2 }));
      },
      centre: () => {
        const box = document.querySelector('.react-flow')?.getBoundingClientRect();
        return box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 80, y: 80 };
      },
    };
    return () => {
      canvasControls.current = undefined;
    };
  }, [flow, graph.edges, store, workflowId]);

  // Memoised, as React Flow asks: it calls this whenever the handler changes.
  const onSelectionChange = useCallback(({ nodes: chosen }: { nodes: OperationNodeType[] }) => store.getState().selectOperations(chosen.map((n) => n.id)), [store]);
  const onNodesChange = (changes: NodeChange<OperationNodeType>[]) => setNodes((ns) => applyNodeChanges(changes, ns));
  const dispatch = store.getState().dispatch;

  return (
    <div className="canvas">
      <StepPalette workflowId={workflowId} />
      <div className="flow" data-testid="workflow-canvas">
        <SimpleNodesContext.Provider value={simpleNodes}>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            colorMode={theme}
            fitView
            // The first view stays readable (no smaller than 50%); zooming out goes further, to see a large workflow whole.
            fitViewOptions={{ padding: 0.2, maxZoom: 1, minZoom: 0.5 }}
            minZoom={0.1}
            // Large workflows: only the nodes and edges in view are in the DOM.
            onlyRenderVisibleElements
            onNodesChange={onNodesChange}
            onNodeClick={(e, node) => !(e.ctrlKey || e.metaKey || e.shiftKey) && store.getState().selectOperation(node.id)}
            onSelectionChange={onSelectionChange}
            onPaneClick={() => store.getState().selectOperation(undefined)}
            onDragOver={(e) => {
              if (!isPaletteDrag(e.dataTransfer)) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'copy';
            }}
            onDrop={(e) => {
              // Dropped beside the operations: a new operation there, holding the dropped step.
              const step = droppedItem(e.dataTransfer);
              if (step === undefined) return;
              e.preventDefault();
              const position = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
              dispatch(addOperation, { workflow: workflowId, name: 'New operation', position, steps: step ? [step] : [] });
            }}
            onNodeDragStop={(_e, _node, dragged) =>
              dispatch(moveOperations, { workflow: workflowId, positions: Object.fromEntries(dragged.map((n) => [n.id, n.position])) })
            }
            onConnect={(c: Connection) => c.source && c.target && dispatch(connectOperations, { from: c.source, to: c.target, on: (c.sourceHandle ?? 'success') as Trigger })}
            onNodesDelete={(deleted) => dispatch(deleteOperations, { ids: deleted.map((n) => n.id) })}
            onEdgesDelete={(deleted: Edge[]) => {
              for (const e of deleted) dispatch(disconnectOperations, { from: e.source, to: e.target, on: (e.data?.on ?? 'success') as Trigger });
            }}
            deleteKeyCode={['Delete', 'Backspace']}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <MiniMap pannable zoomable />
            <Controls />
          </ReactFlow>
        </SimpleNodesContext.Provider>
      </div>
    </div>
  );
}
