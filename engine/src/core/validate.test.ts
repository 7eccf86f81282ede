import { describe, expect, it } from 'vitest';
import { manifestSchema } from './model/manifest.ts';
import { emptyProject, type Project } from './model/project.ts';
import { testCaseSchema } from './model/test-case.ts';
import type { TransformationDoc } from './model/transformation.ts';
import { validateProject } from './validate.ts';

const project = (transformations: TransformationDoc[]) => ({
  ...emptyProject(manifestSchema.parse({ formatVersion: 1, id: 'project01', name: 'P' })),
  transformations,
});

describe('validateProject, transformations', () => {
  it('reports each source path with an empty segment, nested or not, and a bad loop', () => {
    const problems = validateProject(
      project([
        {
          id: 'map',
          name: 'Map',
          loop: 'orders..lines',
          fields: [
            { name: 'ok', from: '/order.id' },
            {
              name: 'customer',
              loop: '../items.',
              fields: [
                { name: 'up', from: '../id' },
                { name: 'self', from: '.' },
                { name: 'bad', from: 'a..b' },
              ],
            },
          ],
        },
      ]),
    );
    expect(problems).toEqual([
      {
        severity: 'error',
        code: 'TRANSFORM_INVALID',
        file: 'transformations/map.json',
        path: '$.loop',
        message: 'target field "(transformation loop)": source path "orders..lines" has an empty segment',
      },
      {
        severity: 'error',
        code: 'TRANSFORM_INVALID',
        file: 'transformations/map.json',
        path: '$.fields[1].loop',
        message: 'target field "customer": source path "../items." has an empty segment',
      },
      {
        severity: 'error',
        code: 'TRANSFORM_INVALID',
        file: 'transformations/map.json',
        path: '$.fields[1].fields[2].from',
        message: 'target field "customer.bad": source path "a..b" has an empty segment',
      },
    ]);
  });

  it('reports formulas that do not compile, with the line:column inside the formula', () => {
    const problems = validateProject(
      project([
        {
          id: 'map',
          name: 'Map',
          fields: [
            { name: 'ok', formula: '<trans>ToUpper(root$name)</trans>' },
            { name: 'o', fields: [{ name: 'f', formula: '<trans>\n  Upper(x)</trans>' }] },
            { name: 'g', formula: '<trans>1 +</trans>' },
          ],
        },
      ]),
    );
    expect(problems.map((p) => [p.code, p.path, p.message.split(':').slice(0, 3).join(':')])).toEqual([
      ['SCRIPT_UNKNOWN_FUNCTION', '$.fields[1].fields[0].formula', 'formula of "o.f": 2:3'],
      ['SCRIPT_SYNTAX', '$.fields[2].formula', 'formula of "g": 1:11'],
    ]);
  });
});

describe('validateProject, operation chains', () => {
  it('reports a loop of on-success / on-failure actions at the action that starts it', () => {
    const p = project([]);
    p.operations = [
      { id: 'a', name: 'A', steps: [{ kind: 'script', script: 's' }], onSuccess: ['x'], onFailure: ['b'] },
      { id: 'b', name: 'B', steps: [{ kind: 'script', script: 's' }], onSuccess: ['a'] },
      { id: 'x', name: 'X', steps: [{ kind: 'script', script: 's' }] },
    ];
    p.scripts = [{ id: 's', name: 'S', language: 'chorus', source: '<trans></trans>' }];
    expect(validateProject(p)).toEqual([
      { severity: 'error', code: 'RUN_CYCLE', file: 'operations/a.json', path: '$.onFailure[0]', message: 'operations call each other in a loop: a -> b -> a' },
    ]);
  });
});

describe('validateProject, paths that climb', () => {
  it('accepts ../ inside as many loops, and reports a path climbing above the record', () => {
    const problems = validateProject(
      project([
        {
          id: 'ok',
          name: 'OK',
          loop: 'orders',
          fields: [
            { name: 'batch', from: '../batch' },
            { name: 'lines', loop: 'items', fields: [{ name: 'order', from: '../id' }, { name: 'batch', from: '../../batch' }, { name: 'root', from: '/batch' }] },
          ],
        },
        { id: 'bad', name: 'Bad', fields: [{ name: 'x', from: '../id' }, { name: 'l', loop: 'items', fields: [{ name: 'y', from: '../../id' }] }] },
      ]),
    );
    expect(problems.map((p) => [p.file, p.path, p.code])).toEqual([
      ['transformations/bad.json', '$.fields[0].from', 'TRANSFORM_INVALID'],
      ['transformations/bad.json', '$.fields[1].fields[0].from', 'TRANSFORM_INVALID'],
    ]);
    expect(problems[0].message).toBe('target field "x": source path "../id" climbs 1 level up, but it is inside no loop');
  });
});

describe('validateProject, tests', () => {
  const withTests = (tests: Project['tests']) => {
    const p = project([{ id: 'map', name: 'Map', fields: [{ name: 'a', from: 'a' }] }]);
    p.endpoints = [{ id: 'files', name: 'Files', kind: 'temp' }];
    p.activities = [
      { id: 'read', name: 'Read', type: 'read', endpoint: 'files', format: { type: 'csv' } },
      { id: 'write', name: 'Write', type: 'write', endpoint: 'files', format: { type: 'csv' } },
    ];
    p.operations = [{ id: 'op', name: 'Op', steps: [{ kind: 'read', activity: 'read' }, { kind: 'write', activity: 'write' }] }];
    p.tests = tests;
    return validateProject(p).map((problem) => `${problem.file}: ${problem.path}: ${problem.message} [${problem.code}]`);
  };

  it('accepts operation and transformation tests that refer to what exists', () => {
    expect(
      withTests([
        { id: 'a', name: 'A', operation: 'op', inputs: { read: { records: [] } }, endpoints: { files: { file: 'tests/fixtures/x.csv' } }, expect: { outputs: { write: { file: 'tests/fixtures/y.csv' } }, steps: { read: { recordsOut: 1 } } } },
        { id: 'b', name: 'B', transformation: 'map', input: { file: 'tests/fixtures/x.csv', format: { type: 'csv' } }, expect: { output: { records: [] } } },
      ]),
    ).toEqual([]);
  });

  it('reports a missing subject, wrong activities, missing steps and fixtures that are neither file nor records', () => {
    expect(
      withTests([
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B', operation: 'op', inputs: { write: { records: [] }, nope: { records: [] } }, endpoints: { gone: { records: [] } }, expect: { outputs: { read: { file: 'tests/fixtures/y.csv', records: [] } }, steps: { map: {} } } },
        { id: 'c', name: 'C', transformation: 'map', input: { file: 'tests/fixtures/x.csv' }, inputs: { read: { records: [] } } },
      ]),
    ).toEqual([
      'tests/a.json: $: a test names either an operation or a transformation [PROJECT_INVALID]',
      'tests/b.json: $.inputs.write: activity "write" is a write activity, not a read activity [PROJECT_INVALID]',
      'tests/b.json: $.inputs.nope: activity "nope" does not exist [PROJECT_REFERENCE_MISSING]',
      'tests/b.json: $.endpoints.gone: endpoint "gone" does not exist [PROJECT_REFERENCE_MISSING]',
      'tests/b.json: $.expect.outputs.read: activity "read" is a read activity, not a write activity [PROJECT_INVALID]',
      'tests/b.json: $.expect.outputs.read: give either "file" or "records" [PROJECT_INVALID]',
      'tests/b.json: $.expect.steps.map: operation "op" has no step using "map" [PROJECT_REFERENCE_MISSING]',
      'tests/c.json: $.inputs: only operation tests use this field [PROJECT_INVALID]',
      'tests/c.json: $.input.format: a file here needs a "format" (no activity gives one) [PROJECT_INVALID]',
    ]);
  });

  it('keeps fixture files inside tests/fixtures/', () => {
    expect(testCaseSchema.safeParse({ id: 'a', name: 'A', operation: 'op', inputs: { read: { file: 'tests/fixtures/../../secret.csv' } } }).success).toBe(false);
    expect(testCaseSchema.safeParse({ id: 'a', name: 'A', operation: 'op', inputs: { read: { file: '/etc/passwd' } } }).success).toBe(false);
  });
});
