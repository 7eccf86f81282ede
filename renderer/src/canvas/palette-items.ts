/** What the canvas palette offers: each item is a step to add, or a new empty operation. */
import type { Step } from '../../../engine/src/core/model/operation.ts';
import type { Project } from '../../../engine/src/core/model/project.ts';

export interface PaletteItem {
  key: string;
  label: string;
  /** The endpoint, for activities. */
  detail?: string;
  /** Absent for "New operation". */
  step?: Step;
}

export interface PaletteGroup {
  title: string;
  items: PaletteItem[];
}

/** The drag payload type: only our own drags are accepted by the canvas. */
export const PALETTE_MIME = 'application/x-chorus-palette';

export function paletteGroups(project: Project): PaletteGroup[] {
  const endpointName = (id: string) => project.endpoints.find((e) => e.id === id)?.name ?? id;
  return [
    { title: 'Operation', items: [{ key: 'operation', label: 'New operation' }] },
    {
      title: 'Activities',
      items: project.activities.map((a) => ({ key: `activity:${a.id}`, label: a.name, detail: `${a.type} · ${endpointName(a.endpoint)}`, step: { kind: a.type, activity: a.id } })),
    },
    { title: 'Transformations', items: project.transformations.map((t) => ({ key: `transformation:${t.id}`, label: t.name, step: { kind: 'transform', transformation: t.id } })) },
    { title: 'Scripts', items: project.scripts.map((s) => ({ key: `script:${s.id}`, label: s.name, step: { kind: 'script', script: s.id } })) },
  ];
}

/** The step a drop carries, `null` for a new operation, `undefined` when the drag is not ours. */
export function droppedItem(data: DataTransfer): Step | null | undefined {
  const raw = data.getData(PALETTE_MIME);
  if (!raw) return undefined;
  return (JSON.parse(raw) as { step?: Step }).step ?? null;
}

export const isPaletteDrag = (data: DataTransfer) => data.types.includes(PALETTE_MIME);
