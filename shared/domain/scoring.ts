/**
 * Scoring of one unit for one campaign year, from the current figures of its slots. Each criterion is
 * scored by its kind's module (kinds/); points are exact integer hundredths, ratios integer millionths.
 */
import { criteriaForLevel } from './criteria.js';
import { centi } from './exact.js';
import { moduleOf } from './kinds/index.js';
import type { CriterionScore, CurrentFigure } from './kinds/kind.js';
import type { CampaignYear, Task, Unit } from './types.js';

export type { CriterionScore, CriterionStatus, CurrentFigure, TaskScore } from './kinds/kind.js';
export { ratioMet, ratioPointsCenti } from './kinds/ratio.js';

export interface UnitScore {
  unitId: string;
  year: number;
  totalPoints: number;
  maxPoints: number;
  metAllTargets: boolean;
  criteria: CriterionScore[];
  missing: string[];
  totalCenti: number;
  /** Sum of the ratio criteria in millionths: the third tie-break. */
  ratioSumMicro: number;
}

export function scoreUnit(unit: Unit, campaignYear: CampaignYear, tasks: Task[], figures: CurrentFigure[]): UnitScore {
  const bySlot = new Map(figures.map((f) => [f.slotId, f]));
  const context = { unit, year: campaignYear.year, tasks, figure: (slotId: string) => bySlot.get(slotId) };
  const criteria = criteriaForLevel(campaignYear, unit.level)
    .map((c) => moduleOf(c).score(c, context))
    .filter((c): c is CriterionScore => c !== null);
  const totalCenti = criteria.reduce((s, c) => s + c.pointsCenti, 0);
  const maxCenti = criteria.reduce((s, c) => s + centi(c.maxPoints), 0);
  return {
    unitId: unit.unitId,
    year: campaignYear.year,
    totalPoints: totalCenti / 100,
    maxPoints: maxCenti / 100,
    metAllTargets: criteria.length > 0 && criteria.every((c) => c.met !== false),
    criteria,
    missing: criteria.filter((c) => c.status === 'missing' || c.status === 'incomplete').map((c) => c.criterionId),
    totalCenti,
    ratioSumMicro: criteria.reduce((s, c) => s + c.ratioMicro, 0),
  };
}
