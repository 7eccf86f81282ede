import type { z } from 'zod';
import { activitySchema, type ActivityDoc } from './activity.ts';
import { endpointSchema, type EndpointDoc } from './endpoint.ts';
import type { Manifest } from './manifest.ts';
import { operationSchema, type OperationDoc } from './operation.ts';
import { scheduleSchema, type ScheduleDoc } from './schedule.ts';
import { schemaSchema, type SchemaDoc } from './schema.ts';
import { scriptMetaSchema, type ScriptDoc } from './script.ts';
import { testCaseSchema, type TestCaseDoc } from './test-case.ts';
import { transformationSchema, type TransformationDoc } from './transformation.ts';
import { projectVariableSchema, type ProjectVariableDoc } from './variable.ts';
import { workflowSchema, type WorkflowDoc } from './workflow.ts';

/**
 * A project in memory: plain data, exactly as stored (defaults are not filled in, so a load
 * followed by a save changes nothing). Components reference each other by id. Each list is
 * kept sorted by id.
 */
export interface Project {
  manifest: Manifest;
  endpoints: EndpointDoc[];
  activities: ActivityDoc[];
  schemas: SchemaDoc[];
  transformations: TransformationDoc[];
  scripts: ScriptDoc[];
  operations: OperationDoc[];
  workflows: WorkflowDoc[];
  variables: ProjectVariableDoc[];
  schedules: ScheduleDoc[];
  tests: TestCaseDoc[];
}

export type ComponentKind = Exclude<keyof Project, 'manifest'>;

interface ComponentKindInfo {
  /** Folder holding one `<id>.json` file per component. */
  folder: string;
  /** Singular, for messages. */
  label: string;
  schema: z.ZodType;
}

/** The component kinds, in the order the explorer shows them. */
export const componentKinds: Record<ComponentKind, ComponentKindInfo> = {
  workflows: { folder: 'workflows', label: 'workflow', schema: workflowSchema },
  operations: { folder: 'operations', label: 'operation', schema: operationSchema },
  transformations: { folder: 'transformations', label: 'transformation', schema: transformationSchema },
  scripts: { folder: 'scripts', label: 'script', schema: scriptMetaSchema },
  endpoints: { folder: 'endpoints', label: 'endpoint', schema: endpointSchema },
  activities: { folder: 'activities', label: 'activity', schema: activitySchema },
  schemas: { folder: 'schemas', label: 'schema', schema: schemaSchema },
  variables: { folder: 'variables', label: 'variable', schema: projectVariableSchema },
  schedules: { folder: 'schedules', label: 'schedule', schema: scheduleSchema },
  tests: { folder: 'tests', label: 'test', schema: testCaseSchema },
};

export const componentKindNames = Object.keys(componentKinds) as ComponentKind[];

export const MANIFEST_FILE = 'chorus.json';
/** Local state (run logs, caches, sync state): never synced, never bundled. */
export const LOCAL_FOLDER = '.chorus';

export function emptyProject(manifest: Manifest): Project {
  return {
    manifest,
    endpoints: [],
    activities: [],
    schemas: [],
    transformations: [],
    scripts: [],
    operations: [],
    workflows: [],
    variables: [],
    schedules: [],
    tests: [],
  };
}

/** Path of a component's JSON file, relative to the project folder. */
export function componentFile(kind: ComponentKind, id: string): string {
  return `${componentKinds[kind].folder}/${id}.json`;
}
