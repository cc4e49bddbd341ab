/**
 * Every Vietnamese label people read for a code of the platform, in one place: the domain's own maps, served to the
 * console (GET /v1/labels) so that it keeps no second copy.
 */

import { AWARD_DECIDED_BY_LABELS, AWARD_NAMES, NOT_PROPOSED_LABELS } from './awards.js';
import type { FileStatus, ScanState } from './evidence-files.js';
import type { CriterionStatus } from './kinds/kind.js';
import { LEVEL_LABELS } from './levels.js';
import { LINEAGE_RULE_LABELS, RELATION_LABELS } from './lineage.js';
import { TIE_BREAK_LABELS } from './ranking.js';
import type { MessageKind, MessageStatus, ScheduledJob } from './reminders.js';
import type { ObjectionStatus } from './round.js';
import {
  type DecisionCapacity,
  type HistoryAction,
  type ImportStatus,
  type Review,
  ROLE_LABELS,
  type SubmissionStatus,
  UNIT_KIND_LABELS,
} from './types.js';
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
  pending: 'Đang chờ quét mã độc',
  clean: 'Đã quét, an toàn',
  infected: 'Có mã độc — bị cách ly',
  unscannable: 'Không quét được — bị cách ly',
};
/** Where a large import (done as a job) stands. */
export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  queued: 'Đang chờ',
  running: 'Đang kiểm tra và lưu',
  succeeded: 'Đã xong',
  failed: 'Không nhập được',
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

/** Each line of a history as people read it (the action's code is never shown). */
export const HISTORY_ACTION_LABELS: Record<HistoryAction, string> = {
  submitted: 'Nộp báo cáo',
  superseded: 'Được thay bằng báo cáo mới hơn',
  approved: 'Phê duyệt',
  returned: 'Yêu cầu bổ sung',
  rejected: 'Không chấp nhận',
  'recommended-approved': 'Đề xuất phê duyệt (kiểm tra chéo)',
  'recommended-returned': 'Đề xuất yêu cầu bổ sung (kiểm tra chéo)',
  'recommended-rejected': 'Đề xuất không chấp nhận (kiểm tra chéo)',
  'unit-created': 'Tạo đơn vị',
  'unit-updated': 'Sửa thông tin đơn vị',
  'unit-imported': 'Nhập đơn vị từ tệp',
  'unit-year-reopened': 'Mở lại báo cáo của đơn vị cho năm',
  'objection-reopened': 'Mở lại báo cáo theo kiến nghị được chấp nhận',
  'campaign-created': 'Tạo phong trào',
  'campaign-updated': 'Sửa phong trào',
  'criteria-set-created': 'Tạo bộ tiêu chí của năm',
  'criteria-set-updated': 'Sửa bộ tiêu chí, lịch của năm',
  'task-catalogue-created': 'Tạo danh mục nhiệm vụ',
  'task-catalogue-updated': 'Sửa danh mục nhiệm vụ',
  'clusters-imported': 'Nhập cụm, khối thi đua của năm',
  'client.registered': 'Đăng ký ứng dụng kết nối',
  'client.revoked': 'Thu hồi ứng dụng kết nối',
  'file-announced': 'Khai báo tệp minh chứng',
  'file-stored': 'Lưu tệp minh chứng',
  'file-refused': 'Từ chối tệp minh chứng',
  'file-cited': 'Dẫn chiếu tệp trong báo cáo',
  'file-deleted': 'Xóa tệp minh chứng',
  'file-scanned': 'Quét mã độc tệp minh chứng',
  'file-signatures-checked': 'Kiểm tra lại chữ ký số của tệp',
  'trust-anchor-added': 'Thêm chứng thư tổ chức chứng thực được tin cậy',
  'stage-reopened': 'Mở lại giai đoạn bình xét',
  'objection-filed': 'Gửi kiến nghị',
  'objection-accepted': 'Chấp nhận kiến nghị',
  'objection-rejected': 'Không chấp nhận kiến nghị',
  'ballot-cast': 'Bỏ phiếu kín',
  'minutes-recorded': 'Ghi biên bản họp bình xét',
  'year-finalized': 'Chốt kết quả chính thức của năm',
  'year-final-run': 'Hoàn tất lượt tổng hợp cuối của năm đã chốt',
  'year-final-run-restarted': 'Chạy lại lượt tổng hợp cuối của năm đã chốt',
  'year-reopened': 'Mở lại năm đã chốt',
  'award-revoked': 'Thu hồi đề nghị khen thưởng',
  'tie-decided': 'Quyết định trường hợp đồng hạng',
};
/** A head's recommendation as people read it: a proposal, not a decision. */
export const RECOMMENDATION_LABELS: Record<Review['decision'], string> = {
  approved: 'Đề xuất phê duyệt',
  returned: 'Đề xuất yêu cầu bổ sung',
  rejected: 'Đề xuất không chấp nhận',
};

export const LABELS = {
  levels: LEVEL_LABELS,
  roles: ROLE_LABELS,
  // A pure Object.assign, not a spread: bundles that never serve the labels leave them out (test/infra/bundles.test.ts).
  statuses: /* @__PURE__ */ Object.assign({}, SUBMISSION_STATUS_LABELS, CRITERION_STATUS_LABELS),
  awards: AWARD_NAMES,
  historyActions: HISTORY_ACTION_LABELS,
  recommendations: RECOMMENDATION_LABELS,
  notProposed: NOT_PROPOSED_LABELS,
  awardDecidedBy: AWARD_DECIDED_BY_LABELS,
  tieBreaks: TIE_BREAK_LABELS,
  runSteps: RUN_STEP_LABELS,
  relations: RELATION_LABELS,
  lineageRules: LINEAGE_RULE_LABELS,
  clusterRoles: CLUSTER_ROLE_LABELS,
  objectionStatuses: OBJECTION_STATUS_LABELS,
  capacities: DECISION_CAPACITY_LABELS,
  unitKinds: UNIT_KIND_LABELS,
  fileStatuses: FILE_STATUS_LABELS,
  scanStates: SCAN_STATE_LABELS,
  messageKinds: MESSAGE_KIND_LABELS,
  runTriggers: RUN_TRIGGER_LABELS,
  runStatuses: RUN_STATUS_LABELS,
  importStatuses: IMPORT_STATUS_LABELS,
  resultStatuses: RESULT_STATUS_LABELS,
  jobs: SCHEDULED_JOB_LABELS,
  messageStatuses: MESSAGE_STATUS_LABELS,
};
