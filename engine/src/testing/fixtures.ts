import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ChorusError, errnoOf } from '../core/errors.ts';
import type { Fixture } from '../core/model/test-case.ts';
import type { Replacement } from '../runtime/overrides.ts';
import { recordsOf } from './documents.ts';

/** A fixture or golden file, by its project-relative path (validation keeps it under `tests/fixtures/`). */
export async function readFixtureFile(projectDir: string, file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path.join(projectDir, ...file.split('/')));
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return undefined;
    throw new ChorusError('SOURCE_UNREADABLE', `${file} cannot be read (${errnoOf(err) ?? String(err)})`, { file }, false, { cause: err });
  }
}

/**
 * What a read step gets instead of its sources: a file's bytes (parsed with the activity's
 * format, as the real source would be), or records, inline or parsed with the fixture's own format.
 */
export async function replacementOf(projectDir: string, fixture: Fixture): Promise<Replacement> {
  if (fixture.records) return { name: 'inline records', records: fixture.records };
  const file = fixture.file!;
  const bytes = await readFixtureFile(projectDir, file);
  if (!bytes) throw new ChorusError('SOURCE_NOT_FOUND', `fixture ${file} does not exist`);
  return fixture.format ? { name: file, records: await recordsOf(bytes, fixture.format, file) } : { name: file, bytes };
}
