import { componentKindNames, type ComponentKind, type Project } from '../../../engine/src/core/model/project.ts';
import { listOf, putComponent, sameDoc, type ComponentDoc } from './components.ts';

/** A component edited here and changed on disk too: both versions are kept until the designer picks one. */
export interface Conflict {
  kind: ComponentKind;
  id: string;
  mine: ComponentDoc | undefined;
  theirs: ComponentDoc | undefined;
}

/**
 * Brings what is on disk into the open project. `saved` is what we last knew to be on disk,
 * `local` what the designer sees. A component that changed on disk is taken from disk unless
 * it also has unsaved edits here: then the local one stays and a conflict is reported.
 * Our own saves come back as changes too; they equal `saved` and change nothing.
 */
export function reconcile(saved: Project, local: Project, disk: Project): { project: Project; conflicts: Conflict[] } {
  let project: Project = { ...local, manifest: disk.manifest };
  const conflicts: Conflict[] = [];
  for (const kind of componentKindNames) {
    const byId = (p: Project) => new Map(listOf(p, kind).map((c) => [c.id, c]));
    const s = byId(saved);
    const l = byId(local);
    const d = byId(disk);
    for (const id of new Set([...s.keys(), ...l.keys(), ...d.keys()])) {
      const theirs = d.get(id);
      const mine = l.get(id);
      if (sameDoc(theirs, s.get(id)) || sameDoc(theirs, mine)) continue;
      if (sameDoc(mine, s.get(id))) project = putComponent(project, kind, id, theirs);
      else conflicts.push({ kind, id, mine, theirs });
    }
  }
  return { project, conflicts };
}
