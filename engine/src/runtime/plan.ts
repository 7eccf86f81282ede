import type { Connector } from '../connectors/types.ts';
import { getConnector } from '../connectors/registry.ts';
import { ChorusError } from '../core/errors.ts';
import { activitySchema, type Activity, type ReadActivity, type WriteActivity } from '../core/model/activity.ts';
import { endpointSchema, type Endpoint } from '../core/model/endpoint.ts';
import type { Operation } from '../core/model/operation.ts';
import type { ScriptDoc } from '../core/model/script.ts';
import { componentFile, type ComponentKind, type Project } from '../core/model/project.ts';
import { schemaSchema } from '../core/model/schema.ts';
import { transformationSchema } from '../core/model/transformation.ts';
import { substituteDeep, substituteVariables } from '../core/substitute.ts';
import { compileTransformation, type CompiledTransformation, type FormulaCompiler } from '../core/transform/compile.ts';

/** The data steps of an operation: read, transforms, writes. */
export interface DataPlan {
  read: { name: string; activity: ReadActivity; endpoint: Endpoint; connector: Connector };
  transforms: { name: string; run: CompiledTransformation }[];
  writes: { name: string; activity: WriteActivity; endpoint: Endpoint; connector: Connector }[];
}

/** A script step, with its index among the operation's steps (for error locations). */
export interface ScriptStepPlan {
  index: number;
  script: ScriptDoc;
}

/**
 * An operation made ready to run: components resolved, variables substituted, mappings
 * compiled. Script steps run before and after the data steps; an operation may have only
 * script steps.
 */
export interface Plan {
  before: ScriptStepPlan[];
  data?: DataPlan;
  after: ScriptStepPlan[];
}

/**
 * Resolves an operation's steps before any data moves, so a missing component, an unknown
 * endpoint kind, an undefined variable or a bad mapping fails the run without reading or
 * writing anything.
 */
export function planOperation(
  project: Project,
  op: Operation,
  lookup: (name: string) => unknown,
  formulas: FormulaCompiler,
): Plan {
  const opFile = componentFile('operations', op.id);
  const find = <K extends ComponentKind>(kind: K, id: string, index: number) => {
    const found = (project[kind] as { id: string }[]).find((c) => c.id === id);
    if (!found) {
      throw new ChorusError('PROJECT_REFERENCE_MISSING', `step ${index + 1} uses ${kind.replace(/s$/, '')} "${id}", which does not exist`, {
        file: opFile,
        path: `$.steps[${index}]`,
      });
    }
    return found as Project[K][number];
  };
  const activityOf = (id: string, index: number) => {
    const activity: Activity = activitySchema.parse(find('activities', id, index));
    const endpoint = endpointSchema.parse(find('endpoints', activity.endpoint, index));
    const resolvedEndpoint = { ...endpoint, settings: substituteDeep(endpoint.settings, lookup, { file: componentFile('endpoints', endpoint.id) }, '$.settings') };
    const resolvedActivity = substituteActivity(activity, lookup);
    return { name: activity.name, activity: resolvedActivity, endpoint: resolvedEndpoint, connector: getConnector(endpoint.kind) };
  };

  let read: DataPlan['read'] | undefined;
  const transforms: DataPlan['transforms'] = [];
  const writes: DataPlan['writes'] = [];
  const before: ScriptStepPlan[] = [];
  const after: ScriptStepPlan[] = [];
  op.steps.forEach((step, index) => {
    switch (step.kind) {
      case 'read': {
        const r = activityOf(step.activity, index);
        if (r.activity.type !== 'read') throw notOfType(opFile, index, r.name, 'read');
        read = { ...r, activity: r.activity };
        break;
      }
      case 'write': {
        const w = activityOf(step.activity, index);
        if (w.activity.type !== 'write') throw notOfType(opFile, index, w.name, 'write');
        writes.push({ ...w, activity: w.activity });
        break;
      }
      case 'transform': {
        const t = transformationSchema.parse(find('transformations', step.transformation, index));
        const targetDoc = t.target === undefined ? undefined : project.schemas.find((s) => s.id === t.target);
        try {
          const run = compileTransformation(t, { formulas, targetSchema: targetDoc && schemaSchema.parse(targetDoc) });
          transforms.push({ name: t.name, run });
        } catch (err) {
          if (err instanceof ChorusError) {
            throw new ChorusError(err.code, err.message, { file: componentFile('transformations', t.id), ...err.location }, false, { cause: err });
          }
          throw err;
        }
        break;
      }
      case 'script':
        (read || writes.length > 0 ? after : before).push({ index, script: find('scripts', step.script, index) });
        break;
    }
  });
  if (!read && writes.length === 0 && transforms.length === 0 && before.length > 0) return { before, after };
  if (!read || writes.length === 0) {
    throw new ChorusError('OPERATION_INVALID', 'an operation needs a read step and at least one write step, or script steps only', { file: opFile, path: '$.steps' });
  }
  return { before, data: { read, transforms, writes }, after };
}

/**
 * Substitutes variables in the activity settings that name files: the read filter, the
 * written file name and the after-read rename or move. Names and descriptions are text for
 * people and stay as written.
 */
function substituteActivity(activity: Activity, lookup: (name: string) => unknown): Activity {
  const file = componentFile('activities', activity.id);
  const sub = (text: string, path: string, find = lookup) => substituteVariables(text, find, { file, path });
  if (activity.type === 'write') return { ...activity, fileName: sub(activity.fileName, '$.fileName') };
  const { afterRead } = activity;
  return {
    ...activity,
    filter: sub(activity.filter, '$.filter'),
    afterRead:
      afterRead.action === 'rename'
        ? { ...afterRead, to: sub(afterRead.to, '$.afterRead.to', keepPlaceholders(lookup)) }
        : afterRead.action === 'move'
          ? { ...afterRead, folder: sub(afterRead.folder, '$.afterRead.folder') }
          : afterRead,
  };
}

/** `[file]`, `[name]` and `[ext]` name the source file in after-read renames; the connector fills them in. */
const fileNamePlaceholders = new Set(['file', 'name', 'ext']);

function keepPlaceholders(lookup: (name: string) => unknown): (name: string) => unknown {
  return (name) => {
    const value = lookup(name);
    return value === undefined && fileNamePlaceholders.has(name) ? `[${name}]` : value;
  };
}

function notOfType(file: string, index: number, name: string, kind: string): ChorusError {
  return new ChorusError('OPERATION_INVALID', `step ${index + 1}: activity "${name}" is not a ${kind} activity`, { file, path: `$.steps[${index}]` });
}
