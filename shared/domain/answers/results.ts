/**
 * Answers of the year-end: runs, rankings, the report, a unit's results over the years and its live score, the
 * public scorecard, the clusters' votes (bình xét), finalization, revocations and tie decisions, the mailboxes.
 */
import * as z from 'zod/mini';
import { AWARDS } from '../awards.js';
import { ROUND_STAGES } from '../stages.js';
import { dateText, instantText, levelSchema, localText, pageOf, sha256Text } from './common.js';
import { figureValueAnswer } from './reports.js';

const awardSchema = z.enum(AWARDS);

/** A year-end run (lượt tổng hợp): where it stands, what it read and wrote, its scorecard bundle. */
export const runAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  runId: z.string(),
  trigger: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'discarded']),
  startedAt: instantText(),
  startedAtLocal: localText(),
  finishedAt: z.nullable(instantText()),
  finishedAtLocal: z.nullable(localText()),
  leaseUntil: z.nullable(instantText()),
  startedBy: z.string(),
  startedByName: z.optional(z.string()),
  finalizing: z.optional(z.boolean()),
  progress: z.optional(z.nullable(z.object({ step: z.string(), at: instantText() }))),
  progressLabel: z.nullable(z.string()),
  counts: z.nullable(
    z.object({
      units: z.int(),
      figures: z.int(),
      itemsRead: z.int(),
      itemsWritten: z.int(),
      rankingDigest: z.nullable(z.string()),
    }),
  ),
  error: z.nullable(z.string()),
  bundle: z.optional(z.nullable(z.object({ key: z.string(), sha256: sha256Text(), bytes: z.int() }))),
  statusUrl: z.string(),
});

/** The runs of a year, newest first, and the one whose results are the year's. */
export const runsAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  latest: z.nullable(runAnswer),
  publishedRunId: z.nullable(z.string()),
  runs: z.array(runAnswer),
});

/** A unit's place: points, ranks, the award proposed and why, or why none. */
const rankingEntryFields = {
  unitId: z.string(),
  name: z.string(),
  level: levelSchema,
  cluster: z.nullable(z.string()),
  totalPoints: z.number(),
  maxPoints: z.number(),
  metAllTargets: z.nullable(z.boolean()),
  approvedFigures: z.int(),
  levelRank: z.int(),
  clusterRank: z.nullable(z.int()),
  award: z.nullable(awardSchema),
  basis: z.nullable(z.looseObject({ decidedBy: z.string() })),
  tiedAtQuota: z.boolean(),
  tiedFor: z.nullable(awardSchema),
  eligibleFor: z.array(awardSchema),
  notProposed: z.array(z.string()),
  carriedFrom: z.optional(z.array(z.string())),
  index: z.optional(z.number()),
};

export const rankingsAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  status: z.enum(['provisional', 'final']),
  statusLabel: z.string(),
  items: z.array(
    z.object({
      ...rankingEntryFields,
      rank: z.int(),
      clusterName: z.nullable(z.string()),
      awardRevoked: z.nullable(z.object({ reason: z.string(), revokedAt: instantText(), revokedAtLocal: localText() })),
    }),
  ),
});

/** The year's report as data: its heading, a summary by level, and the tables the CSV and XLSX are made of. */
export const reportAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  status: z.enum(['provisional', 'final']),
  statusLabel: z.string(),
  heading: z.array(z.string()),
  dateline: z.string(),
  summary: z.array(
    z.object({
      level: levelSchema,
      levelName: z.string(),
      units: z.int(),
      metAllTargets: z.int(),
      criteria: z.array(z.looseObject({ criterionId: z.string(), title: z.string() })),
    }),
  ),
  tables: z.array(
    z.object({
      title: z.string(),
      headers: z.array(z.string()),
      formats: z.array(z.string()),
      rows: z.array(z.array(z.nullable(z.union([z.string(), z.number()])))),
    }),
  ),
});

/** A unit's score from its approved figures, criterion by criterion. */
export const scoreAnswer = z.object({
  unitId: z.string(),
  year: z.int(),
  totalPoints: z.number(),
  maxPoints: z.number(),
  metAllTargets: z.nullable(z.boolean()),
  approvedFigures: z.int(),
  missing: z.array(z.string()),
  criteria: z.array(
    z.looseObject({
      criterionId: z.string(),
      kind: z.string(),
      maxPoints: z.number(),
      points: z.number(),
      status: z.string(),
      value: z.nullable(figureValueAnswer),
    }),
  ),
});

/** A unit's results year by year, its predecessors' where it did not exist yet (kế thừa). */
export const unitResultsAnswer = z.object({
  campaignId: z.string(),
  unitId: z.string(),
  name: z.string(),
  lineageRule: z.string(),
  inheritAwards: z.boolean(),
  items: z.array(
    z.looseObject({
      year: z.int(),
      derived: z.boolean(),
      totalPoints: z.nullable(z.number()),
      maxPoints: z.nullable(z.number()),
      award: z.nullable(awardSchema),
      awardName: z.nullable(z.string()),
    }),
  ),
});

/** Where to download the verifiable scorecard (a ZIP) of the year's latest run, for five minutes. */
export const bundleLinkAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  runId: z.string(),
  finishedAt: instantText(),
  digest: z.string(),
  sha256: sha256Text(),
  bytes: z.int(),
  fileName: z.string(),
  url: z.string(),
  expiresAt: instantText(),
});

/** A unit's public scorecard: each point and the figure, decision and evidence it came from. */
export const scorecardAnswer = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  year: z.int(),
  runId: z.string(),
  finishedAt: instantText(),
  finishedAtLocal: localText(),
  digest: z.string(),
  bundleSha256: z.nullable(sha256Text()),
  status: z.enum(['provisional', 'final']),
  statusLabel: z.string(),
  unit: z.object({ unitId: z.string(), name: z.string(), level: levelSchema, cluster: z.nullable(z.string()) }),
  ranking: z.nullable(z.object(rankingEntryFields)),
  score: z.nullable(scoreAnswer),
  figures: z.array(
    z.looseObject({
      submissionId: z.string(),
      criterionId: z.string(),
      status: z.string(),
      value: figureValueAnswer,
      fileHashes: z.array(sha256Text()),
    }),
  ),
  /** For each cited file (by SHA-256): its signatures as people read them, or that it has none. */
  evidenceSignatures: z.record(z.string(), z.array(z.string())),
  predecessors: z.array(z.looseObject({ unitId: z.string() })),
});

/** A cluster's vote: turnout, quorum, and once the meetings stage ends the tally, the elected and the minutes. */
const minutesAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  clusterId: z.string(),
  heldOn: dateText(),
  place: z.string(),
  chair: z.string(),
  secretary: z.optional(z.string()),
  attendees: z.array(z.string()),
  notes: z.string(),
  recordedAt: instantText(),
  recordedAtLocal: z.optional(localText()),
  recordedBy: z.string(),
  recordedByName: z.optional(z.string()),
});
export const savedMinutesAnswer = minutesAnswer;

export const voteAnswer = z.object({
  clusterId: z.string(),
  name: z.string(),
  year: z.int(),
  head: z.string(),
  members: z.array(z.object({ unitId: z.string(), voted: z.boolean() })),
  eligible: z.array(
    z.object({ unitId: z.string(), name: z.string(), totalPoints: z.number(), clusterRank: z.nullable(z.int()) }),
  ),
  quota: z.int(),
  rules: z.object({ quorumShare: z.number(), electShare: z.number() }),
  meetings: z.object({
    opensAt: instantText(),
    closesAt: instantText(),
    opensLocal: localText(),
    closesLocal: localText(),
  }),
  closed: z.boolean(),
  turnout: z.int(),
  quorumNeeded: z.int(),
  quorumMet: z.boolean(),
  tally: z.nullable(z.array(z.object({ unitId: z.string(), votes: z.int() }))),
  elected: z.nullable(z.array(z.string())),
  youVoted: z.nullable(z.boolean()),
  minutes: z.nullable(minutesAnswer),
});

/** A ballot received: only that the unit voted, never its choices beside it. */
export const ballotAnswer = z.object({
  clusterId: z.string(),
  year: z.int(),
  votedAt: instantText(),
  votedAtLocal: localText(),
});

/** A stage of the round reopened until a time. */
export const stageReopeningAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  stage: z.enum(ROUND_STAGES),
  stageLabel: z.string(),
  until: instantText(),
  untilLocal: localText(),
  reason: z.string(),
});

/** Where a year's finalization (chốt kết quả) stands, and the run it waits for. */
export const finalizationAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  state: z.enum(['final', 'reopened']),
  finalizedAt: instantText(),
  finalizedAtLocal: localText(),
  finalizedBy: z.string(),
  finalizedByName: z.optional(z.string()),
  runId: z.nullable(z.string()),
  rankingDigest: z.nullable(z.string()),
  pendingRunId: z.nullable(z.string()),
  reopenedAt: z.nullable(instantText()),
  reopenReason: z.nullable(z.string()),
  status: z.enum(['provisional', 'final']),
  statusLabel: z.string(),
});
/** A finalization asked for: the final run it started (null when the year was final already: `unchanged`). */
export const finalizingAnswer = z.extend(finalizationAnswer, { run: z.nullable(runAnswer), unchanged: z.boolean() });

export const revocationAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  unitId: z.string(),
  award: awardSchema,
  reason: z.string(),
  revokedAt: instantText(),
  revokedAtLocal: localText(),
  revokedBy: z.string(),
  revokedByName: z.optional(z.string()),
});

/** The board's decision of a tie at an award's quota, and the run that applies it. */
export const tieDecisionAnswer = z.object({
  campaignId: z.string(),
  year: z.int(),
  group: z.string(),
  award: awardSchema,
  unitIds: z.array(z.string()),
  reason: z.string(),
  decidedAt: instantText(),
  decidedAtLocal: localText(),
  decidedBy: z.string(),
  decidedByName: z.optional(z.string()),
  run: runAnswer,
});

/** A mailbox (Hộp thư): the reminders and digests the platform sent or kept. */
export const messagesAnswer = z.extend(
  pageOf(
    z.object({
      messageId: z.string(),
      mailbox: z.string(),
      kind: z.enum(['deadline-reminder', 'review-digest']),
      campaignId: z.string(),
      year: z.int(),
      unitId: z.nullable(z.string()),
      to: z.array(z.string()),
      subject: z.string(),
      text: z.string(),
      createdAt: instantText(),
      createdAtLocal: localText(),
      status: z.string(),
      sentAt: z.nullable(instantText()),
      error: z.nullable(z.string()),
    }),
  ),
  { mailbox: z.string(), campaignId: z.optional(z.string()) },
);
