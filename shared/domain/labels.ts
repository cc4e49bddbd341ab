/**
 * Every Vietnamese label people read for a code of the platform, in one place: the domain's own maps, served to the
 * console (GET /v1/labels) so that it keeps no second copy.
 */

import { AWARD_DECIDED_BY_LABELS, AWARD_NAMES, NOT_PROPOSED_LABELS } from './awards.js';
import type { FileStatus, ScanState } from './evidence-files.js';
import type { CriterionStatus } from './kinds/kind.js';
import { RELATION_LABELS } from './lineage.js';
import { TIE_BREAK_LABELS } from './ranking.js';
import type { MessageKind, MessageStatus, ScheduledJob } from './reminders.js';
import { LEVEL_LABELS } from './report.js';
import type { ObjectionStatus } from './round.js';
import { type DecisionCapacity, ROLE_LABELS, type SubmissionStatus, UNIT_KIND_LABELS } from './types.js';
import type { AggregationStatus, AggregationTrigger, ResultStatus, RunProgress } from './year-results.js';

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
export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  'deadline-reminder': 'Nhắc hạn nộp báo cáo',
  'review-digest': 'Tổng hợp hằng ngày việc chờ thẩm định',
};
export const MESSAGE_STATUS_LABELS: Record<MessageStatus, string> = {
  sending: 'Đang gửi',
  sent: 'Đã gửi',
  failed: 'Gửi không được (sẽ thử lại)',
  kept: 'Chỉ lưu trong Hộp thư (chưa có địa chỉ thư điện tử hoặc chưa cấu hình gửi thư)',
};

export const SCHEDULED_JOB_LABELS: Record<ScheduledJob['kind'], string> = {
  'year-end': 'tổng hợp, xếp hạng cuối năm',
  'deadline-reminder': 'nhắc hạn nộp báo cáo',
  'review-digest': 'thư tổng hợp việc chờ thẩm định',
};
export const FILE_STATUS_LABELS: Record<FileStatus, string> = {
  'awaiting-upload': 'Đang chờ tải lên',
  stored: 'Đã lưu',
  refused: 'Bị từ chối',
  deleted: 'Đã xóa',
};
export const SCAN_STATE_LABELS: Record<ScanState, string> = {
  pending: 'Chưa quét mã độc',
  clean: 'Đã quét, an toàn',
  infected: 'Có mã độc',
};
/** How a year-end run was started, and how it ended (an English word on the admin's page was a defect). */
export const RUN_TRIGGER_LABELS: Record<AggregationTrigger, string> = {
  schedule: 'Theo lịch',
  'local-schedule': 'Theo lịch (máy cục bộ)',
  finalize: 'Chốt kết quả chính thức',
  admin: 'Quản trị chạy',
  seed: 'Dữ liệu mẫu',
  bench: 'Đo hiệu năng',
};
export const RUN_STATUS_LABELS: Record<AggregationStatus, string> = {
  queued: 'Đang chờ chạy',
  running: 'Đang chạy',
  succeeded: 'Thành công',
  failed: 'Thất bại',
  discarded: 'Không công bố (năm đã chốt, hoặc có lượt chạy mới hơn)',
};
export const RUN_STEP_LABELS: Record<RunProgress['step'], string> = {
  reading: 'Đang đọc số liệu',
  scoring: 'Đang chấm điểm, xếp hạng',
  writing: 'Đang lưu kết quả và bảng điểm kiểm chứng',
  publishing: 'Đang công bố kết quả',
};
/** Shown wherever results appear: provisional results are labelled as such (Kết quả tạm tính). */
export const RESULT_STATUS_LABELS: Record<ResultStatus, string> = {
  provisional: 'Kết quả tạm tính',
  final: 'Kết quả chính thức',
};
export const CLUSTER_ROLE_LABELS = { head: 'Trưởng cụm', deputy: 'Phó cụm' } as const;

/** A kiến nghị's state. */
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = {
  open: 'Chờ trả lời',
  accepted: 'Được chấp nhận',
  rejected: 'Không được chấp nhận',
};
/** In which capacity a report was decided: the Ban TĐKT's reviewer, or the cluster's head or deputy (kiểm tra chéo). */
export const DECISION_CAPACITY_LABELS: Record<DecisionCapacity, string> = {
  reviewer: 'Thẩm định viên Ban Thi đua - Khen thưởng',
  'cluster-head': 'Trưởng cụm, khối (kiểm tra chéo)',
  'cluster-deputy': 'Phó cụm, khối (kiểm tra chéo báo cáo của trưởng cụm)',
};

export const LABELS = {
  levels: LEVEL_LABELS,
  roles: ROLE_LABELS,
  statuses: { ...SUBMISSION_STATUS_LABELS, ...CRITERION_STATUS_LABELS },
  awards: AWARD_NAMES,
  notProposed: NOT_PROPOSED_LABELS,
  awardDecidedBy: AWARD_DECIDED_BY_LABELS,
  tieBreaks: TIE_BREAK_LABELS,
  runSteps: RUN_STEP_LABELS,
  relations: RELATION_LABELS,
  clusterRoles: CLUSTER_ROLE_LABELS,
  objectionStatuses: OBJECTION_STATUS_LABELS,
  capacities: DECISION_CAPACITY_LABELS,
  unitKinds: UNIT_KIND_LABELS,
  fileStatuses: FILE_STATUS_LABELS,
  scanStates: SCAN_STATE_LABELS,
  messageKinds: MESSAGE_KIND_LABELS,
  runTriggers: RUN_TRIGGER_LABELS,
  runStatuses: RUN_STATUS_LABELS,
  resultStatuses: RESULT_STATUS_LABELS,
  jobs: SCHEDULED_JOB_LABELS,
  messageStatuses: MESSAGE_STATUS_LABELS,
};
