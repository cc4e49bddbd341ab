/** Domain errors carry a stable code and a Vietnamese message, naming the offending fields. */
/** Stable error codes of the platform; the HTTP layer maps each to a status (functions/http.ts). */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_JSON'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'DEADLINE_PASSED'
  | 'SUBMISSION_NOT_OPEN'
  | 'VERSION_CONFLICT'
  | 'SUPERSEDED'
  | 'ALREADY_DECIDED'
  | 'REVIEW_CLOSED'
  | 'YEAR_LOCKED'
  | 'YEAR_FINALIZED'
  | 'STAGE_CLOSED'
  | 'CONFLICT_OF_INTEREST'
  | 'ALREADY_VOTED'
  | 'UNIT_NOT_ACTIVE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'AGGREGATION_NOT_FOUND'
  | 'FILE_NOT_UPLOADED'
  | 'FILE_REFUSED'
  | 'FILE_IN_USE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'THROTTLED'
  | 'INTERNAL';

export interface FieldIssue {
  field: string;
  message: string;
  /** For a file (an import): the row of the sheet, the header being row 1. */
  row?: number;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** VALIDATION_FAILED naming every offending field. */
export const invalidFields = (details: FieldIssue[]): DomainError =>
  new DomainError(
    'VALIDATION_FAILED',
    `Dữ liệu không hợp lệ ở trường: ${[...new Set(details.map((d) => d.field))].join(', ')}`,
    details,
  );

export const invalid = (field: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', `Dữ liệu không hợp lệ: ${field} ${message}`, [{ field, message }]);

export const notFound = (what: string, field?: string): DomainError =>
  new DomainError('NOT_FOUND', `Không tìm thấy ${what}`, field ? [{ field, message: `không tìm thấy ${what}` }] : []);

/** Body-level refusals shared by the handlers and the local server's own routes. */
export const payloadTooLarge = (): DomainError =>
  new DomainError('PAYLOAD_TOO_LARGE', 'Nội dung gửi lên vượt quá 256 KB', [
    { field: '(body)', message: 'tối đa 256 KB' },
  ]);
export const invalidJson = (): DomainError =>
  new DomainError('INVALID_JSON', 'Nội dung gửi lên không phải JSON hợp lệ', [
    { field: '(body)', message: 'JSON sai cú pháp' },
  ]);
