/** Field schemas every input shares, and the translation of zod issues into the platform's Vietnamese field errors. */
// zod/mini: the same validation at a fraction of the bundle (every function loads it at cold start).
import * as z from 'zod/mini';
import { type FieldIssue, invalidFields } from './errors.js';
import { LEVEL_LABELS } from './levels.js';
import { LEVELS, ROLE_LABELS, UNIT_KIND_LABELS } from './types.js';

/**
 * The meaning of the codes enums take (levels, unit kinds, roles), from the one label source of each. A pure
 * Object.assign, not a spread, so a bundle that never uses it can leave it out (test/infra/bundles.test.ts).
 */
const ENUM_WORDS: Record<string, string> = /* @__PURE__ */ Object.assign(
  {},
  UNIT_KIND_LABELS,
  LEVEL_LABELS,
  ROLE_LABELS,
);

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
        ? Number(issue.minimum) === 1
          ? 'không được để trống'
          : `phải có ít nhất ${issue.minimum} ký tự`
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
      // The codes a file or a client must send, each with its meaning where the platform has a word for it.
      return `phải là một trong: ${issue.values.map((v) => (ENUM_WORDS[String(v)] ? `${String(v)} (${ENUM_WORDS[String(v)]})` : String(v))).join(', ')}`;
    case 'unrecognized_keys':
      return `có trường không được phép: ${issue.keys.join(', ')}`;
    case 'invalid_format':
      // zod's own words for its formats are English: each format the API takes says in Vietnamese what it wants.
      if (issue.format === 'url') return 'phải là địa chỉ URL http(s) hợp lệ';
      if (issue.format === 'datetime') return 'phải là thời điểm ISO 8601 có múi giờ, ví dụ 2026-11-30T23:59:59+07:00';
      if (issue.format === 'date') return 'phải là ngày dạng yyyy-mm-dd';
      if (issue.format === 'email') return 'phải là địa chỉ thư điện tử';
      return issue.message || 'sai định dạng';
    case 'not_multiple_of':
      return `phải là bội số của ${issue.divisor}`;
    default:
      return issue.message || 'không hợp lệ';
  }
}

function zodDetails(error: z.core.$ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return { field: path || '(body)', message: issueMessage(issue) };
  });
}

/** Parses input or throws VALIDATION_FAILED naming every offending field. */
export function parseOrThrow<T extends z.ZodMiniType>(schema: T, input: unknown, prefix = ''): z.output<T> {
  // reportInput: the issue carries what was sent, so a missing field and a wrong type read differently.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw invalidFields(zodDetails(result.error, prefix));
}

/** Field schemas are made by functions, called inside the lazy schemas that use them: nothing is built at import. */
export const isoDate = () =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'phải là ngày dạng yyyy-mm-dd'),
    z.refine(
      (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      'không phải ngày có thật',
    ),
    z.refine((s) => s >= '1990-01-01' && s <= '2100-12-31', 'phải trong khoảng 1990-2100'),
  );
export const id = () =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(64),
      z.regex(/^[a-z0-9][a-z0-9-]*$/, 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang'),
    );
export const count = (min = 0) => z.int().check(z.minimum(min), z.maximum(1_000_000_000));
export const year = () => z.int().check(z.minimum(2000), z.maximum(2100));
/**
 * What a person would not type and a reader could be misled by: control characters (but tab and line
 * breaks), the bidirectional overrides and isolates that reorder what is shown, lone UTF-16 surrogates, and the
 * noncharacters U+FDD0–U+FDEF, U+FFFE and U+FFFF (XML 1.0 cannot carry the last two: a DOCX or XLSX holding one
 * does not open).
 */
const UNTYPABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are exactly what is refused
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFDD0-\uFDEF\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const typable = (s: string): boolean => !UNTYPABLE.test(s) && !LONE_SURROGATE.test(s);
const typableCheck = () =>
  z.refine<string>(typable, 'không được chứa ký tự điều khiển, ký tự đảo chiều văn bản hoặc ký tự Unicode hỏng');

/** Free text: trimmed, not empty, at most `max` characters, nothing untypable. */
export const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max), typableCheck());
/** Optional text that may be empty, at most `max` characters, nothing untypable. */
export const note = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max), typableCheck()));
export const instant = () => z.iso.datetime({ offset: true });
export const level = () => z.enum(LEVELS);

/** The fields every criterion has, whatever its kind. */
export const criterionBase = () => ({
  criterionId: id(),
  title: text(500),
  source: note(500),
  maxPoints: z.number().check(z.positive(), z.maximum(1000), z.multipleOf(0.01)),
  levels: z.array(level()).check(z.minLength(1)),
  /** Weight in an index-style result (default: maxPoints, so the index is points over the maximum). */
  weight: z.optional(z.number().check(z.positive(), z.maximum(1000), z.multipleOf(0.01))),
});

/** A criterion with a target per level has one for every level it applies to (ratios, counts). */
export const targetForEveryLevel = () =>
  z.refine<{ levels: string[]; targets: Partial<Record<string, number>> }>(
    (c) => c.levels.every((l) => c.targets[l] !== undefined),
    { message: 'phải có chỉ tiêu cho mọi cấp áp dụng', path: ['targets'] },
  );
