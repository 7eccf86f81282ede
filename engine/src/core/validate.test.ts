import { describe, expect, it } from 'vitest';
import { manifestSchema } from './model/manifest.ts';
import { emptyProject } from './model/project.ts';
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

  it('warns of each formula: this version cannot run it', () => {
    const problems = validateProject(
      project([{ id: 'map', name: 'Map', fields: [{ name: 'a', const: 1 }, { name: 'o', fields: [{ name: 'f', formula: 'Upper(x)' }] }] }]),
    );
    expect(problems).toEqual([
      {
        severity: 'warning',
        code: 'FORMULA_UNAVAILABLE',
        file: 'transformations/map.json',
        path: '$.fields[1].fields[0].formula',
        message: 'formulas need the script language, which this version does not have yet; a run of this transformation fails',
      },
    ]);
  });
});
