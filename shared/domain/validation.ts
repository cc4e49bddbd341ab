/** Field schemas every input shares, and the translation of zod issues into the platform's Vietnamese field errors. */
import { z } from 'zod';
import { type FieldIssue, invalidFields } from './errors.js';
import { LEVELS } from './types.js';

const TYPE_NAMES: Record<string, string> = {
  string: 'chuỗi ký tự',
  number: 'số',
  int: 'số nguyên',
  boolean: 'giá trị đúng/sai (true/false)',
  object: 'đối tượng JSON',
  array: 'danh sách',
};

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'là bắt buộc' : `phải là ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `phải có ít nhất ${issue.minimum} ký tự`
        : issue.origin === 'array'
          ? `phải có ít nhất ${issue.minimum} phần tử`
          : `phải lớn hơn hoặc bằng ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `không được dài quá ${issue.maximum} ký tự`
        : issue.origin === 'array'
          ? `không được quá ${issue.maximum} phần tử`
          : `phải nhỏ hơn hoặc bằng ${issue.maximum}`;
    case 'invalid_value':
      return `phải là một trong: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `có trường không được phép: ${issue.keys.join(', ')}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'phải là địa chỉ URL http(s) hợp lệ' : issue.message || 'sai định dạng';
    case 'not_multiple_of':
      return `phải là bội số của ${issue.divisor}`;
    default:
      return issue.message || 'không hợp lệ';
  }
}

function zodDetails(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return { field: path || '(body)', message: issueMessage(issue) };
  });
}

/** Parses input or throws VALIDATION_FAILED naming every offending field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, prefix = ''): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidFields(zodDetails(result.error, prefix));
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'phải là ngày dạng yyyy-mm-dd')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'không phải ngày có thật',
  );
export const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang');
export const count = z.number().int().min(0).max(1_000_000_000);
export const year = z.number().int().min(2000).max(2100);
export const text = (max: number) => z.string().trim().min(1).max(max);
export const instant = z.iso.datetime({ offset: true });
export const level = z.enum(LEVELS);

/** The fields every criterion has, whatever its kind. */
export const criterionBase = {
  criterionId: id,
  title: text(500),
  source: z.string().max(500).optional(),
  maxPoints: z.number().positive().max(1000).multipleOf(0.01),
  levels: z.array(level).min(1),
};
