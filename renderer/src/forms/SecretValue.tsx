import { useEffect, useState } from 'react';
import { useStudioContext } from '../ui/studio-context.ts';
import { Field } from './Field.tsx';
import { removeSecret, secretIsSet, storeSecret } from './secret-value.ts';

type Status = 'checking' | 'set' | 'not set';

/**
 * A secret variable's value: typed here, sent to the vault, and forgotten. The form only
 * ever learns whether a value is set.
 */
export function SecretValue({ variable, nameValid }: { variable: string; nameValid: boolean }) {
  const { client, store } = useStudioContext();
  const [status, setStatus] = useState<Status>('checking');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const settle = (work: Promise<boolean>) =>
    work.then(
      (has) => (setStatus(has ? 'set' : 'not set'), setError(undefined)),
      (err: Error) => setError(err.message),
    );

  useEffect(() => {
    if (nameValid) void settle(secretIsSet(client, store, variable));
  }, [client, store, variable, nameValid]);

  const save = () => {
    const typed = value;
    setValue('');
    void settle(storeSecret(client, store, variable, typed));
  };
  return (
    <fieldset>
      <legend>Value in the vault</legend>
      <p>
        Status:{' '}
        <strong data-testid="secret-status" className={status === 'set' ? 'status-succeeded' : 'muted'}>
          {status}
        </strong>
      </p>
      <Field label={status === 'set' ? 'New value' : 'Value'} message={error}>
        {(id, describedBy) => (
          <input
            id={id}
            type="password"
            autoComplete="off"
            aria-describedby={describedBy}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && value && (e.preventDefault(), save())}
          />
        )}
      </Field>
      <div className="dialog-buttons">
        <button type="button" disabled={!value || !nameValid} onClick={save}>
          Save to vault
        </button>
        <button type="button" disabled={status !== 'set'} onClick={() => void settle(removeSecret(client, store, variable))}>
          Remove from vault
        </button>
      </div>
    </fieldset>
  );
}
