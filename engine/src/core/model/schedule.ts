import { z } from 'zod';
import { componentBase, idSchema } from './common.ts';

const cronField = String.raw`[0-9*/,\-?LW#A-Za-z]+`;

/** Runs an operation on a cron rule where an agent runs the project. */
export const scheduleSchema = z.strictObject({
  ...componentBase,
  operation: idSchema,
  /** Five fields (minute hour day month weekday), or six with seconds first. */
  cron: z.string().regex(new RegExp(`^\\s*${cronField}(\\s+${cronField}){4,5}\\s*$`), 'must be a cron rule of 5 or 6 fields, e.g. "0 6 * * 1-5"'),
  /** IANA time zone, e.g. Europe/Paris. */
  timezone: z.string().min(1).default('UTC'),
  enabled: z.boolean().default(true),
});
export type Schedule = z.output<typeof scheduleSchema>;
export type ScheduleDoc = z.input<typeof scheduleSchema>;
