import { z } from 'zod';
import { componentBase } from './common.ts';

export const scriptLanguages = ['chorus', 'javascript'] as const;
export type ScriptLanguage = (typeof scriptLanguages)[number];

/** File extension of a script's text file, beside its JSON file. */
export const scriptExtension: Record<ScriptLanguage, string> = { chorus: '.chs', javascript: '.js' };

/** The JSON part of a script; its text lives in `scripts/<id><extension>`. */
export const scriptMetaSchema = z.strictObject({
  ...componentBase,
  language: z.enum(scriptLanguages),
});

/** A script in memory: its JSON part plus its text. */
export type Script = z.output<typeof scriptMetaSchema> & { source: string };
export type ScriptDoc = z.input<typeof scriptMetaSchema> & { source: string };
