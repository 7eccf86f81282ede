import { useState } from 'react';
import type { ConflictFileView, SyncConflictView } from '../../../preload/contract.ts';
import type { SyncState } from './sync-store.ts';
import { conflictFields, resolvedContent, showValue, type ConflictField, type FieldChoice } from './conflict-fields.ts';

type Resolve = Parameters<SyncState['resolve']>[0];

/**
 * One conflicted component. A single JSON file that differs is settled field by field (mine,
 * theirs or an edited value per field); anything else shows both versions side by side and
 * is settled as a whole.
 */
export function ConflictView({ conflict, disabled, onResolve }: { conflict: SyncConflictView; disabled: boolean; onResolve: (request: Resolve) => void }) {
  const differing = conflict.files.filter((f) => f.mine !== f.theirs);
  const fields = differing.length === 1 ? conflictFields(differing[0]) : undefined;
  return (
    <section className="sync-conflict" aria-label={`Conflict in ${conflict.component}`} data-testid={`conflict-${conflict.component}`}>
      <h4>
        Conflict: {conflict.component}
        <span className="spacer" />
        <button disabled={disabled} onClick={() => onResolve({ component: conflict.component, choice: 'mine' })}>
          Keep Mine
        </button>
        <button disabled={disabled} onClick={() => onResolve({ component: conflict.component, choice: 'theirs' })}>
          Take Theirs
        </button>
      </h4>
      <ul className="muted">
        {conflict.details.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
      {fields ? (
        <FieldTable component={conflict.component} file={differing[0]} fields={fields} disabled={disabled} onResolve={onResolve} />
      ) : (
        differing.map((f) => <SideBySide key={f.path} file={f} />)
      )}
    </section>
  );
}

function FieldTable({ component, file, fields, disabled, onResolve }: { component: string; file: ConflictFileView; fields: ConflictField[]; disabled: boolean; onResolve: (request: Resolve) => void }) {
  const [choices, setChoices] = useState<Map<string, FieldChoice>>(new Map());
  const [error, setError] = useState<string>();
  const choose = (label: string, choice: FieldChoice) => setChoices((c) => new Map(c).set(label, choice));
  const apply = () => {
    try {
      onResolve({ component, choice: 'content', file: file.path, content: resolvedContent(file, fields, choices) });
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <>
      <table className="grid sync-fields" aria-label={`Fields of ${file.path}`}>
        <thead>
          <tr>
            <th>Field</th>
            <th>Base</th>
            <th>Mine</th>
            <th>Theirs</th>
            <th>Keep</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const choice = choices.get(f.label) ?? { take: 'mine' };
            const picked = 'take' in choice ? choice.take : 'edit';
            return (
              <tr key={f.label} aria-label={f.label}>
                <td>{f.label}</td>
                <td className="muted">{file.base === null ? '?' : showValue(f.base)}</td>
                <td>{showValue(f.mine)}</td>
                <td>{showValue(f.theirs)}</td>
                <td role="radiogroup" aria-label={`Keep for ${f.label}`}>
                  {(['mine', 'theirs'] as const).map((side) => (
                    <label key={side}>
                      <input type="radio" name={`${file.path}${f.label}`} checked={picked === side} onChange={() => choose(f.label, { take: side })} />
                      {side}
                    </label>
                  ))}
                  <label>
                    <input type="radio" name={`${file.path}${f.label}`} checked={picked === 'edit'} onChange={() => choose(f.label, { edit: showValue(f.mine === undefined ? f.theirs : f.mine) })} />
                    edit
                  </label>
                  {'edit' in choice && <input aria-label={`Value of ${f.label}`} value={choice.edit} onChange={(e) => choose(f.label, { edit: e.target.value })} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button disabled={disabled} onClick={apply}>
        Resolve with These Choices
      </button>
    </>
  );
}

function SideBySide({ file }: { file: ConflictFileView }) {
  return (
    <div className="sync-sides" aria-label={`Versions of ${file.path}`}>
      {(['mine', 'theirs'] as const).map((side) => (
        <figure key={side}>
          <figcaption>
            {side === 'mine' ? 'Mine' : 'Theirs'}: {file.path}
          </figcaption>
          <pre>{file[side] ?? '(deleted)'}</pre>
        </figure>
      ))}
    </div>
  );
}
