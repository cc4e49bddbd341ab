/** Answers of the catalogue: units, campaigns and their years, clusters, tasks, units' clients, sheet imports. */
import * as z from 'zod/mini';
import { criterionSchema } from '../kinds/index.js';
import { awardsSchema, campaignBodySchema, taskSchema } from '../schemas.js';
import { CLIENT_SCOPES, RELATIONS, UNIT_KINDS } from '../types.js';
import {
  dateText,
  instantText,
  levelLabelSchema,
  levelSchema,
  listOf,
  localText,
  sha256Text,
  unlazy,
} from './common.js';

const unitFields = {
  unitId: z.string(),
  name: z.string(),
  level: levelSchema,
  parentId: z.nullable(z.string()),
  cluster: z.nullable(z.string()),
  code: z.nullable(z.string()),
  kind: z.enum(UNIT_KINDS),
  kindLabel: z.string(),
  validFrom: dateText(),
  validTo: z.nullable(dateText()),
  contactEmail: z.optional(z.nullable(z.string())),
};
const predecessorSchema = z.object({
  unitId: z.string(),
  relation: z.enum(RELATIONS),
  weight: z.nullable(z.number()),
});

/** A unit as stored (PUT answers it). */
export const savedUnitAnswer = z.object({
  ...unitFields,
  kindLabel: z.optional(z.string()),
  predecessors: z.array(predecessorSchema),
});

/** A unit of a year's list, with its role in its cluster (trưởng, phó cụm) if any. */
export const unitsAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  cutOff: dateText(),
  items: z.array(
    z.object({
      ...unitFields,
      predecessors: z.array(predecessorSchema),
      clusterRole: z.nullable(z.enum(['head', 'deputy'])),
    }),
  ),
});

/** A unit with the units it was formed from and those formed from it, each named, with its share. */
export const unitAnswer = z.object({
  ...unitFields,
  predecessors: z.array(
    z.object({
      unitId: z.string(),
      relation: z.enum(RELATIONS),
      weight: z.nullable(z.number()),
      name: z.string(),
      relationLabel: z.string(),
      share: z.number(),
    }),
  ),
  successors: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      relation: z.enum(RELATIONS),
      relationLabel: z.string(),
      share: z.number(),
    }),
  ),
});

/** A campaign (phong trào): its document, calendar template, award rules. */
export const campaignAnswer = z.safeExtend(unlazy(campaignBodySchema), { campaignId: z.string() });
export const campaignsAnswer = listOf(campaignAnswer);

export const taskCatalogueAnswer = z.object({
  campaignId: z.string(),
  catalogue: z.string(),
  tasks: z.array(unlazy(taskSchema)),
});

/** A unit's tasks of the year, each with the criterion it is reported under and its due date. */
export const unitTasksAnswer = listOf(z.extend(unlazy(taskSchema), { criterionId: z.string(), dueOn: dateText() }));

/** A stage of the bình xét round, in the year's calendar. */
const stageSchema = z.object({
  stage: z.string(),
  label: z.string(),
  opensAt: z.nullable(instantText()),
  closesAt: z.nullable(instantText()),
  opensLocal: z.nullable(localText()),
  closesLocal: z.nullable(localText()),
  open: z.optional(z.boolean()),
  ended: z.optional(z.boolean()),
  reopenedUntilLocal: z.optional(z.nullable(localText())),
});

/** A year's calendar: each instant in UTC and as read in the campaign's time zone, and the round's stages. */
export const calendarAnswer = z.object({
  submissionOpensAt: instantText(),
  submissionClosesAt: instantText(),
  reviewClosesAt: instantText(),
  yearEndRunAt: instantText(),
  crossCheckClosesAt: z.optional(instantText()),
  objectionsOpenAt: z.optional(instantText()),
  objectionsCloseAt: z.optional(instantText()),
  meetingsOpenAt: z.optional(instantText()),
  meetingsCloseAt: z.optional(instantText()),
  submissionOpensLocal: localText(),
  submissionClosesLocal: localText(),
  reviewClosesLocal: localText(),
  yearEndRunLocal: localText(),
  stages: z.array(stageSchema),
  timeZone: z.string(),
});

/** A campaign's year as saved: criteria, calendar, award rules. */
export const savedCampaignYearAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  criteria: z.array(criterionSchema),
  calendar: calendarAnswer,
  awards: awardsSchema,
  cutOff: z.optional(dateText()),
});

/** A campaign's year as read: the saved year, its levels' names; `reported`: reports exist, so criteria are fixed. */
export const campaignYearAnswer = z.extend(savedCampaignYearAnswer, {
  revision: z.int(),
  reported: z.optional(z.boolean()),
  levels: z.array(levelLabelSchema),
  nextYearOpened: z.optional(z.boolean()),
});

/** The criteria a unit reports on, each with its kind's name and its target as people read it. */
export const criteriaAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  submissionOpen: z.boolean(),
  daysLeft: z.int(),
  currentYear: z.int(),
  board: z.string(),
  calendar: calendarAnswer,
  levels: z.array(levelLabelSchema),
  items: z.array(
    z.looseObject({
      criterionId: z.string(),
      title: z.string(),
      kind: z.string(),
      kindLabel: z.string(),
      maxPoints: z.number(),
      levels: z.array(levelSchema),
      source: z.nullable(z.string()),
      target: z.nullable(z.number()),
      targetByLevel: z.record(z.string(), z.nullable(z.number())),
      targetText: z.nullable(z.string()),
    }),
  ),
});

export const clusterSchema = z.object({
  clusterId: z.string(),
  name: z.string(),
  head: z.string(),
  deputy: z.nullable(z.string()),
  members: z.array(z.string()),
});

/** A year's clusters (cụm, khối thi đua); `source`: the year's own, or the campaign's defaults. */
export const clustersAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  source: z.string(),
  clusters: z.array(clusterSchema),
});

/** The next year opened from this one. */
export const openedYearAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  from: z.int(),
  rotateHeads: z.boolean(),
  criteria: z.int(),
  calendar: calendarAnswer,
  clusters: z.array(clusterSchema),
});

/** A unit's reporting reopened after the deadline. */
export const unitReopeningAnswer = z.object({
  campaignId: z.string(),
  unitId: z.string(),
  year: z.int(),
  until: instantText(),
  untilLocal: localText(),
  reason: z.string(),
});

/** A unit's IT system (ứng dụng kết nối); its secret is never stored, so never shown again. */
export const clientAnswer = z.object({
  clientId: z.string(),
  unitId: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(CLIENT_SCOPES)),
  createdAt: instantText(),
  createdBy: z.string(),
  revokedAt: z.nullable(instantText()),
  revokedBy: z.nullable(z.string()),
});
export const clientsAnswer = listOf(clientAnswer);
/** A client just registered: its secret, shown this once, and where it gets its tokens. */
export const registeredClientAnswer = z.extend(clientAnswer, {
  clientSecret: z.string(),
  tokenUrl: z.nullable(z.string()),
  tokenMinutes: z.int(),
});

/** What a sheet import did (or, on a dry run, would do), row by row. */
export const importAnswer = z.object({
  dryRun: z.boolean(),
  fileSha256: sha256Text(),
  rows: z.int(),
  campaignId: z.optional(z.string()),
  year: z.optional(z.int()),
  created: z.optional(z.int()),
  updated: z.optional(z.int()),
  unchanged: z.optional(z.union([z.int(), z.boolean()])),
  items: z.optional(
    z.array(
      z.object({
        row: z.int(),
        unitId: z.string(),
        action: z.string(),
        criterionId: z.optional(z.string()),
        year: z.optional(z.int()),
        submissionId: z.optional(z.nullable(z.string())),
      }),
    ),
  ),
  clusters: z.optional(z.array(clusterSchema)),
});

/** A large import, done as a job: where it stands and, once done, its answer (or its refusal). */
export const importJobAnswer = z.object({
  importId: z.string(),
  kind: z.enum(['units', 'clusters', 'figures']),
  campaignId: z.nullable(z.string()),
  year: z.nullable(z.int()),
  dryRun: z.boolean(),
  fileSha256: sha256Text(),
  rows: z.int(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  statusLabel: z.string(),
  createdAt: instantText(),
  finishedAt: z.nullable(instantText()),
  answerStatus: z.nullable(z.int()),
  statusUrl: z.string(),
  answer: z.optional(z.union([importAnswer, z.object({ error: z.unknown() })])),
});
