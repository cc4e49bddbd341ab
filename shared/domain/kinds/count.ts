/**
 * Count criteria (số lượng): a non-negative whole number against a minimum per level, e.g. "2 lớp báo cáo viên mỗi
 * năm" (Đà Nẵng 2780/QĐ-UBND); scored maxPoints × min(1, value / target) like ratios, exactly.
 */
import * as z from 'zod/mini';
import { slotIdOf } from '../criteria.js';
import { mulDivRound } from '../exact.js';
import { count, criterionBase, level, note, targetForEveryLevel } from '../validation.js';
import { criterionScore, type KindModule, maxCentiOf, uncounted } from './kind.js';

const criterionSchema = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      ...criterionBase(),
      kind: z.literal('count'),
      /** The minimum per level, a whole number (at least 1). */
      targets: z.partialRecord(level(), count(1)),
      /** What is counted, as the form and reports name it: "lớp", "mô hình". */
      unitLabel: note(100),
    })
    .check(targetForEveryLevel()),
);
export type CountCriterion = z.output<typeof criterionSchema>;

const valueSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ kind: z._default(z.literal('count'), 'count'), count: count() }),
);
export type CountValue = z.output<typeof valueSchema>;

/** maxPoints × min(1, count / target), rounded half up to a hundredth of a point. */
export const countPointsCenti = (value: number, target: number, maxCenti: number) =>
  value >= target ? maxCenti : mulDivRound(maxCenti, value, target);

export const countKind: KindModule<typeof criterionSchema, typeof valueSchema> = {
  kind: 'count',
  label: 'Số lượng',
  criterionSchema,
  valueSchema,
  reviewerPoints: false,
  target: (criterion, unitLevel) => criterion.targets[unitLevel] ?? null,
  describeTarget: (criterion, target) => `≥ ${target}${criterion.unitLabel ? ` ${criterion.unitLabel}` : ''}`,
  slotOf: (criterion) => slotIdOf(criterion.criterionId),
  score(criterion, { unit, figure: figureOf }) {
    const target = criterion.targets[unit.level] ?? 1;
    const figure = figureOf(slotIdOf(criterion.criterionId));
    const value = figure?.status === 'approved' && figure.value.kind === 'count' ? figure.value : null;
    if (!value) return uncounted(criterion, target, figure);
    return criterionScore(criterion, target, {
      status: 'approved',
      value,
      pointsCenti: countPointsCenti(value.count, target, maxCentiOf(criterion)),
      met: value.count >= target,
    });
  },
};
