/**
 * Input schemas (zod) of the API's bodies and parameters; the criterion kinds bring their own (kinds/).
 * Each is built on first use (z.lazy): a function builds the schemas of the routes it serves, not every
 * schema of the platform at every cold start.
 */
import * as z from 'zod/mini';
import { criterionSchema } from './kinds/index.js';
import { LEVELS, RELATIONS, ROLES, SUBMISSION_STATUSES, UNIT_KINDS } from './types.js';
import { id, instant, isoDate, note, text, year } from './validation.js';

export const evidenceSchema = z.lazy(() =>
  z.strictObject({
    title: text(500),
    documentNumber: note(100),
    issuedOn: z.optional(isoDate()),
    url: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2000))),
  }),
);

export const submissionBodySchema = z.lazy(() =>
  z.strictObject({
    /** Optional: the platform's default campaign when absent. */
    campaignId: z.optional(id()),
    unitId: id(),
    year: year(),
    criterionId: id(),
    value: z.record(z.string(), z.unknown()),
    evidence: z.array(evidenceSchema).check(z.minLength(1), z.maxLength(20)),
  }),
);
export type SubmissionBody = z.output<typeof submissionBodySchema>;

export const decisionBodySchema = z.lazy(() =>
  z.strictObject({
    decision: z.enum(['approved', 'returned', 'rejected']),
    comment: note(2000),
    expectedVersion: z.int().check(z.minimum(1)),
    correctedValue: z.optional(z.record(z.string(), z.unknown())),
    points: z.optional(z.number().check(z.minimum(0), z.maximum(1000), z.multipleOf(0.01))),
  }),
);
export type DecisionBody = z.output<typeof decisionBodySchema>;

export const predecessorSchema = z.lazy(() =>
  z.strictObject({
    unitId: id(),
    relation: z.enum(RELATIONS),
    weight: z.optional(z.nullable(z.number().check(z.minimum(0), z.maximum(1)))),
  }),
);
/** A unit as an admin sends it; fields left out keep their stored value (or their default for a new unit). */
export const unitBodySchema = z.lazy(() =>
  z.strictObject({
    name: text(200),
    level: z.enum(LEVELS),
    parentId: z.optional(z.nullable(id())),
    cluster: z.optional(z.nullable(id())),
    code: z.optional(
      z.nullable(
        z
          .string()
          .check(
            z.trim(),
            z.regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,31}$/, 'chỉ gồm chữ, số, dấu chấm, gạch ngang (tối đa 32 ký tự)'),
          ),
      ),
    ),
    kind: z.optional(z.enum(UNIT_KINDS)),
    validFrom: z.optional(isoDate()),
    validTo: z.optional(z.nullable(isoDate())),
    predecessors: z.optional(z.array(predecessorSchema).check(z.maxLength(50))),
  }),
);

export const calendarSchema = z.lazy(() =>
  z.strictObject({
    submissionOpensAt: instant(),
    submissionClosesAt: instant(),
    reviewClosesAt: instant(),
    yearEndRunAt: instant(),
  }),
);
export const awardsSchema = z.lazy(() =>
  z.strictObject({
    /** Cờ thi đua: how many leading units of each cluster/block (that met all targets). */
    flagPerGroup: z.int().check(z.minimum(0), z.maximum(10)),
    /** Bằng khen: share of each cluster/block (rounded down) after the flag holders. */
    meritShare: z.number().check(z.minimum(0), z.maximum(1)),
  }),
);

export const campaignYearBodySchema = z.lazy(() =>
  z.strictObject({
    criteria: z.array(criterionSchema).check(
      z.minLength(1),
      z.maxLength(100),
      z.refine((cs) => new Set(cs.map((c) => c.criterionId)).size === cs.length, 'có mã tiêu chí bị trùng'),
    ),
    calendar: z.optional(calendarSchema),
    awards: z.optional(awardsSchema),
    /** The day whose units are the year's units (default 31/12 of the year). */
    cutOff: z.optional(isoDate()),
  }),
);

export const reopenSchema = z.lazy(() =>
  z.strictObject({ until: instant(), reason: text(1000), campaignId: z.optional(id()) }),
);

export const roleSchema = z.enum(ROLES);
export const statusSchema = z.enum(SUBMISSION_STATUSES);
export const yearParam = z.lazy(() => z.pipe(z.coerce.number(), year()));
export const levelParam = z.enum(LEVELS);
