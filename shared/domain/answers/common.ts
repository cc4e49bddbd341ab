/**
 * The shapes the API answers with, as zod schemas: /openapi.json carries them (io: 'output'), so an integrator's
 * generated client is typed, and the integration tests hold every real answer against them. Pieces shared by
 * several answers live here; each kind of answer has its module beside this one.
 */
import * as z from 'zod/mini';
import { LEVELS, ROLES } from '../types.js';

/** An instant in UTC (ISO 8601), as stored. */
export const instantText = () => z.string().check(z.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/));
/** The same instant as people read it: dd/mm/yyyy HH:mm:ss in the campaign's time zone. */
export const localText = () => z.string().check(z.regex(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/));
export const dateText = () => z.string().check(z.regex(/^\d{4}-\d\d-\d\d$/));
export const sha256Text = () => z.string().check(z.regex(/^[0-9a-f]{64}$/));
export const levelSchema = z.enum(LEVELS);

/** The schema a z.lazy builds (an answer extends an input schema with what the platform adds). */
export const unlazy = <T extends z.ZodMiniType>(s: z.ZodMiniLazy<T>): T => s._zod.def.getter();

/** A page of a list: `nextToken` (null on the last page) asks for the next one. */
export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextToken: z.nullable(z.string()) });

/** A list that is never paged. */
export const listOf = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item) });

/** One line of a history (nhật ký): who did what, when, the record before and after. */
export const historyEntrySchema = z.object({
  at: instantText(),
  atLocal: localText(),
  actor: z.string(),
  actorName: z.optional(z.string()),
  role: z.enum(ROLES),
  action: z.string(),
  before: z.optional(z.unknown()),
  after: z.optional(z.unknown()),
  comment: z.optional(z.string()),
});

/** The level's Vietnamese name beside its code. */
export const levelLabelSchema = z.object({ level: levelSchema, label: z.string() });

/** The changes of a unit, a campaign or a campaign year, page by page. */
export const historyAnswer = pageOf(historyEntrySchema);
