import { ChorusError } from './errors.ts';
import { jsonPath } from './json.ts';
import { endpointSettingsSchema, knownEndpointKinds } from './model/endpoint.ts';
import { stepComponent, type OperationDoc } from './model/operation.ts';
import { componentFile, componentKindNames, componentKinds, type ComponentKind, type Project } from './model/project.ts';
import { testCaseSchema, type ExpectedOutput, type Fixture, type TestCase } from './model/test-case.ts';
import type { TargetField, Transformation } from './model/transformation.ts';
import type { Problem } from './problems.ts';
import { parsePath } from './transform/paths.ts';
import { scriptExtension } from './model/script.ts';
import { compileScript } from './script/compile.ts';

/**
 * Checks what a per-file schema cannot: references between components, endpoint settings
 * for each kind, source paths and formulas of transformations, step order, unique names and
 * chains that loop back on themselves.
 * `exists` tells of components that exist but are not in `project` (they failed to load).
 */
export function validateProject(project: Project, exists: (kind: ComponentKind, id: string) => boolean = () => false): Problem[] {
  const problems: Problem[] = [];
  const report = (kind: ComponentKind, id: string, path: PropertyKey[], code: Problem['code'], message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ severity, code, file: componentFile(kind, id), path: jsonPath(path), message });

  const ids = Object.fromEntries(componentKindNames.map((k) => [k, new Set((project[k] as { id: string }[]).map((c) => c.id))])) as Record<ComponentKind, Set<string>>;
  const refCheck = (kind: ComponentKind, id: string, path: PropertyKey[], target: ComponentKind, ref: string | undefined) => {
    if (ref !== undefined && !ids[target].has(ref) && !exists(target, ref)) {
      report(kind, id, path, 'PROJECT_REFERENCE_MISSING', `${componentKinds[target].label} "${ref}" does not exist`);
    }
  };

  for (const kind of componentKindNames) {
    const seen = new Map<string, string>();
    for (const c of project[kind] as { id: string; name: string }[]) {
      const key = c.name.trim().toLowerCase();
      const other = seen.get(key);
      if (other !== undefined) {
        report(kind, c.id, ['name'], 'PROJECT_DUPLICATE_NAME', `another ${componentKinds[kind].label} ("${other}") is already named "${c.name}"`);
      } else seen.set(key, c.id);
    }
  }

  for (const e of project.endpoints) {
    const settings = endpointSettingsSchema(e.kind);
    if (!settings) {
      report('endpoints', e.id, ['kind'], 'ENDPOINT_KIND_UNKNOWN', `unknown endpoint kind "${e.kind}" (known: ${knownEndpointKinds().join(', ')})`);
      continue;
    }
    const result = settings.safeParse(e.settings ?? {});
    if (!result.success) {
      for (const issue of result.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) report('endpoints', e.id, ['settings', ...issue.path, key], 'PROJECT_INVALID', `unknown setting "${key}"`);
        } else report('endpoints', e.id, ['settings', ...issue.path], 'PROJECT_INVALID', issue.message);
      }
    }
  }

  const activityType = new Map(project.activities.map((a) => [a.id, a.type]));
  for (const a of project.activities) {
    refCheck('activities', a.id, ['endpoint'], 'endpoints', a.endpoint);
    refCheck('activities', a.id, ['schema'], 'schemas', a.schema);
  }
  for (const t of project.transformations) {
    refCheck('transformations', t.id, ['source'], 'schemas', t.source);
    refCheck('transformations', t.id, ['target'], 'schemas', t.target);
    // The document passed its schema, so its fields are target fields.
    checkMapping(t as Transformation, (path, code, message, severity) => report('transformations', t.id, path, code, message, severity));
  }

  for (const op of project.operations) {
    op.steps.forEach((step, i) => {
      const path = ['steps', i];
      if (step.kind === 'read' || step.kind === 'write') {
        refCheck('operations', op.id, [...path, 'activity'], 'activities', step.activity);
        const type = activityType.get(step.activity);
        if (type !== undefined && type !== step.kind) {
          report('operations', op.id, [...path, 'activity'], 'OPERATION_INVALID', `activity "${step.activity}" is a ${type} activity, not a ${step.kind} activity`);
        }
      } else if (step.kind === 'transform') refCheck('operations', op.id, [...path, 'transformation'], 'transformations', step.transformation);
      else refCheck('operations', op.id, [...path, 'script'], 'scripts', step.script);
    });
    const orderProblem = checkStepOrder(op);
    if (orderProblem) report('operations', op.id, orderProblem.path, 'OPERATION_INVALID', orderProblem.message);
    (op.onSuccess ?? []).forEach((ref, i) => refCheck('operations', op.id, ['onSuccess', i], 'operations', ref));
    (op.onFailure ?? []).forEach((ref, i) => refCheck('operations', op.id, ['onFailure', i], 'operations', ref));
  }
  for (const cycle of findChainCycles(project.operations)) {
    // Point at the action that starts the loop: the first operation's onSuccess or onFailure entry.
    const first = project.operations.find((o) => o.id === cycle[0]);
    const successAt = first?.onSuccess?.indexOf(cycle[1]) ?? -1;
    const at = successAt >= 0 ? ['onSuccess', successAt] : ['onFailure', first?.onFailure?.indexOf(cycle[1]) ?? 0];
    report('operations', cycle[0], at, 'RUN_CYCLE', `operations call each other in a loop: ${cycle.join(' -> ')}`);
  }

  for (const w of project.workflows) {
    w.operations.forEach((ref, i) => refCheck('workflows', w.id, ['operations', i], 'operations', ref));
    for (const ref of Object.keys(w.layout ?? {})) {
      if (!w.operations.includes(ref)) report('workflows', w.id, ['layout', ref], 'PROJECT_REFERENCE_MISSING', `operation "${ref}" has a position but is not in this workflow`, 'warning');
    }
  }
  for (const script of project.scripts) {
    if ((script.language ?? 'chorus') !== 'chorus') continue;
    const problem = scriptProblem(script.source, 'async');
    if (problem) problems.push({ severity: 'error', code: problem.code, file: `scripts/${script.id}${scriptExtension.chorus}`, path: '$', message: problem.message, line: problem.line, column: problem.column });
  }
  for (const s of project.schedules) refCheck('schedules', s.id, ['operation'], 'operations', s.operation);
  for (const t of project.tests) {
    refCheck('tests', t.id, ['operation'], 'operations', t.operation);
    refCheck('tests', t.id, ['transformation'], 'transformations', t.transformation);
    // Defaults filled in; a document that does not parse was reported by its load.
    const parsed = testCaseSchema.safeParse(t);
    if (parsed.success) checkTest(parsed.data, project, activityType, exists, (path, code, message) => report('tests', t.id, path, code, message));
  }
  return problems;
}

/**
 * What a test's schema cannot say: one subject (operation or transformation), fixtures that
 * are a file or records, activities of the right type, steps the operation has, and formats
 * where no activity gives one (a transformation test).
 */
function checkTest(t: TestCase, project: Project, activityType: Map<string, string>, exists: (kind: ComponentKind, id: string) => boolean, report: ReportAt): void {
  if ((t.operation === undefined) === (t.transformation === undefined)) {
    report([], 'PROJECT_INVALID', 'a test names either an operation or a transformation');
    return;
  }
  const isTransformationTest = t.transformation !== undefined;
  const checkData = (data: Fixture | ExpectedOutput | undefined, at: PropertyKey[], needsFormat: boolean) => {
    if (!data) return;
    if ((data.file === undefined) === (data.records === undefined)) report(at, 'PROJECT_INVALID', 'give either "file" or "records"');
    else if (needsFormat && data.file !== undefined && data.format === undefined) report([...at, 'format'], 'PROJECT_INVALID', 'a file here needs a "format" (no activity gives one)');
  };
  const onlyFor = (present: boolean, at: PropertyKey[], what: string) => {
    if (present) report(at, 'PROJECT_INVALID', `only ${what} tests use this field`);
  };
  onlyFor(!isTransformationTest && t.input !== undefined, ['input'], 'transformation');
  onlyFor(!isTransformationTest && t.expect.output !== undefined, ['expect', 'output'], 'transformation');
  onlyFor(isTransformationTest && Object.keys(t.inputs).length > 0, ['inputs'], 'operation');
  onlyFor(isTransformationTest && Object.keys(t.endpoints).length > 0, ['endpoints'], 'operation');
  onlyFor(isTransformationTest && Object.keys(t.expect.outputs).length > 0, ['expect', 'outputs'], 'operation');
  onlyFor(isTransformationTest && Object.keys(t.expect.steps).length > 0, ['expect', 'steps'], 'operation');
  if (isTransformationTest && t.input === undefined) report(['input'], 'PROJECT_INVALID', 'a transformation test needs an "input"');
  checkData(t.input, ['input'], true);
  checkData(t.expect.output, ['expect', 'output'], true);

  const activityRef = (id: string, at: PropertyKey[], type: 'read' | 'write') => {
    const found = activityType.get(id);
    if (found === undefined && !exists('activities', id)) report(at, 'PROJECT_REFERENCE_MISSING', `activity "${id}" does not exist`);
    else if (found !== undefined && found !== type) report(at, 'PROJECT_INVALID', `activity "${id}" is a ${found} activity, not a ${type} activity`);
  };
  for (const [id, fixture] of Object.entries(t.inputs)) {
    activityRef(id, ['inputs', id], 'read');
    checkData(fixture, ['inputs', id], false);
  }
  for (const [id, fixture] of Object.entries(t.endpoints)) {
    if (!project.endpoints.some((e) => e.id === id) && !exists('endpoints', id)) report(['endpoints', id], 'PROJECT_REFERENCE_MISSING', `endpoint "${id}" does not exist`);
    checkData(fixture, ['endpoints', id], false);
  }
  for (const [id, expected] of Object.entries(t.expect.outputs)) {
    activityRef(id, ['expect', 'outputs', id], 'write');
    checkData(expected, ['expect', 'outputs', id], false);
  }
  const op = project.operations.find((o) => o.id === t.operation);
  const stepIds = new Set(op?.steps.map(stepComponent));
  for (const id of Object.keys(t.expect.steps)) {
    if (op && !stepIds.has(id)) report(['expect', 'steps', id], 'PROJECT_REFERENCE_MISSING', `operation "${op.id}" has no step using "${id}"`);
  }
}

/** Why a Chorus Script source does not compile, or undefined when it does. */
function scriptProblem(source: string, mode: 'sync' | 'async'): { code: Problem['code']; message: string; line?: number; column?: number } | undefined {
  try {
    // Source references are resolved at run time against the record; here any is accepted.
    compileScript(source, { mode, sourceRef: () => () => null });
    return undefined;
  } catch (err) {
    if (!(err instanceof ChorusError)) throw err;
    const { line, column } = err.location;
    return { code: err.code, message: err.message, line, column };
  }
}

type ReportAt = (path: PropertyKey[], code: Problem['code'], message: string, severity?: Problem['severity']) => void;

/**
 * What would stop a transformation from compiling or running: a source path or loop the
 * path parser rejects or that climbs above the record (named as the compiler names the
 * field), and formulas that do not compile (syntax, unknown functions, argument counts).
 */
function checkMapping(t: Pick<Transformation, 'loop' | 'fields'>, report: ReportAt): void {
  /** `depth` is the number of loops around the path: each `../` climbs one of them. */
  const checkPath = (path: string, label: string, at: PropertyKey[], depth: number) => {
    try {
      const { up, fromRoot } = parsePath(path, label);
      if (!fromRoot && up > depth) {
        const loops = depth === 0 ? 'no loop' : depth === 1 ? 'one loop' : `${depth} loops`;
        report(at, 'TRANSFORM_INVALID', `target field "${label}": source path "${path}" climbs ${up} level${up === 1 ? '' : 's'} up, but it is inside ${loops}`);
      }
    } catch (err) {
      if (!(err instanceof ChorusError)) throw err;
      report(at, err.code, err.message);
    }
  };
  const walk = (fields: readonly TargetField[], prefix: string, at: PropertyKey[], depth: number) => {
    fields.forEach((f, i) => {
      const label = prefix ? `${prefix}.${f.name}` : f.name;
      const here = [...at, 'fields', i];
      if (f.loop !== undefined) checkPath(f.loop, label, [...here, 'loop'], depth);
      const inner = f.loop === undefined ? depth : depth + 1;
      if (f.from !== undefined) checkPath(f.from, label, [...here, 'from'], inner);
      if (f.formula !== undefined) {
        const problem = scriptProblem(f.formula, 'sync');
        // The line:column is inside the formula, not the JSON file: it goes in the message.
        const at = problem?.line !== undefined ? `${problem.line}:${problem.column ?? 1}: ` : '';
        if (problem) report([...here, 'formula'], problem.code, `formula of "${label}": ${at}${problem.message}`);
      }
      if (f.fields !== undefined) walk(f.fields, label, here, inner);
    });
  };
  if (t.loop !== undefined) checkPath(t.loop, '(transformation loop)', ['loop'], 0);
  walk(t.fields, '', [], t.loop === undefined ? 0 : 1);
}

/** Steps: scripts before, then read, transforms and writes, then scripts after; or scripts only. */
function checkStepOrder(op: OperationDoc): { path: PropertyKey[]; message: string } | undefined {
  const steps = op.steps;
  if (steps.length === 0) return { path: ['steps'], message: 'an operation needs at least one step' };
  const core = steps.map((s, i) => ({ s, i })).filter(({ s }) => s.kind !== 'script');
  if (core.length === 0) return undefined;
  const first = core[0].i;
  const last = core[core.length - 1].i;
  for (let i = first; i <= last; i++) {
    if (steps[i].kind === 'script') return { path: ['steps', i], message: 'a script step cannot stand between read and write steps' };
  }
  if (core[0].s.kind !== 'read') return { path: ['steps', first], message: 'the data steps must start with a read step' };
  let seenWrite = false;
  for (const { s, i } of core.slice(1)) {
    if (s.kind === 'read') return { path: ['steps', i], message: 'an operation reads from one source; split it into two operations' };
    if (s.kind === 'write') seenWrite = true;
    else if (seenWrite) return { path: ['steps', i], message: 'a transform step must come before the write steps' };
  }
  if (!seenWrite) return { path: ['steps'], message: 'an operation that reads must write somewhere: add a write step' };
  return undefined;
}

/** Each cycle in the on-success / on-failure graph, once, as a list of operation ids. */
function findChainCycles(operations: readonly OperationDoc[]): string[][] {
  const next = new Map(operations.map((op) => [op.id, [...(op.onSuccess ?? []), ...(op.onFailure ?? [])]]));
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const n of next.get(id) ?? []) {
      if (!next.has(n)) continue;
      if (state.get(n) === 'visiting') cycles.push([...stack.slice(stack.indexOf(n)), n]);
      else if (!state.has(n)) visit(n);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const op of operations) if (!state.has(op.id)) visit(op.id);
  return cycles;
}
