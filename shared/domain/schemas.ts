/** Input schemas (zod) of the API's bodies and parameters; the criterion kinds bring their own (kinds/). */
import { z } from 'zod';
import { criterionSchema } from './kinds/index.js';
import { LEVELS, ROLES, SUBMISSION_STATUSES } from './types.js';
import { id, instant, isoDate, text, year } from './validation.js';

export const evidenceSchema = z.strictObject({
  title: text(500),
  documentNumber: z.string().trim().max(100).optional(),
  issuedOn: isoDate.optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});

export const submissionBodySchema = z.strictObject({
  /** Optional: the platform's default campaign when absent. */
  campaignId: id.optional(),
  unitId: id,
  year,
  criterionId: id,
  value: z.record(z.string(), z.unknown()),
  evidence: z.array(evidenceSchema).min(1).max(20),
});
export type SubmissionBody = z.output<typeof submissionBodySchema>;

export const decisionBodySchema = z.strictObject({
  decision: z.enum(['approved', 'returned', 'rejected']),
  comment: z.string().trim().max(2000).optional(),
  expectedVersion: z.number().int().min(1),
  correctedValue: z.record(z.string(), z.unknown()).optional(),
  points: z.number().min(0).multipleOf(0.01).optional(),
});
export type DecisionBody = z.output<typeof decisionBodySchema>;

export const unitBodySchema = z.strictObject({
  name: text(200),
  level: z.enum(LEVELS),
  parentId: id.nullable().optional(),
  cluster: id.nullable().optional(),
});

export const calendarSchema = z.strictObject({
  submissionOpensAt: instant,
  submissionClosesAt: instant,
  reviewClosesAt: instant,
  yearEndRunAt: instant,
});
export const awardsSchema = z.strictObject({
  /** Cờ thi đua: how many leading units of each cluster/block (that met all targets). */
  flagPerGroup: z.number().int().min(0).max(10),
  /** Bằng khen: share of each cluster/block (rounded down) after the flag holders. */
  meritShare: z.number().min(0).max(1),
});

export const campaignYearBodySchema = z.strictObject({
  criteria: z
    .array(criterionSchema)
    .min(1)
    .max(100)
    .refine((cs) => new Set(cs.map((c) => c.criterionId)).size === cs.length, 'có mã tiêu chí bị trùng'),
  calendar: calendarSchema.optional(),
  awards: awardsSchema.optional(),
});

export const reopenSchema = z.strictObject({ until: instant, reason: text(1000), campaignId: id.optional() });

export const roleSchema = z.enum(ROLES);
export const statusSchema = z.enum(SUBMISSION_STATUSES);
export const yearParam = z.coerce.number().int().min(2000).max(2100);
export const levelParam = z.enum(LEVELS);
