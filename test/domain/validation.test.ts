/** Field errors as the user reads them: a missing field and a wrong type say different things, in Vietnamese. */
import { describe, expect, it } from 'vitest';
import { reopenSchema, submissionBodySchema } from '../../shared/domain/schemas.js';
import { parseOrThrow } from '../../shared/domain/validation.js';

const detailsOf = (input: unknown) => {
  try {
    parseOrThrow(submissionBodySchema, input);
  } catch (e) {
    return (e as { details: unknown }).details;
  }
  throw new Error('accepted');
};
const valid = { unitId: 'so-khcn-2025', year: 2026, criterionId: 'k', value: {}, evidence: [{ title: 'Báo cáo' }] };

describe('Function: parseOrThrow', () => {
  it('says in Vietnamese what a format wants (zod says it in English)', () => {
    let details: Array<{ field: string; message: string }> = [];
    try {
      parseOrThrow(reopenSchema, { until: '30/11/2026', reason: 'Bổ sung minh chứng' });
    } catch (e) {
      details = (e as { details: typeof details }).details;
    }
    expect(details).toEqual([
      { field: 'until', message: 'phải là thời điểm ISO 8601 có múi giờ, ví dụ 2026-11-30T23:59:59+07:00' },
    ]);
  });
  it('names a missing field as required and a wrong type by the type expected', () => {
    const { criterionId: _c, ...noCriterion } = valid;
    expect(detailsOf(noCriterion)).toEqual([{ field: 'criterionId', message: 'là bắt buộc' }]);
    expect(detailsOf({ ...valid, year: 2026.5 })).toEqual([{ field: 'year', message: 'phải là số nguyên' }]);
    expect(detailsOf({ ...valid, year: '2026' })).toEqual([{ field: 'year', message: 'phải là số' }]);
    expect(detailsOf('một chuỗi')).toEqual([{ field: '(body)', message: 'phải là đối tượng JSON' }]);
  });

  it('names nested fields by their path, and unknown fields by name', () => {
    expect(detailsOf({ ...valid, evidence: [{ title: ' ', url: 'ftp://x', issuedOn: '2026-02-30' }], x: 1 })).toEqual([
      { field: 'evidence.0.title', message: 'không được để trống' },
      { field: 'evidence.0.issuedOn', message: 'không phải ngày có thật' },
      { field: 'evidence.0.url', message: 'phải là địa chỉ URL http(s) hợp lệ' },
      { field: '(body)', message: 'có trường không được phép: x' },
    ]);
  });
});
