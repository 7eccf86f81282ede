import type { FormatDoc } from '../../../engine/src/core/model/format.ts';
import { pathKey, type FieldMessages, type Path } from './draft.ts';
import { CheckboxInput, NumberInput, SelectInput, TextInput } from './Field.tsx';

/** The fields of a record format; a new type starts from its defaults (xml needs a record element, and says so). */
export function FormatFields({ format, change, messages }: { format: FormatDoc; change: (path: Path, value: unknown) => void; messages: FieldMessages }) {
  const m = (path: Path) => messages[pathKey(['format', ...path])];
  return (
    <fieldset>
      <legend>Format</legend>
      <SelectInput label="Format" value={format.type} options={['csv', 'json', 'xml']} onChange={(v) => change([], { type: v })} />
      {format.type === 'csv' && (
        <>
          <CheckboxInput label="Header line" value={format.header ?? true} onChange={(v) => change(['header'], v ? undefined : false)} />
          <TextInput label="Delimiter" value={format.delimiter ?? ','} message={m(['delimiter'])} onChange={(v) => change(['delimiter'], v)} />
        </>
      )}
      {format.type === 'json' && (
        <>
          <SelectInput label="JSON mode" value={format.mode ?? 'document'} options={['document', 'array', 'lines']} onChange={(v) => change(['mode'], v)} />
          {format.mode === 'array' && <TextInput label="Records path" value={format.records} message={m(['records'])} onChange={(v) => change(['records'], v || undefined)} />}
          <NumberInput label="Indent" value={format.indent} message={m(['indent'])} onChange={(v) => change(['indent'], v)} />
        </>
      )}
      {format.type === 'xml' && (
        <>
          <TextInput label="Record element" value={format.record} message={m(['record'])} onChange={(v) => change(['record'], v)} />
          <TextInput label="Root element" value={format.root} message={m(['root'])} onChange={(v) => change(['root'], v || undefined)} />
        </>
      )}
    </fieldset>
  );
}
