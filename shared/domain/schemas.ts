/** Input schemas (zod) and the translation of zod issues into the platform's Vietnamese field errors. */
import { z } from 'zod';
import { DomainError, type FieldIssue } from './errors.js';
import { LEVELS, ROLES, SUBMISSION_STATUSES } from './types.js';

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
  const details = zodDetails(result.error, prefix);
  const fields = [...new Set(details.map((d) => d.field))].join(', ');
  throw new DomainError('VALIDATION_FAILED', `Dữ liệu không hợp lệ ở trường: ${fields}`, details);
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'phải là ngày dạng yyyy-mm-dd')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'không phải ngày có thật',
  );
const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang');
const count = z.number().int().min(0).max(1_000_000_000);
const year = z.number().int().min(2000).max(2100);
const text = (max: number) => z.string().trim().min(1).max(max);

const evidenceSchema = z.strictObject({
  title: text(500),
  documentNumber: z.string().trim().max(100).optional(),
  issuedOn: isoDate.optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});

export const submissionBodySchema = z.strictObject({
  /** Optional: the platform's default campaign when absent. */
  campaignId: id.optional(),
  unitId: id,
  year,
  criterionId: id,
  value: z.record(z.string(), z.unknown()),
  evidence: z.array(evidenceSchema).min(1).max(20),
});
export type SubmissionBody = z.output<typeof submissionBodySchema>;

const ratioValueSchema = z
  .strictObject({ numerator: count, denominator: count.min(1) })
  .refine((v) => v.numerator <= v.denominator, {
    message: 'không được lớn hơn mẫu số (denominator)',
    path: ['numerator'],
  });
const booleanValueSchema = z.strictObject({ achieved: z.boolean() });
const taskValueSchema = z
  .strictObject({
    taskId: z.string().min(1).max(32),
    status: z.enum(['done', 'not_done']),
    completedOn: isoDate.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'done' && !v.completedOn)
      ctx.addIssue({ code: 'custom', path: ['completedOn'], message: 'là bắt buộc khi nhiệm vụ đã hoàn thành' });
    if (v.status === 'not_done' && v.completedOn)
      ctx.addIssue({ code: 'custom', path: ['completedOn'], message: 'chỉ ghi khi nhiệm vụ đã hoàn thành' });
  });
const assessedValueSchema = z.strictObject({ summary: text(5000) });

export const valueSchemaByKind = {
  ratio: ratioValueSchema,
  boolean: booleanValueSchema,
  task: taskValueSchema,
  assessed: assessedValueSchema,
} as const;

export const decisionBodySchema = z.strictObject({
  decision: z.enum(['approved', 'returned', 'rejected']),
  comment: z.string().trim().max(2000).optional(),
  expectedVersion: z.number().int().min(1),
  correctedValue: z.record(z.string(), z.unknown()).optional(),
  points: z.number().min(0).multipleOf(0.01).optional(),
});
export type DecisionBody = z.output<typeof decisionBodySchema>;

export const unitBodySchema = z.strictObject({
  name: text(200),
  level: z.enum(LEVELS),
  parentId: id.nullable().optional(),
  cluster: id.nullable().optional(),
});

const levelList = z.array(z.enum(LEVELS)).min(1);
const criterionBase = {
  criterionId: id,
  title: text(500),
  source: z.string().max(500).optional(),
  maxPoints: z.number().positive().max(1000).multipleOf(0.01),
  levels: levelList,
};
export const criterionSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      ...criterionBase,
      kind: z.literal('ratio'),
      targets: z.partialRecord(z.enum(LEVELS), z.number().min(0).max(1)),
      numeratorLabel: z.string().max(200).optional(),
      denominatorLabel: z.string().max(200).optional(),
    })
    .refine((c) => c.levels.every((l) => c.targets[l] !== undefined), {
      message: 'phải có chỉ tiêu cho mọi cấp áp dụng',
      path: ['targets'],
    }),
  z.strictObject({ ...criterionBase, kind: z.literal('boolean') }),
  z.strictObject({ ...criterionBase, kind: z.literal('task'), taskCatalogue: id, lateShare: z.number().min(0).max(1) }),
  z.strictObject({ ...criterionBase, kind: z.literal('assessed') }),
]);

const instant = z.iso.datetime({ offset: true });
export const calendarSchema = z.strictObject({
  submissionOpensAt: instant,
  submissionClosesAt: instant,
  reviewClosesAt: instant,
  yearEndRunAt: instant,
});
export const awardsSchema = z.strictObject({
  flagPerGroup: z.number().int().min(0).max(10),
  meritShare: z.number().min(0).max(1),
});

export const campaignYearBodySchema = z.strictObject({
  criteria: z
    .array(criterionSchema)
    .min(1)
    .max(100)
    .refine((cs) => new Set(cs.map((c) => c.criterionId)).size === cs.length, 'có mã tiêu chí bị trùng'),
  calendar: calendarSchema.optional(),
  awards: awardsSchema.optional(),
});

export const reopenSchema = z.strictObject({ until: instant, reason: text(1000), campaignId: id.optional() });

export const roleSchema = z.enum(ROLES);
export const statusSchema = z.enum(SUBMISSION_STATUSES);
export const yearParam = z.coerce.number().int().min(2000).max(2100);
export const levelParam = z.enum(LEVELS);
