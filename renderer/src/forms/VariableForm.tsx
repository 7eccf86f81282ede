import type { ProjectVariableDoc } from '../../../engine/src/core/model/variable.ts';
import { pathKey, type Path } from './draft.ts';
import { CheckboxInput, NumberInput, SelectInput, TextInput } from './Field.tsx';
import { SecretValue } from './SecretValue.tsx';
import { useComponentDraft } from './use-component-draft.ts';

/** A project variable: its type and default, or, for a secret one, its value in the vault. */
export function VariableForm({ variableId }: { variableId: string }) {
  const { draft, change, messages } = useComponentDraft('variables', variableId);
  if (!draft) return null;
  const variable = draft as unknown as ProjectVariableDoc;
  const m = (path: Path) => messages[pathKey(path)];
  const type = variable.type ?? 'string';
  return (
    <form className="form" aria-label="Variable" onSubmit={(e) => e.preventDefault()}>
      <h2>Variable</h2>
      <TextInput label="Name" value={variable.name} message={m(['name'])} onChange={(v) => change(['name'], v)} />
      <TextInput label="Description" value={variable.description} onChange={(v) => change(['description'], v || undefined)} />
      <SelectInput label="Type" value={type} options={['string', 'number', 'boolean']} message={m(['type'])} onChange={(v) => change([], { ...variable, type: v, default: undefined })} />
      {/* A secret has no default in the project: turning it on drops the default. */}
      <CheckboxInput label="Secret (kept in the vault)" value={variable.secret} onChange={(v) => change([], { ...variable, secret: v || undefined, default: v ? undefined : variable.default })} />
      {variable.secret ? (
        <SecretValue variable={variable.name} nameValid={messages[pathKey(['name'])] === undefined} />
      ) : type === 'number' ? (
        <NumberInput label="Default" value={variable.default} message={m(['default'])} onChange={(v) => change(['default'], v)} />
      ) : type === 'boolean' ? (
        <SelectInput label="Default" value={variable.default} optional options={['true', 'false']} message={m(['default'])} onChange={(v) => change(['default'], v === undefined ? undefined : v === 'true')} />
      ) : (
        <TextInput label="Default" value={variable.default} message={m(['default'])} onChange={(v) => change(['default'], v === '' ? undefined : v)} />
      )}
    </form>
  );
}
