import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type NodeChange,
} from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { connectOperations, deleteOperations, disconnectOperations, moveOperations, type Trigger } from '../store/document-commands.ts';
import { projectProblems } from '../store/problems.ts';
import { useStudio, useStudioContext } from '../ui/studio-context.ts';
import { canvasControls } from './canvas-controls.ts';
import { workflowGraph, type OperationNode as OperationNodeType } from './graph.ts';
import { OperationNode } from './OperationNode.tsx';
import { failedStepOf } from './failed-step.ts';

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
  const selectedOperation = useStudio((s) => s.selectedOperation);
  const flow = useReactFlow();

  const graph = useMemo(
    () => {
      const [operation, step] = failedKey.split('\n');
      return workflowGraph(project, workflowId, projectProblems(project, loadProblems), failedKey ? { operation, step } : undefined);
    },
    [project, workflowId, loadProblems, failedKey],
  );
  const [nodes, setNodes] = useState<OperationNodeType[]>(graph.nodes);
  useEffect(() => setNodes(graph.nodes.map((n) => ({ ...n, selected: n.id === selectedOperation }))), [graph, selectedOperation]);

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

  const onNodesChange = (changes: NodeChange<OperationNodeType>[]) => setNodes((ns) => applyNodeChanges(changes, ns));
  const dispatch = store.getState().dispatch;

  return (
    <div className="canvas" data-testid="workflow-canvas">
      <ReactFlow
        nodes={nodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        colorMode={theme}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        onNodesChange={onNodesChange}
        onNodeClick={(_e, node) => store.getState().selectOperation(node.id)}
        onPaneClick={() => store.getState().selectOperation(undefined)}
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
    </div>
  );
}
