import { z } from 'zod';
import { endpointSettingsSchema, knownEndpointKinds } from '../../../engine/src/core/model/endpoint.ts';
import type { ComponentDoc } from '../store/components.ts';
import { pathKey } from './draft.ts';
import { Field, TextInput } from './Field.tsx';
import { useComponentDraft } from './use-component-draft.ts';

/** The settings an endpoint kind declares, checked as the designer types (the engine's own schema). */
function checkSettings(doc: ComponentDoc): z.ZodError | undefined {
  const schema = endpointSettingsSchema(String(doc.kind));
  const result = schema?.safeParse(doc.settings ?? {});
  return result && !result.success ? new z.ZodError(result.error.issues.map((i) => ({ ...i, path: ['settings', ...i.path] }))) : undefined;
}

function settingKeys(kind: string): string[] {
  const schema = endpointSettingsSchema(kind);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

export function EndpointForm({ endpointId }: { endpointId: string }) {
  const { draft, change, messages } = useComponentDraft('endpoints', endpointId, checkSettings);
  if (!draft) return null;
  const kind = String(draft.kind);
  const settings = (draft.settings ?? {}) as Record<string, unknown>;
  return (
    <form className="form" aria-label="Endpoint" onSubmit={(e) => e.preventDefault()}>
      <h2>Endpoint</h2>
      <TextInput label="Name" value={draft.name} message={messages[pathKey(['name'])]} onChange={(v) => change(['name'], v)} />
      <TextInput label="Description" value={draft.description} onChange={(v) => change(['description'], v || undefined)} />
      <Field label="Kind" message={messages[pathKey(['kind'])]}>
        {(id) => (
          <select id={id} value={kind} onChange={(e) => change([], { ...draft, kind: e.target.value, settings: {} })}>
            {[...new Set([...knownEndpointKinds(), kind])].map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        )}
      </Field>
      <fieldset>
        <legend>Settings</legend>
        {settingKeys(kind).map((key) => (
          <TextInput
            key={key}
            label={key}
            value={settings[key]}
            message={messages[pathKey(['settings', key])]}
            onChange={(v) => change(['settings', key], v)}
          />
        ))}
        {settingKeys(kind).length === 0 && <p className="muted">This kind has no settings.</p>}
        {messages[pathKey(['settings'])] && <p className="field-message">{messages[pathKey(['settings'])]}</p>}
      </fieldset>
    </form>
  );
}
