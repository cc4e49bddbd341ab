/** Assessed criteria (đánh giá): the unit describes its result, the reviewer gives the points. */
import * as z from 'zod/mini';
import { slotIdOf } from '../criteria.js';
import { centi } from '../exact.js';
import { criterionBase, text } from '../validation.js';
import { criterionScore, type KindModule, maxCentiOf, uncounted } from './kind.js';

const criterionSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ ...criterionBase(), kind: z.literal('assessed') }),
);
export type AssessedCriterion = z.output<typeof criterionSchema>;

const valueSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ kind: z._default(z.literal('assessed'), 'assessed'), summary: text(5000) }),
);
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
