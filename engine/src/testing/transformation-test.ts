import type { FormatDoc } from '../core/model/format.ts';
import type { Project } from '../core/model/project.ts';
import type { TestCase } from '../core/model/test-case.ts';

/** Ids of the components a transformation test runs through; chosen so they do not look like a designer's. */
const IDS = { endpoint: 'chorus-test-io', read: 'chorus-test-input', write: 'chorus-test-output', operation: 'chorus-test-transformation' };
/** Records travel as JSON Lines unless a file says otherwise: values keep their types. */
const RECORDS: FormatDoc = { type: 'json', mode: 'lines' };

/**
 * A transformation test becomes an operation test on a copy of the project with one more
 * operation: read the input -> the transformation -> write. Formulas, globals, error codes
 * and record counts then behave exactly as in an operation.
 */
export function asOperationTest(project: Project, test: TestCase): { project: Project; test: TestCase } {
  const transformation = test.transformation!;
  const name = project.transformations.find((t) => t.id === transformation)?.name ?? transformation;
  const expected = test.expect.output;
  const withOperation: Project = {
    ...project,
    endpoints: [...project.endpoints, { id: IDS.endpoint, name: 'Test data', kind: 'variable', settings: { variable: 'chorus.test.output' } }],
    activities: [
      ...project.activities,
      { id: IDS.read, name: 'Test input', type: 'read', endpoint: IDS.endpoint, format: test.input?.format ?? RECORDS },
      { id: IDS.write, name: 'Test output', type: 'write', endpoint: IDS.endpoint, format: expected?.file !== undefined && expected.format ? expected.format : RECORDS },
    ],
    operations: [
      ...project.operations,
      {
        id: IDS.operation,
        name: `Transformation ${name}`,
        steps: [
          { kind: 'read', activity: IDS.read },
          { kind: 'transform', transformation },
          { kind: 'write', activity: IDS.write },
        ],
      },
    ],
  };
  return {
    project: withOperation,
    test: {
      ...test,
      operation: IDS.operation,
      transformation: undefined,
      inputs: test.input ? { [IDS.read]: { ...test.input, format: undefined } } : {},
      expect: { ...test.expect, outputs: expected ? { [IDS.write]: expected } : {}, output: undefined },
    },
  };
}
