import { useId, type ReactNode } from 'react';

/** A labelled control with its validation message right beside it. */
export function Field({ label, message, children }: { label: string; message?: string; children: (id: string, describedBy?: string) => ReactNode }) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={`field${message ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, message ? messageId : undefined)}
      {message && (
        <span id={messageId} className="field-message" role="alert">
          {message}
        </span>
      )}
    </div>
  );
}

export function TextInput(props: { label: string; value: unknown; message?: string; onChange: (value: string) => void }) {
  return (
    <Field label={props.label} message={props.message}>
      {(id, describedBy) => (
        <input
          id={id}
          aria-invalid={!!props.message}
          aria-describedby={describedBy}
          value={props.value === undefined || props.value === null ? '' : String(props.value)}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** Empty means "not set", so the schema's default applies; anything else that is not a number stays text and is refused by the schema. */
export function NumberInput(props: { label: string; value: unknown; message?: string; onChange: (value: number | string | undefined) => void }) {
  return (
    <Field label={props.label} message={props.message}>
      {(id, describedBy) => (
        <input
          id={id}
          inputMode="decimal"
          aria-invalid={!!props.message}
          aria-describedby={describedBy}
          value={props.value === undefined ? '' : String(props.value)}
          onChange={(e) => {
            const text = e.target.value.trim();
            props.onChange(text === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);
          }}
        />
      )}
    </Field>
  );
}

export function CheckboxInput(props: { label: string; value: unknown; message?: string; onChange: (value: boolean) => void }) {
  return (
    <Field label={props.label} message={props.message}>
      {(id) => <input id={id} type="checkbox" checked={props.value === true} onChange={(e) => props.onChange(e.target.checked)} />}
    </Field>
  );
}

/** A choice among fixed values; `''` offers "none" where the field is optional. */
export function SelectInput(props: { label: string; value: unknown; options: readonly (string | { value: string; label: string })[]; optional?: boolean; message?: string; onChange: (value: string | undefined) => void }) {
  return (
    <Field label={props.label} message={props.message}>
      {(id, describedBy) => (
        <select
          id={id}
          aria-invalid={!!props.message}
          aria-describedby={describedBy}
          value={props.value === undefined || props.value === null ? '' : String(props.value)}
          onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
        >
          {props.optional && <option value="">(none)</option>}
          {props.options.map((o) => {
            const { value, label } = typeof o === 'string' ? { value: o, label: o } : o;
            return (
              <option key={value} value={value}>
                {label}
              </option>
            );
          })}
        </select>
      )}
    </Field>
  );
}
