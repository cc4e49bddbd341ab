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
  /** Every criterion with a target met; null where none of the unit's criteria has a target (không có chỉ tiêu). */
  metAllTargets: boolean | null;
  /** The unit's figures (slots) approved by the Ban Thi đua - Khen thưởng, among its criteria's. */
  approvedFigures: number;
  criteria: CriterionScore[];
  missing: string[];
  totalCenti: number;
  /** Sum of the ratio criteria in millionths: a tie-break where the campaign's rules name it. */
  ratioSumMicro: number;
  /**
   * The DTI-style index in millionths: Σ weight × min(1, value / target) over the criteria, divided by Σ weight
   * (each criterion's attainment is its points over its maximum), rounded half up once.
   */
  indexMicro: number;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** Σ wᵢ·pᵢ/mᵢ ÷ Σ wᵢ × 10⁶, exactly (BigInt fractions), rounded half up: weights, points and maxima in hundredths. */
export function indexMicroOf(parts: Array<{ weightCenti: number; pointsCenti: number; maxCenti: number }>): number {
  const counted = parts.filter((p) => p.maxCenti > 0 && p.weightCenti > 0);
  if (counted.length === 0) return 0;
  let num = 0n;
  let den = 1n;
  for (const p of counted) {
    // num/den + w·p/m
    const m = BigInt(p.maxCenti);
    num = num * m + BigInt(p.weightCenti) * BigInt(p.pointsCenti) * den;
    den *= m;
    const g = gcd(num, den);
    if (g > 1n) {
      num /= g;
      den /= g;
    }
  }
  const weights = BigInt(counted.reduce((s, p) => s + p.weightCenti, 0));
  const n = num * 1_000_000n;
  const d = den * weights;
  return Number((2n * n + d) / (2n * d));
}

export function scoreUnit(unit: Unit, campaignYear: CampaignYear, tasks: Task[], figures: CurrentFigure[]): UnitScore {
  const bySlot = new Map(figures.map((f) => [f.slotId, f]));
  const context = { unit, year: campaignYear.year, tasks, figure: (slotId: string) => bySlot.get(slotId) };
  const criteria = criteriaForLevel(campaignYear, unit.level)
    .map((c) => moduleOf(c).score(c, context))
    .filter((c): c is CriterionScore => c !== null);
  const totalCenti = criteria.reduce((s, c) => s + c.pointsCenti, 0);
  const weightOf = new Map(
    criteriaForLevel(campaignYear, unit.level).map((c) => [c.criterionId, c.weight ?? c.maxPoints]),
  );
  const maxCenti = criteria.reduce((s, c) => s + centi(c.maxPoints), 0);
  const targeted = criteria.filter((c) => c.target !== null);
  const counted = new Set(criteria.map((c) => c.criterionId));
  return {
    unitId: unit.unitId,
    year: campaignYear.year,
    totalPoints: totalCenti / 100,
    maxPoints: maxCenti / 100,
    metAllTargets: targeted.length === 0 ? null : targeted.every((c) => c.met === true),
    approvedFigures: figures.filter((f) => f.status === 'approved' && counted.has(f.criterionId)).length,
    criteria,
    missing: criteria.filter((c) => c.status === 'missing' || c.status === 'incomplete').map((c) => c.criterionId),
    totalCenti,
    ratioSumMicro: criteria.reduce((s, c) => s + c.ratioMicro, 0),
    indexMicro: indexMicroOf(
      criteria.map((c) => ({
        weightCenti: centi(weightOf.get(c.criterionId)!),
        pointsCenti: c.pointsCenti,
        maxCenti: centi(c.maxPoints),
      })),
    ),
  };
}
