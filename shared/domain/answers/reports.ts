/** Answers about units' reports (báo cáo số liệu): a report, its versions, last year's figure, objections. */
import * as z from 'zod/mini';
import { DECISION_CAPACITIES, LEVELS, ROLES, SUBMISSION_STATUSES } from '../types.js';
import { dateText, historyEntrySchema, instantText, localText, pageOf, sha256Text } from './common.js';

/** A reported value, tagged with its criterion's kind (each kind has its own fields: kinds/). */
export const figureValueAnswer = z.looseObject({ kind: z.string() });

/** Evidence as stored: what the unit cited, with the SHA-256 of an uploaded file. */
export const evidenceAnswer = z.object({
  title: z.string(),
  documentNumber: z.optional(z.string()),
  issuedOn: z.optional(dateText()),
  url: z.optional(z.string()),
  fileId: z.optional(z.string()),
  sha256: z.optional(sha256Text()),
});

const decisionFields = {
  decision: z.enum(['approved', 'returned', 'rejected']),
  comment: z.nullable(z.string()),
  correctedValue: z.nullable(figureValueAnswer),
  points: z.nullable(z.number()),
};

/** A report as the API shows it (its audit trail is served by …/history). */
export const submissionAnswer = z.object({
  submissionId: z.string(),
  campaignId: z.string(),
  unitId: z.string(),
  year: z.int(),
  criterionId: z.string(),
  value: figureValueAnswer,
  evidence: z.array(evidenceAnswer),
  signedEvidence: z.optional(z.array(sha256Text())),
  source: z.optional(z.object({ kind: z.literal('import'), fileSha256: sha256Text(), row: z.int() })),
  status: z.enum(SUBMISSION_STATUSES),
  version: z.int(),
  submittedAt: instantText(),
  submittedAtLocal: localText(),
  submittedBy: z.string(),
  submittedByName: z.optional(z.string()),
  recommendation: z.nullable(
    z.object({
      ...decisionFields,
      recommendedBy: z.string(),
      recommendedByName: z.optional(z.string()),
      recommendedAt: instantText(),
      recommendedAtLocal: localText(),
      capacity: z.enum(['cluster-head', 'cluster-deputy']),
      unitId: z.string(),
    }),
  ),
  review: z.nullable(
    z.object({
      ...decisionFields,
      decidedBy: z.string(),
      decidedByName: z.optional(z.string()),
      decidedAt: instantText(),
      decidedAtLocal: localText(),
      capacity: z.optional(z.enum(DECISION_CAPACITIES)),
      deciderUnitId: z.optional(z.string()),
      recommendation: z.optional(z.enum(['confirmed', 'overridden'])),
    }),
  ),
  unitName: z.string(),
  unitLevel: z.enum(LEVELS),
  unitCluster: z.nullable(z.string()),
});
export const submissionsAnswer = pageOf(submissionAnswer);

/** The versions of a report, each a line of its history. */
export const submissionHistoryAnswer = pageOf(
  z.extend(historyEntrySchema, { submissionId: z.string(), version: z.int(), role: z.enum(ROLES) }),
);

/** Last year's figure of the same slot: the unit's own, or its predecessors' and their combination. */
export const previousYearAnswer = z.object({
  year: z.int(),
  submissionId: z.string(),
  criterionId: z.string(),
  hasYear: z.boolean(),
  own: z.nullable(z.object({ value: figureValueAnswer, status: z.enum(SUBMISSION_STATUSES) })),
  predecessors: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      relation: z.string(),
      share: z.number(),
      figure: z.nullable(z.object({ value: figureValueAnswer, status: z.enum(SUBMISSION_STATUSES) })),
    }),
  ),
  combined: z.nullable(z.object({ rule: z.string(), kind: z.string(), value: z.number(), of: z.int() })),
});

/** A unit's objection (kiến nghị) to its provisional result on one criterion, and the board's answer. */
export const objectionAnswer = z.object({
  objectionId: z.string(),
  campaignId: z.string(),
  year: z.int(),
  unitId: z.string(),
  criterionId: z.string(),
  reason: z.string(),
  evidence: z.array(evidenceAnswer),
  status: z.enum(['open', 'accepted', 'rejected']),
  filedAt: instantText(),
  filedAtLocal: localText(),
  filedBy: z.string(),
  filedByName: z.optional(z.string()),
  answer: z.nullable(
    z.object({
      decision: z.enum(['accepted', 'rejected']),
      comment: z.optional(z.string()),
      answeredAt: instantText(),
      answeredBy: z.string(),
      answeredByName: z.optional(z.string()),
    }),
  ),
  answeredAtLocal: z.nullable(localText()),
  reopenedUntil: z.optional(z.nullable(instantText())),
});
export const objectionsAnswer = pageOf(objectionAnswer);
