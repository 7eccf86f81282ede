/** What the open canvas lets commands do; set by the canvas while it is shown. */
export interface CanvasControls {
  fitView(): void;
  autoLayout(): Promise<void>;
  /** The centre of the visible canvas, in flow coordinates. */
  centre(): { x: number; y: number };
}

export const canvasControls: { current?: CanvasControls } = {};
