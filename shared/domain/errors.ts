/** Domain errors carry a stable code, the HTTP status they map to and a Vietnamese message. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  DEADLINE_PASSED: 409,
  SUBMISSION_NOT_OPEN: 409,
  VERSION_CONFLICT: 409,
  SUPERSEDED: 409,
  ALREADY_DECIDED: 409,
  REVIEW_CLOSED: 409,
  YEAR_LOCKED: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  AGGREGATION_NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  THROTTLED: 503,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
    this.status = ERROR_STATUS[code];
  }
}

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
