/** Domain types of the emulation movement (phong trào thi đua). Pure data, no behaviour. */

export const LEVELS = ['department', 'district', 'commune', 'enterprise'] as const;
/** department = sở/ban/ngành, district = quận/huyện, commune = xã/phường/thị trấn, enterprise = doanh nghiệp */
export type Level = (typeof LEVELS)[number];

/** What a unit is called in its own right (the label beside its name): sở, xã, phường, đặc khu, doanh nghiệp… */
export const UNIT_KINDS = [
  'so',
  'co-quan',
  'quan',
  'huyen',
  'thanh-pho',
  'thi-xa',
  'phuong',
  'xa',
  'thi-tran',
  'dac-khu',
  'doanh-nghiep',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  so: 'Sở, ban, ngành',
  'co-quan': 'Cơ quan',
  quan: 'Quận',
  huyen: 'Huyện',
  'thanh-pho': 'Thành phố thuộc thành phố',
  'thi-xa': 'Thị xã',
  phuong: 'Phường',
  xa: 'Xã',
  'thi-tran': 'Thị trấn',
  'dac-khu': 'Đặc khu',
  'doanh-nghiep': 'Doanh nghiệp',
};

export const RELATIONS = ['merged', 'split', 'renamed', 'absorbed'] as const;
/** merged = sáp nhập (toàn bộ), split = một phần (chia tách), renamed = đổi tên, absorbed = nhập vào */
export type Relation = (typeof RELATIONS)[number];

/** A unit this one was formed from, and the share of it (0..1) that went into this one; null: an equal share. */
export interface Predecessor {
  unitId: string;
  relation: Relation;
  weight: number | null;
}

export interface Unit {
  unitId: string;
  name: string;
  level: Level;
  parentId: string | null;
  /** cụm/khối thi đua by default; a campaign year's own clusters (year memberships) take precedence. */
  cluster: string | null;
  /** Mã đơn vị hành chính (xã, phường, đặc khu), agency code or tax code; null where not yet known. */
  code: string | null;
  kind: UnitKind;
  /** yyyy-mm-dd: the first and last day the unit exists (validTo null while it does). */
  validFrom: string;
  validTo: string | null;
  predecessors: Predecessor[];
  /** Where the platform's reminders to the unit go; absent or null: they are kept in its Hộp thư only. */
  contactEmail?: string | null;
}

import type * as z from 'zod/mini';
import type { Criterion, FigureValue } from './kinds/index.js';
import type {
  awardsSchema,
  calendarSchema,
  calendarTemplateSchema,
  campaignBodySchema,
  evidenceSchema,
  taskSchema,
} from './schemas.js';

export type { Criterion, CriterionKind, FigureValue } from './kinds/index.js';
export type { RatioCriterion, RatioValue } from './kinds/ratio.js';
export type { TaskCriterion, TaskValue } from './kinds/task.js';

/** A task of an action programme annex (nhiệm vụ), assigned to lead agencies. */
export type Task = z.output<typeof taskSchema>;

/** Local wall-clock times (MM-DDTHH:mm:ss) in the campaign's time zone, applied to each year. */
export type CalendarTemplate = z.output<typeof calendarTemplateSchema>;

/** A year's calendar as instants (ISO 8601, UTC). */
export type Calendar = z.output<typeof calendarSchema>;
export type AwardRules = z.output<typeof awardsSchema>;

/** A campaign (phong trào thi đua): what an admin sends, under its id. */
export type Campaign = { campaignId: string } & z.output<typeof campaignBodySchema>;

/** A cluster/block of one campaign year: its members, and the head (trưởng cụm) and deputy that rotate yearly. */
export interface YearCluster {
  clusterId: string;
  name: string;
  head: string | null;
  deputy: string | null;
  /** Every member, the head and deputy too. */
  members: string[];
}

/** The criteria set and calendar of one campaign year (bộ tiêu chí của năm). */
export interface CampaignYear {
  campaignId: string;
  year: number;
  criteria: Criterion[];
  calendar: Calendar;
  awards: AwardRules;
  /**
   * yyyy-mm-dd within the year: the units valid on this day are the year's units (default 31/12). For a year of
   * reorganisation it says which structure is scored.
   */
  cutOff?: string;
}

export type Evidence = z.output<typeof evidenceSchema>;

/** A figure imported from a file (the export of a provincial TTHC system): which file, which row. */
export interface FigureSource {
  kind: 'import';
  fileSha256: string;
  row: number;
}

export const SUBMISSION_STATUSES = ['submitted', 'approved', 'returned', 'rejected', 'superseded'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const ROLES = ['unit', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  unit: 'Đơn vị',
  reviewer: 'Thẩm định viên (Ban Thi đua - Khen thưởng)',
  admin: 'Quản trị',
};

/**
 * What a unit's IT system (a machine client, client-credentials grant) may be allowed: the scopes of the API's
 * resource server.
 */
export const CLIENT_SCOPES = ['submissions.write', 'submissions.read', 'files.write'] as const;
export type ClientScope = (typeof CLIENT_SCOPES)[number];
export const CLIENT_SCOPE_LABELS: Record<ClientScope, string> = {
  'submissions.write': 'Nộp báo cáo số liệu của đơn vị',
  'submissions.read': 'Đọc báo cáo, tiêu chí và điểm của đơn vị',
  'files.write': 'Tải lên tệp minh chứng của đơn vị',
};

/** What a sheet import brings in (nhập từ tệp): units, a year's clusters, or figures. */
export type ImportKind = 'units' | 'clusters' | 'figures';
/** Where a sheet import done as a job stands. */
export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface Actor {
  sub: string;
  role: Role;
  unitId: string | null;
  /** Reviewers and admins limited to some campaigns (claim custom:campaigns); absent: every campaign. */
  campaigns?: string[];
  /** A machine client acts for its unit within these scopes only; absent: a person, limited by role alone. */
  scopes?: ClientScope[];
  /** How people read who acted (the token's name claim, Cognito's standard attribute), where the token has one. */
  name?: string;
}

/** A unit's IT system registered by an admin (ứng dụng kết nối của đơn vị); its secret is never stored here. */
export interface ApiClient {
  clientId: string;
  unitId: string;
  name: string;
  scopes: ClientScope[];
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  /** The unit's client place it holds (the limit is kept by places claimed with a conditional write). */
  place?: { number: number; holder: string };
}

/** What a line of a history records: each has its Vietnamese label (labels.ts), so no code is shown to people. */
export const HISTORY_ACTIONS = [
  'submitted',
  'superseded',
  'approved',
  'returned',
  'rejected',
  'recommended-approved',
  'recommended-returned',
  'recommended-rejected',
  'unit-created',
  'unit-updated',
  'unit-imported',
  'unit-year-reopened',
  'objection-reopened',
  'campaign-created',
  'campaign-updated',
  'criteria-set-created',
  'criteria-set-updated',
  'task-catalogue-created',
  'task-catalogue-updated',
  'clusters-imported',
  'client.registered',
  'client.revoked',
  'file-announced',
  'file-stored',
  'file-refused',
  'file-cited',
  'file-deleted',
  'file-scanned',
  'file-signatures-checked',
  'trust-anchor-added',
  'stage-reopened',
  'objection-filed',
  'objection-accepted',
  'objection-rejected',
  'ballot-cast',
  'minutes-recorded',
  'year-finalized',
  'year-final-run',
  'year-final-run-restarted',
  'year-reopened',
  'award-revoked',
  'tie-decided',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** One line of the append-only audit trail (nhật ký). */
export interface AuditEntry {
  at: string;
  actor: string;
  role: Role;
  action: string;
  /** The person's name at the time (people are shown by name, not by their sign-in subject). */
  actorName?: string;
  before?: unknown;
  after?: unknown;
  comment?: string;
}

/** In which capacity a decision was taken: a reviewer of the Ban Thi đua - Khen thưởng, or a cluster's head or deputy. */
export const DECISION_CAPACITIES = ['reviewer', 'cluster-head', 'cluster-deputy'] as const;
export type DecisionCapacity = (typeof DECISION_CAPACITIES)[number];

/**
 * A cluster head's (or deputy's) cross-check of a member's report (kiểm tra chéo): a recommendation (đề xuất) the
 * Ban Thi đua - Khen thưởng confirms or overrides. It changes nothing by itself: the head competes with the unit.
 */
export interface Recommendation {
  decision: 'approved' | 'returned' | 'rejected';
  comment: string | null;
  correctedValue: FigureValue | null;
  points: number | null;
  recommendedBy: string;
  recommendedByName?: string;
  recommendedAt: string;
  capacity: Exclude<DecisionCapacity, 'reviewer'>;
  /** The unit the head acts for, never the report's own (the store refuses that). */
  unitId: string;
}

export interface Review {
  decision: 'approved' | 'returned' | 'rejected';
  comment: string | null;
  correctedValue: FigureValue | null;
  points: number | null;
  decidedBy: string;
  decidedByName?: string;
  decidedAt: string;
  /** Absent on decisions recorded before capacities were: those were reviewers'. */
  capacity?: DecisionCapacity;
  /** A head's or deputy's decision: the unit it decided for, never the report's own (the store refuses that). */
  deciderUnitId?: string;
  /** Where a head recommended a decision first: whether the reviewer's decision confirmed it or overrode it. */
  recommendation?: 'confirmed' | 'overridden';
}

export interface Submission {
  submissionId: string;
  campaignId: string;
  unitId: string;
  year: number;
  criterionId: string;
  /** One figure slot per unit, year and criterion; task criteria have one per task. */
  slotId: string;
  value: FigureValue;
  evidence: Evidence[];
  /**
   * The SHA-256 of the cited files that carry digital signatures (absent: none). Found when the file was uploaded; a
   * file's bytes never change, so neither does this — the year-end run reads the signatures of these files only.
   */
  signedEvidence?: string[];
  /** Where a figure came from when it was not typed: a row of an imported file (nguồn: nhập từ tệp). */
  source?: FigureSource;
  status: SubmissionStatus;
  version: number;
  submittedAt: string;
  submittedBy: string;
  /** The cluster head's cross-check, while it waits for the reviewer (absent: none yet). */
  recommendation?: Recommendation | null;
  review: Review | null;
  audit: AuditEntry[];
  unitName: string;
  unitLevel: Level;
  unitCluster: string | null;
}
