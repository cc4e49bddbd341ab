/** Ratio criteria (tỷ lệ): numerator over denominator against a target per level, e.g. records handled online ≥ 90 %. */
import * as z from 'zod/mini';
import { slotIdOf } from '../criteria.js';
import { basisPoints, mulDivFloor, mulDivRound, productAtLeast } from '../exact.js';
import { count, criterionBase, level, note, targetForEveryLevel } from '../validation.js';
import { criterionScore, type KindModule, maxCentiOf, uncounted } from './kind.js';

const criterionSchema = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      ...criterionBase(),
      kind: z.literal('ratio'),
      /** Target fraction (0..1) per level, e.g. work records online: district 0.9, commune 0.7. */
      targets: z.partialRecord(level(), z.number().check(z.minimum(0), z.maximum(1))),
      numeratorLabel: note(200),
      denominatorLabel: note(200),
    })
    .check(targetForEveryLevel()),
);
export type RatioCriterion = z.output<typeof criterionSchema>;

const valueSchema = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      kind: z._default(z.literal('ratio'), 'ratio'),
      numerator: count(),
      denominator: count(1),
    })
    .check(
      z.refine((v) => v.numerator <= v.denominator, {
        message: 'không được lớn hơn mẫu số',
        path: ['numerator'],
      }),
    ),
);
export type RatioValue = z.output<typeof valueSchema>;

/** maxPoints × min(1, ratio / target), rounded half up to a hundredth of a point, exactly. */
export function ratioPointsCenti(
  value: Pick<RatioValue, 'numerator' | 'denominator'>,
  target: number,
  maxCenti: number,
) {
  const targetBp = basisPoints(target);
  if (targetBp === 0 || productAtLeast(value.numerator, 10_000, value.denominator, targetBp)) return maxCenti;
  // maxCenti × (numerator × 10 000) / (denominator × targetBp)
  return mulDivRound(maxCenti * 10_000, value.numerator, value.denominator * targetBp);
}

export const ratioMet = (value: Pick<RatioValue, 'numerator' | 'denominator'>, target: number): boolean =>
  productAtLeast(value.numerator, 10_000, value.denominator, basisPoints(target));

export const ratioKind: KindModule<typeof criterionSchema, typeof valueSchema> = {
  kind: 'ratio',
  label: 'Tỷ lệ',
  criterionSchema,
  valueSchema,
  reviewerPoints: false,
  target: (criterion, unitLevel) => criterion.targets[unitLevel] ?? null,
  slotOf: (criterion) => slotIdOf(criterion.criterionId),
  score(criterion, { unit, figure: figureOf }) {
    const target = criterion.targets[unit.level] ?? 0;
    const figure = figureOf(slotIdOf(criterion.criterionId));
    const value = figure?.status === 'approved' && figure.value.kind === 'ratio' ? figure.value : null;
    if (!value) return uncounted(criterion, target, figure);
    return criterionScore(criterion, target, {
      status: 'approved',
      value,
      pointsCenti: ratioPointsCenti(value, target, maxCentiOf(criterion)),
      met: ratioMet(value, target),
      ratio: value.numerator / value.denominator,
      ratioMicro: mulDivFloor(value.numerator, 1_000_000, value.denominator),
    });
  },
};
