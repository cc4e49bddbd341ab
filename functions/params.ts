/** Query and path parameters, validated with zod and named in errors as the client sent them (built on first use). */
import * as z from 'zod/mini';
import { levelParam, stageParam, statusSchema, yearParam } from '../shared/domain/schemas.js';
import { parseOrThrow } from '../shared/domain/validation.js';

/** An empty query value counts as absent (`?level=` from a form with nothing chosen). */
const optional = <T extends z.ZodMiniType>(s: T) =>
  z.pipe(
    z.transform((v: unknown) => (v === '' ? undefined : v)),
    z.optional(s),
  );
const short = (max: number) => z.string().check(z.maxLength(max));

export const yearPath = (path: Record<string, string>) => parseOrThrow(z.object({ year: yearParam }), path).year;
/** A run's id (a UUID, or the seed's `seed-<year>`). */
export const runIdPath = (path: Record<string, string>) =>
  parseOrThrow(z.object({ runId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'không phải mã lượt chạy')) }), path)
    .runId;

const limit = () => optional(z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(200))));
const nextToken = () => optional(short(2000));

/** A page of a history: `limit` (default 50) and the `nextToken` of the page before. */
export const pageQuery = /* @__PURE__ */ z.lazy(() =>
  z.pipe(
    z.object({ limit: limit(), nextToken: nextToken() }),
    z.transform((q) => ({ limit: q.limit ?? 50, nextToken: q.nextToken })),
  ),
);

export const listQuery = /* @__PURE__ */ z.lazy(() =>
  z.object({
    unitId: optional(short(64)),
    year: optional(yearParam),
    status: optional(statusSchema),
    level: optional(levelParam),
    cluster: optional(short(64)),
    criterionId: optional(short(64)),
    campaignId: optional(short(64)),
    limit: limit(),
    nextToken: nextToken(),
  }),
);
export const unitsQuery = /* @__PURE__ */ z.lazy(() =>
  z.object({
    year: optional(yearParam),
    campaignId: optional(short(64)),
    level: optional(levelParam),
    cluster: optional(short(64)),
  }),
);
/** `?dryRun=true` checks a file and stores nothing. */
export const importQuery = /* @__PURE__ */ z.lazy(() =>
  z.object({
    dryRun: optional(z.enum(['true', 'false'])),
    campaignId: optional(short(64)),
    year: optional(yearParam),
  }),
);
export const resultsQuery = /* @__PURE__ */ z.lazy(() =>
  z.object({ from: optional(yearParam), to: optional(yearParam), campaignId: optional(short(64)) }),
);
export const criteriaQuery = /* @__PURE__ */ z.lazy(() =>
  z.object({
    year: optional(yearParam),
    level: optional(levelParam),
    campaignId: optional(short(64)),
  }),
);
export const campaignQuery = /* @__PURE__ */ z.lazy(() => z.object({ campaignId: optional(short(64)) }));
export const rankingQuery = /* @__PURE__ */ z.lazy(() =>
  z.object({
    level: optional(levelParam),
    cluster: optional(short(64)),
    campaignId: optional(short(64)),
  }),
);
export const reportQuery = /* @__PURE__ */ z.lazy(() =>
  z.object({
    format: optional(z.enum(['json', 'csv', 'xlsx'])),
    campaignId: optional(short(64)),
    /** `true`: with the criteria's and units' codes (for systems that join on them). */
    codes: optional(z.enum(['true', 'false'])),
    /** CSV only: `;` for Excel in Vietnamese regional settings, where `,` is the decimal mark. */
    separator: optional(z.enum([',', ';'])),
  }),
);

export { parseOrThrow };
/** A mailbox (Hộp thư): a unit's own by default; staff name a unit, or see the reviewers' mailbox of a campaign. */
export const messagesQuery = /* @__PURE__ */ z.lazy(() =>
  z.pipe(
    z.object({ unitId: optional(short(64)), campaignId: optional(short(64)), limit: limit(), nextToken: nextToken() }),
    z.transform((q) => ({ ...q, limit: q.limit ?? 50 })),
  ),
);
/** A unit's files: a unit's own by default; staff name the unit. */
export const filesQuery = /* @__PURE__ */ z.lazy(() =>
  z.object({ unitId: optional(short(64)), limit: limit(), nextToken: nextToken() }),
);
/** A year's objections: a unit's own by default; staff all, or one unit's. */
export const objectionsQuery = /* @__PURE__ */ z.lazy(() =>
  z.object({
    year: yearParam,
    unitId: optional(short(64)),
    campaignId: optional(short(64)),
    limit: limit(),
    nextToken: nextToken(),
  }),
);
export const stagePath = (path: Record<string, string>) =>
  parseOrThrow(z.object({ year: yearParam, stage: stageParam }), path);
/** A dossier for an award: Word (editable, the default) or PDF. */
export const dossierQuery = /* @__PURE__ */ z.lazy(() =>
  z.object({
    format: optional(z.enum(['docx', 'pdf'])),
    signed: optional(z.enum(['true', 'false'])),
    campaignId: optional(short(64)),
  }),
);
