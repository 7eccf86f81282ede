import type { ActivityDoc } from '../../../engine/src/core/model/activity.ts';
import { useStudio } from '../ui/studio-context.ts';
import { pathKey, type FieldMessages, type Path } from './draft.ts';
import { SelectInput, TextInput } from './Field.tsx';
import { FormatFields } from './FormatFields.tsx';
import { useComponentDraft } from './use-component-draft.ts';

type Change = (path: Path, value: unknown) => void;

/** A read or write activity: its endpoint, format and the options of its kind. */
export function ActivityForm({ activityId }: { activityId: string }) {
  const { draft, change, messages } = useComponentDraft('activities', activityId);
  const project = useStudio((s) => s.project)!;
  if (!draft) return null;
  const activity = draft as unknown as ActivityDoc;
  const m = (path: Path) => messages[pathKey(path)];
  return (
    <form className="form" aria-label="Activity" onSubmit={(e) => e.preventDefault()}>
      <h2>{activity.type === 'read' ? 'Read activity' : 'Write activity'}</h2>
      <TextInput label="Name" value={activity.name} message={m(['name'])} onChange={(v) => change(['name'], v)} />
      <TextInput label="Description" value={activity.description} onChange={(v) => change(['description'], v || undefined)} />
      <SelectInput label="Endpoint" value={activity.endpoint} message={m(['endpoint'])} options={project.endpoints.map((e) => ({ value: e.id, label: e.name }))} onChange={(v) => change(['endpoint'], v)} />
      <SelectInput label="Schema" value={activity.schema} optional message={m(['schema'])} options={project.schemas.map((s) => ({ value: s.id, label: s.name }))} onChange={(v) => change(['schema'], v)} />
      {activity.type === 'read' ? <ReadFields activity={activity} change={change} messages={messages} /> : <WriteFields activity={activity} change={change} messages={messages} />}
      <FormatFields format={activity.format} change={(path, v) => change(['format', ...path], v)} messages={messages} />
    </form>
  );
}

const afterReadActions = ['keep', 'delete', 'rename', 'move'] as const;

function ReadFields({ activity, change, messages }: { activity: Extract<ActivityDoc, { type: 'read' }>; change: Change; messages: FieldMessages }) {
  const after = activity.afterRead ?? { action: 'keep' };
  const m = (path: Path) => messages[pathKey(path)];
  return (
    <fieldset>
      <legend>Read</legend>
      <TextInput label="File filter" value={activity.filter} message={m(['filter'])} onChange={(v) => change(['filter'], v)} />
      <SelectInput label="When no file matches" value={activity.ifNone ?? 'fail'} options={['fail', 'succeed']} onChange={(v) => change(['ifNone'], v)} />
      <SelectInput
        label="After reading"
        value={after.action}
        options={afterReadActions}
        message={m(['afterRead'])}
        // Each action has its own fields: a new action starts empty, and the schema says what it needs.
        onChange={(v) => change(['afterRead'], v === 'keep' ? undefined : { action: v })}
      />
      {after.action === 'rename' && <TextInput label="Rename to" value={after.to} message={m(['afterRead', 'to'])} onChange={(v) => change(['afterRead', 'to'], v)} />}
      {after.action === 'move' && <TextInput label="Move to folder" value={after.folder} message={m(['afterRead', 'folder'])} onChange={(v) => change(['afterRead', 'folder'], v)} />}
    </fieldset>
  );
}

function WriteFields({ activity, change, messages }: { activity: Extract<ActivityDoc, { type: 'write' }>; change: Change; messages: FieldMessages }) {
  const m = (path: Path) => messages[pathKey(path)];
  return (
    <fieldset>
      <legend>Write</legend>
      <TextInput label="File name" value={activity.fileName} message={m(['fileName'])} onChange={(v) => change(['fileName'], v)} />
      <SelectInput label="Mode" value={activity.mode ?? 'overwrite'} options={['overwrite', 'append', 'unique']} message={m(['mode'])} onChange={(v) => change(['mode'], v)} />
    </fieldset>
  );
}
