/**
 * Every Vietnamese label people read for a code of the platform, in one place: the domain's own maps, served to the
 * console (GET /v1/labels) so that it keeps no second copy.
 */
import { FILE_STATUS_LABELS, SCAN_STATE_LABELS } from './evidence-files.js';
import type { CriterionStatus } from './kinds/kind.js';
import { RELATION_LABELS } from './lineage.js';
import { AWARD_NAMES } from './ranking.js';
import { LEVEL_LABELS } from './report.js';
import { ROLE_LABELS, type SubmissionStatus, UNIT_KIND_LABELS } from './types.js';

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  submitted: 'Đã nộp – chờ thẩm định',
  approved: 'Đã phê duyệt',
  returned: 'Yêu cầu bổ sung',
  rejected: 'Không được chấp nhận',
  superseded: 'Đã thay thế',
};
/** A criterion's state in a unit's score: its figure's review state, or why it has none to count. */
export const CRITERION_STATUS_LABELS: Record<CriterionStatus, string> = {
  approved: SUBMISSION_STATUS_LABELS.approved,
  returned: SUBMISSION_STATUS_LABELS.returned,
  rejected: SUBMISSION_STATUS_LABELS.rejected,
  pending: 'Chờ thẩm định',
  missing: 'Chưa nộp',
  incomplete: 'Chưa đủ',
};
export const CLUSTER_ROLE_LABELS = { head: 'Trưởng cụm', deputy: 'Phó cụm' } as const;

export const LABELS = {
  levels: LEVEL_LABELS,
  roles: ROLE_LABELS,
  statuses: { ...SUBMISSION_STATUS_LABELS, ...CRITERION_STATUS_LABELS },
  awards: AWARD_NAMES,
  relations: RELATION_LABELS,
  clusterRoles: CLUSTER_ROLE_LABELS,
  unitKinds: UNIT_KIND_LABELS,
  fileStatuses: FILE_STATUS_LABELS,
  scanStates: SCAN_STATE_LABELS,
};
