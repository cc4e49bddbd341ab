/**
 * What the route table does not say about each route: its purpose, what it reads, the body it takes with an example,
 * the answer it gives (shared/domain/answers/). One entry per route; openapi.ts builds the contract from them.
 */
import type * as z from 'zod/mini';
import {
  campaignAnswer,
  campaignsAnswer,
  campaignYearAnswer,
  clientAnswer,
  clientsAnswer,
  clustersAnswer,
  criteriaAnswer,
  importAnswer,
  importJobAnswer,
  openedYearAnswer,
  registeredClientAnswer,
  savedCampaignYearAnswer,
  savedUnitAnswer,
  taskCatalogueAnswer,
  unitAnswer,
  unitReopeningAnswer,
  unitsAnswer,
  unitTasksAnswer,
} from '../shared/domain/answers/catalogue.js';
import { historyAnswer } from '../shared/domain/answers/common.js';
import {
  announcedFileAnswer,
  fileAnswer,
  filesAnswer,
  storedFileAnswer,
  trustAnchorAnswer,
  trustAnchorsAnswer,
} from '../shared/domain/answers/files.js';
import {
  objectionAnswer,
  objectionsAnswer,
  previousYearAnswer,
  submissionAnswer,
  submissionHistoryAnswer,
  submissionsAnswer,
} from '../shared/domain/answers/reports.js';
import {
  ballotAnswer,
  bundleLinkAnswer,
  finalizationAnswer,
  finalizingAnswer,
  messagesAnswer,
  rankingsAnswer,
  reportAnswer,
  revocationAnswer,
  runAnswer,
  runsAnswer,
  savedMinutesAnswer,
  scoreAnswer,
  scorecardAnswer,
  stageReopeningAnswer,
  tieDecisionAnswer,
  unitResultsAnswer,
  voteAnswer,
} from '../shared/domain/answers/results.js';
import { healthAnswer, labelsAnswer, openApiAnswer } from '../shared/domain/answers/system.js';
import {
  ballotBodySchema,
  campaignBodySchema,
  campaignYearBodySchema,
  clientBodySchema,
  decisionBodySchema,
  evidenceFileBodySchema,
  finalizeBodySchema,
  minutesBodySchema,
  objectionAnswerSchema,
  objectionBodySchema,
  openNextBodySchema,
  reasonBodySchema,
  reopenSchema,
  submissionBodySchema,
  taskCatalogueBodySchema,
  tieDecisionBodySchema,
  trustAnchorBodySchema,
  unitBodySchema,
} from '../shared/domain/schemas.js';
import { IMPORT_ROWS_IN_REQUEST } from '../shared/domain/tables.js';
import {
  campaignQuery,
  criteriaQuery,
  dossierQuery,
  filesQuery,
  importQuery,
  listQuery,
  messagesQuery,
  objectionsQuery,
  pageQuery,
  rankingQuery,
  reportQuery,
  resultsQuery,
  unitsQuery,
} from './params.js';

/** What the table does not say about a route: its purpose, what it reads, an example a client can copy. */
export interface RouteDoc {
  summary: string;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  /** A request body that the route accepts (a test parses it with `body`). */
  example?: unknown;
  /** The status of success (default 200). */
  status?: number;
  /** Other than JSON: the answer's media types. */
  produces?: string[];
  /** The JSON answer of success (shared/domain/answers/), described in the contract and checked by the tests. */
  answer?: z.ZodMiniType;
  /** Other statuses of success and their answers (a file already stored: 200; a large import as a job: 202). */
  otherAnswers?: Record<number, z.ZodMiniType>;
}

const evidence = [
  {
    title: 'Báo cáo kết quả giải quyết thủ tục hành chính năm 2026',
    documentNumber: '125/BC-UBND',
    issuedOn: '2026-11-10',
    url: 'https://vanban.haiphong.gov.vn/2026/bc-125.pdf',
  },
];

/** Large files are imported as a job: said with each import. */
const AS_JOB = `. Tệp trên ${IMPORT_ROWS_IN_REQUEST} dòng: trả 202 với importId và statusUrl (GET /v1/imports/{importId}), rồi nhập trong nền`;

export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /health': { answer: healthAnswer, summary: 'Kiểm tra hệ thống hoạt động' },
  'GET /openapi.json': { answer: openApiAnswer, summary: 'Tài liệu OpenAPI 3.1 của API (tài liệu này)' },
  'GET /docs': { summary: 'Trang đọc tài liệu API', produces: ['text/html'] },
  'GET /v1/labels': {
    answer: labelsAnswer,
    summary: 'Nhãn tiếng Việt của các mã: cấp, vai trò, trạng thái, khen thưởng, quan hệ kế thừa…',
  },
  'GET /v1/units': { answer: unitsAnswer, summary: 'Danh sách đơn vị của một năm', query: unitsQuery },
  'GET /v1/units/{unitId}': { answer: unitAnswer, summary: 'Một đơn vị: lịch sử sáp nhập, chia tách, đơn vị kế thừa' },
  'PUT /v1/units/{unitId}': {
    answer: savedUnitAnswer,
    summary: 'Tạo hoặc sửa đơn vị',
    body: unitBodySchema,
    example: { name: 'Phường Hồng Bàng', level: 'commune', kind: 'phuong', cluster: 'cum-xa-phuong-dac-khu' },
  },
  'GET /v1/units/{unitId}/history': { answer: historyAnswer, summary: 'Nhật ký thay đổi của đơn vị', query: pageQuery },
  'GET /v1/units/{unitId}/tasks/{year}': {
    answer: unitTasksAnswer,
    summary: 'Nhiệm vụ được giao cho đơn vị trong năm',
    query: campaignQuery,
  },
  'GET /v1/units/{unitId}/results': {
    answer: unitResultsAnswer,
    summary: 'Kết quả các năm của đơn vị và đơn vị tiền thân',
    query: resultsQuery,
  },
  'POST /v1/imports/units': {
    answer: importAnswer,
    otherAnswers: { 202: importJobAnswer },
    summary: `Nhập danh mục đơn vị từ tệp CSV/XLSX${AS_JOB}`,
    query: importQuery,
  },
  'POST /v1/imports/clusters': {
    answer: importAnswer,
    otherAnswers: { 202: importJobAnswer },
    summary: `Nhập cụm, khối thi đua của một năm từ tệp CSV/XLSX${AS_JOB}`,
    query: importQuery,
  },
  'POST /v1/imports/figures': {
    answer: importAnswer,
    otherAnswers: { 202: importJobAnswer },
    summary: `Nhập số liệu từ tệp CSV/XLSX kết xuất từ hệ thống giải quyết TTHC (cột unitCode, criterionId, year, numerator, denominator, sourceNote)${AS_JOB}`,
    query: importQuery,
  },
  'GET /v1/imports/{importId}': {
    answer: importJobAnswer,
    summary:
      'Một lượt nhập tệp lớn: trạng thái (queued, running, succeeded, failed) và, khi xong, câu trả lời đầy đủ (answer: như khi nhập ngay; answerStatus: mã HTTP tương ứng)',
  },
  'GET /v1/units/{unitId}/clients': {
    answer: clientsAnswer,
    summary: 'Các ứng dụng kết nối của đơn vị (không có khóa bí mật)',
  },
  'POST /v1/units/{unitId}/clients': {
    answer: registeredClientAnswer,
    summary: 'Đăng ký ứng dụng kết nối cho đơn vị: khóa bí mật chỉ hiện một lần',
    body: clientBodySchema,
    example: { name: 'Hệ thống một cửa điện tử', scopes: ['submissions.write', 'submissions.read'] },
    status: 201,
  },
  'DELETE /v1/units/{unitId}/clients/{clientId}': { answer: clientAnswer, summary: 'Thu hồi ứng dụng kết nối' },
  'POST /v1/evidence-files': {
    answer: announcedFileAnswer,
    otherAnswers: { 200: announcedFileAnswer },
    summary:
      'Khai một tệp minh chứng (PDF, PNG, JPEG, DOCX, XLSX; tối đa 20 MB) và nhận đường dẫn tải lên: gửi đúng các byte đó bằng PUT với các tiêu đề được trả về, rồi gọi …/complete',
    body: evidenceFileBodySchema,
    example: {
      unitId: 'so-nn-mt',
      fileName: 'Báo cáo 125-BC-UBND.pdf',
      contentType: 'application/pdf',
      size: 182_344,
      sha256: '9f2c4d0e5b7a8c1d3e6f9a0b2c4d6e8f1a3b5c7d9e0f2a4b6c8d0e2f4a6b8c0d',
    },
    status: 201,
  },
  'POST /v1/evidence-files/{fileId}/signature-check': {
    answer: storedFileAnswer,
    summary: 'Kiểm tra lại chữ ký số của một tệp PDF đã lưu theo các chứng thư tin cậy hiện có',
  },
  'GET /v1/trust-anchors': {
    answer: trustAnchorsAnswer,
    summary: 'Các chứng thư tổ chức chứng thực (CA) mà tỉnh tin cậy khi kiểm tra chữ ký số',
  },
  'POST /v1/trust-anchors': {
    answer: trustAnchorAnswer,
    summary:
      'Thêm chứng thư CA gốc hoặc trung gian được tin cậy (PEM, hoặc DER mã hóa base64); áp dụng cho các lần kiểm tra sau',
    body: trustAnchorBodySchema,
    status: 201,
  },
  'POST /v1/years/{year}/finalize': {
    answer: finalizingAnswer,
    otherAnswers: { 200: finalizingAnswer },
    summary:
      'Chốt kết quả chính thức của năm: khóa mọi thay đổi của năm và bắt đầu lượt tổng hợp cuối (202, theo dõi ở run.statusUrl); kết quả thành chính thức khi lượt đó xong (gửi lại khi đã chốt: 200, không đổi gì)',
    body: finalizeBodySchema,
    status: 202,
  },
  'POST /v1/awards/{year}/{unitId}/revoke': {
    answer: revocationAnswer,
    summary:
      'Thu hồi đề nghị khen thưởng của đơn vị trong năm đã chốt, kèm lý do (ghi vào lịch sử, hiện trong kết quả)',
    body: reasonBodySchema,
  },
  'POST /v1/years/{year}/reopen': {
    answer: finalizationAnswer,
    summary: 'Mở lại năm đã chốt, kèm lý do (ghi vào lịch sử của năm): kết quả trở lại tạm tính',
    body: reasonBodySchema,
  },
  'GET /v1/messages': {
    answer: messagesAnswer,
    summary:
      'Hộp thư: thư nhắc hạn đã gửi cho đơn vị (đơn vị xem của mình), hoặc thư tổng hợp gửi Ban Thi đua - Khen thưởng',
    query: messagesQuery,
  },
  'GET /v1/evidence-files': {
    answer: filesAnswer,
    summary: 'Các tệp minh chứng của đơn vị, mới nhất trước',
    query: filesQuery,
  },
  'GET /v1/evidence-files/{fileId}': {
    answer: fileAnswer,
    summary: 'Một tệp minh chứng: trạng thái, kết quả quét mã độc và đường dẫn tải về ngắn hạn (5 phút)',
  },
  'POST /v1/evidence-files/{fileId}/complete': {
    answer: storedFileAnswer,
    summary:
      'Hoàn tất tải lên: kiểm tra kích thước, SHA-256 và loại tệp theo nội dung; tệp sai bị từ chối và không được giữ',
  },
  'DELETE /v1/evidence-files/{fileId}': {
    summary: 'Bỏ một tệp chưa được dẫn trong báo cáo nào (tệp đã được dẫn thì không xóa được)',
    status: 204,
  },
  'POST /v1/units/{unitId}/years/{year}/reopen': {
    answer: unitReopeningAnswer,
    summary: 'Mở lại việc báo cáo cho một đơn vị sau hạn',
    body: reopenSchema,
    example: { until: '2026-12-05T16:59:59Z', reason: 'Đơn vị mới sáp nhập, bổ sung số liệu theo Công văn 12/BTĐKT' },
  },
  'GET /v1/criteria': { answer: criteriaAnswer, summary: 'Bộ tiêu chí của một năm', query: criteriaQuery },
  'GET /v1/campaigns': { answer: campaignsAnswer, summary: 'Các phong trào thi đua' },
  'GET /v1/campaigns/{campaignId}': {
    answer: campaignAnswer,
    summary: 'Một phong trào: văn bản, lịch, quy tắc khen thưởng',
  },
  'PUT /v1/campaigns/{campaignId}': {
    answer: campaignAnswer,
    summary: 'Tạo hoặc sửa phong trào',
    body: campaignBodySchema,
  },
  'GET /v1/campaigns/{campaignId}/history': {
    answer: historyAnswer,
    summary: 'Nhật ký thay đổi của phong trào',
    query: pageQuery,
  },
  'GET /v1/campaigns/{campaignId}/task-catalogues/{catalogue}': {
    answer: taskCatalogueAnswer,
    summary: 'Danh mục nhiệm vụ',
  },
  'PUT /v1/campaigns/{campaignId}/task-catalogues/{catalogue}': {
    answer: taskCatalogueAnswer,
    summary: 'Thay danh mục nhiệm vụ',
    body: taskCatalogueBodySchema,
  },
  'GET /v1/campaigns/{campaignId}/years/{year}': {
    answer: campaignYearAnswer,
    summary: 'Bộ tiêu chí, lịch và chỉ tiêu của một năm',
  },
  'POST /v1/campaigns/{campaignId}/years/{year}/open-next': {
    answer: openedYearAnswer,
    summary:
      'Mở năm tiếp theo từ năm này: bộ tiêu chí, chỉ tiêu, quy tắc khen thưởng và cụm, khối được chuyển sang, lịch lùi một năm (luân chuyển trưởng, phó cụm khi yêu cầu); sửa được cho đến khi có báo cáo',
    body: openNextBodySchema,
    example: { rotateHeads: true },
    status: 201,
  },
  'PUT /v1/campaigns/{campaignId}/years/{year}': {
    answer: savedCampaignYearAnswer,
    summary: 'Đặt bộ tiêu chí, lịch và chỉ tiêu của một năm',
    body: campaignYearBodySchema,
  },
  'GET /v1/campaigns/{campaignId}/years/{year}/history': {
    answer: historyAnswer,
    summary: 'Nhật ký thay đổi của năm',
    query: pageQuery,
  },
  'GET /v1/campaigns/{campaignId}/years/{year}/clusters': {
    answer: clustersAnswer,
    summary: 'Cụm, khối thi đua của năm, trưởng và phó cụm',
  },
  'POST /v1/submissions': {
    answer: submissionAnswer,
    summary: 'Nộp báo cáo số liệu kèm minh chứng (một báo cáo mới thay báo cáo trước của cùng chỉ tiêu)',
    body: submissionBodySchema,
    example: {
      unitId: 'so-tttt',
      year: 2026,
      criterionId: 'ho-so-truc-tuyen',
      value: { numerator: 410, denominator: 500 },
      evidence,
    },
    status: 201,
  },
  'GET /v1/submissions': {
    answer: submissionsAnswer,
    summary: 'Danh sách báo cáo (hàng đợi thẩm định)',
    query: listQuery,
  },
  'GET /v1/submissions/{submissionId}': { answer: submissionAnswer, summary: 'Một báo cáo' },
  'GET /v1/submissions/{submissionId}/previous-year': {
    answer: previousYearAnswer,
    summary:
      'Số liệu năm trước của cùng ô số liệu: của chính đơn vị, hoặc của các đơn vị tiền thân (từng đơn vị, tỷ trọng) kèm số liệu gộp theo quy tắc kế thừa của phong trào',
  },
  'GET /v1/submissions/{submissionId}/history': {
    answer: submissionHistoryAnswer,
    summary: 'Các phiên bản của báo cáo',
    query: pageQuery,
  },
  'POST /v1/submissions/{submissionId}/decision': {
    answer: submissionAnswer,
    summary:
      'Thẩm định báo cáo: duyệt, trả lại hoặc từ chối (Ban Thi đua - Khen thưởng; trưởng cụm kiểm tra chéo báo cáo của thành viên, phó cụm báo cáo của trưởng cụm; không ai thẩm định đơn vị mình)',
    body: decisionBodySchema,
    example: { decision: 'approved', comment: 'Khớp số liệu Cổng dịch vụ công', expectedVersion: 1 },
  },
  'GET /v1/units/{unitId}/scores/{year}': {
    answer: scoreAnswer,
    summary: 'Điểm của đơn vị trong năm',
    query: campaignQuery,
  },
  'POST /v1/aggregations/{year}': {
    answer: runAnswer,
    summary:
      'Chạy tổng hợp, xếp hạng cuối năm: trả lời ngay (202) với mã lượt chạy và địa chỉ theo dõi (statusUrl, Location); bấm lại khi đang chạy thì theo dõi lượt đó',
    query: campaignQuery,
    status: 202,
  },
  'GET /v1/aggregations/{year}': { answer: runsAnswer, summary: 'Các lần tổng hợp của năm', query: campaignQuery },
  'GET /v1/aggregations/{year}/runs/{runId}': {
    answer: runAnswer,
    summary: 'Một lượt tổng hợp: đang chờ, đang chạy (bước nào), thành công, thất bại hay không công bố',
    query: campaignQuery,
  },
  'POST /v1/awards/{year}/tie-decisions': {
    answer: tieDecisionAnswer,
    summary:
      'Quyết định trường hợp đồng hạng ở ngưỡng số lượng khen thưởng nơi không có bỏ phiếu (cấp không chia cụm, hoặc Bằng khen), ghi lý do; một lượt tổng hợp áp dụng quyết định',
    query: campaignQuery,
    body: tieDecisionBodySchema,
    example: {
      group: 'level:department',
      award: 'bang-khen',
      unitIds: ['so-y-te'],
      reason: 'Theo Biên bản họp Hội đồng Thi đua - Khen thưởng thành phố ngày 20/12/2026',
    },
    status: 201,
  },
  'GET /v1/rankings/{year}': { answer: rankingsAnswer, summary: 'Bảng xếp hạng của năm', query: rankingQuery },
  'GET /v1/scorecards/{year}/bundle': {
    answer: bundleLinkAnswer,
    summary:
      'Gói bảng điểm kiểm chứng (ZIP) của lượt tổng hợp mới nhất: tiêu chí, số liệu được tính với quyết định thẩm định và SHA-256 minh chứng, điểm, hạng, đề nghị khen thưởng; kiểm tra bằng npm run verify',
    query: campaignQuery,
  },
  'GET /v1/scorecards/{year}/units/{unitId}': {
    answer: scorecardAnswer,
    summary: 'Bảng điểm công khai của một đơn vị: từng điểm được tính từ số liệu nào',
    query: campaignQuery,
  },
  'POST /v1/years/{year}/stages/{stage}/reopen': {
    answer: stageReopeningAnswer,
    summary:
      'Mở lại một giai đoạn bình xét của năm (kiểm tra chéo, kiến nghị, họp cụm, chốt) đến một thời điểm, kèm lý do',
    body: reopenSchema,
  },
  'POST /v1/objections': {
    answer: objectionAnswer,
    status: 201,
    summary: 'Đơn vị kiến nghị về kết quả tạm tính của mình ở một tiêu chí, trong thời gian nhận kiến nghị',
    body: objectionBodySchema,
  },
  'GET /v1/objections': {
    answer: objectionsAnswer,
    summary: 'Các kiến nghị của năm (đơn vị chỉ xem kiến nghị của mình)',
    query: objectionsQuery,
  },
  'POST /v1/objections/{objectionId}/answer': {
    answer: objectionAnswer,
    summary: 'Trả lời kiến nghị: chấp nhận (đơn vị được mở lại để nộp số liệu đúng) hoặc không chấp nhận',
    body: objectionAnswerSchema,
  },
  'POST /v1/clusters/{clusterId}/years/{year}/ballots': {
    answer: ballotAnswer,
    status: 201,
    summary: 'Phiếu bầu kín của một đơn vị thành viên (mỗi đơn vị một phiếu, tối đa số Cờ thi đua của cụm)',
    body: ballotBodySchema,
  },
  'GET /v1/clusters/{clusterId}/years/{year}/vote': {
    answer: voteAnswer,
    summary: 'Cuộc bỏ phiếu của cụm: số phiếu, túc số; kết quả từng đơn vị khi họp cụm đã kết thúc; biên bản',
    query: campaignQuery,
  },
  'PUT /v1/clusters/{clusterId}/years/{year}/minutes': {
    answer: savedMinutesAnswer,
    summary: 'Trưởng cụm ghi biên bản họp bình xét (khóa khi giai đoạn họp cụm kết thúc)',
    body: minutesBodySchema,
  },
  'GET /v1/awards/{year}/{unitId}/dossier': {
    summary:
      'Hồ sơ đề nghị khen thưởng: Tờ trình (Mẫu 01), Báo cáo thành tích (Mẫu 02), Biên bản bình xét — Word hoặc PDF; format=pdf&signed=true: PDF ký số (PAdES) bằng khóa của Ban Thi đua - Khen thưởng (409 khi chưa cấu hình chứng thư)',
    query: dossierQuery,
    produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/pdf'],
  },
  'GET /v1/reports/{year}': {
    answer: reportAnswer,
    summary: 'Báo cáo tổng hợp năm (JSON, CSV hoặc Excel)',
    query: reportQuery,
    produces: ['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
};
