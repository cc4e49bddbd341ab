/** Assessed criteria (đánh giá): the unit describes its result, the reviewer gives the points. */
import { z } from 'zod';
import { slotIdOf } from '../criteria.js';
import { centi } from '../exact.js';
import { criterionBase, text } from '../validation.js';
import { criterionScore, type KindModule, maxCentiOf, uncounted } from './kind.js';

const criterionSchema = z.strictObject({ ...criterionBase, kind: z.literal('assessed') });
export type AssessedCriterion = z.output<typeof criterionSchema>;

const valueSchema = z.strictObject({ kind: z.literal('assessed').default('assessed'), summary: text(5000) });
export type AssessedValue = z.output<typeof valueSchema>;

export const assessedKind: KindModule<typeof criterionSchema, typeof valueSchema> = {
  kind: 'assessed',
  label: 'Đánh giá',
  criterionSchema,
  valueSchema,
  reviewerPoints: true,
  target: () => null,
  slotOf: (criterion) => slotIdOf(criterion.criterionId),
  score(criterion, { figure: figureOf }) {
    const figure = figureOf(slotIdOf(criterion.criterionId));
    const value = figure?.status === 'approved' && figure.value.kind === 'assessed' ? figure.value : null;
    if (!value) return uncounted(criterion, null, figure);
    return criterionScore(criterion, null, {
      status: 'approved',
      value,
      pointsCenti: Math.min(maxCentiOf(criterion), centi(figure?.points ?? 0)),
      met: null,
    });
  },
};
