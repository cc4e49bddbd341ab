/** Yes/no criteria (đạt/không đạt): all the points or none, e.g. the year's digital-transformation plan issued. */
import * as z from 'zod/mini';
import { slotIdOf } from '../criteria.js';
import { criterionBase } from '../validation.js';
import { criterionScore, type KindModule, maxCentiOf, uncounted } from './kind.js';

const criterionSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ ...criterionBase(), kind: z.literal('boolean') }),
);
export type BooleanCriterion = z.output<typeof criterionSchema>;

const valueSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ kind: z._default(z.literal('boolean'), 'boolean'), achieved: z.boolean() }),
);
export type BooleanValue = z.output<typeof valueSchema>;

export const booleanKind: KindModule<typeof criterionSchema, typeof valueSchema> = {
  kind: 'boolean',
  label: 'Đạt/không đạt',
  criterionSchema,
  valueSchema,
  reviewerPoints: false,
  target: () => 1,
  // A yes/no criterion's target is to achieve it: said so, not as "100%".
  describeTarget: () => 'Đạt',
  slotOf: (criterion) => slotIdOf(criterion.criterionId),
  score(criterion, { figure: figureOf }) {
    const figure = figureOf(slotIdOf(criterion.criterionId));
    const value = figure?.status === 'approved' && figure.value.kind === 'boolean' ? figure.value : null;
    if (!value) return uncounted(criterion, 1, figure);
    return criterionScore(criterion, 1, {
      status: 'approved',
      value,
      pointsCenti: value.achieved ? maxCentiOf(criterion) : 0,
      met: value.achieved,
    });
  },
};
