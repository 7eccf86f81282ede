import { componentKinds } from '../../../engine/src/core/model/project.ts';
import type { Conflict } from '../store/reconcile.ts';
import { useStudio } from './studio-context.ts';

const show = (doc: unknown) => (doc === undefined ? '(deleted)' : JSON.stringify(doc, null, 2));

/** A component changed on disk while edited here: both versions side by side, the designer picks one. */
export function ConflictDialog({ conflict }: { conflict: Conflict }) {
  const resolve = useStudio((s) => s.resolveConflict);
  const label = componentKinds[conflict.kind].label;
  return (
    <div className="overlay">
      <div className="dialog conflict" role="dialog" aria-label="Changed on disk">
        <h2>
          The {label} “{conflict.mine?.name ?? conflict.theirs?.name ?? conflict.id}” changed on disk while you were editing it
        </h2>
        <div className="side-by-side">
          <section>
            <h3>Your version</h3>
            <pre>{show(conflict.mine)}</pre>
            <button onClick={() => resolve(conflict, 'mine')}>Keep mine</button>
          </section>
          <section>
            <h3>Version on disk</h3>
            <pre>{show(conflict.theirs)}</pre>
            <button onClick={() => resolve(conflict, 'theirs')}>Take version on disk</button>
          </section>
        </div>
      </div>
    </div>
  );
}
