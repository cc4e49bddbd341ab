/**
 * Scoring of one unit for one campaign year. Points are kept as integer hundredths
 * ("centi-points") and ratios as integer millionths, so that no run ranks two units
 * differently because of floating-point rounding (0.7 × 10 is exactly 700 centi-points).
 */
import { criteriaForLevel, slotIdOf, targetFor, taskDueDate, tasksForUnit } from './criteria.js';
import type {
  AssessedValue,
  BooleanValue,
  CampaignYear,
  Criterion,
  RatioValue,
  SubmissionStatus,
  SubmissionValue,
  Task,
  TaskValue,
  Unit,
} from './types.js';

/** The current figure of one slot: the latest version's status and the value that counts. */
export interface CurrentFigure {
  slotId: string;
  criterionId: string;
  status: SubmissionStatus;
  /** The reviewer's corrected value where there is one, else the unit's. */
  value: SubmissionValue;
  /** Reviewer's points (assessed criteria). */
  points: number | null;
}

export type CriterionStatus = 'approved' | 'pending' | 'returned' | 'rejected' | 'incomplete' | 'missing';

export interface TaskScore {
  taskId: string;
  dueOn: string;
  status: CriterionStatus;
  timeliness: 'on_time' | 'late' | 'not_done' | null;
}

export interface CriterionScore {
  criterionId: string;
  kind: Criterion['kind'];
  status: CriterionStatus;
  value: SubmissionValue | null;
  ratio: number | null;
  target: number | null;
  met: boolean | null;
  points: number;
  maxPoints: number;
  tasks?: TaskScore[];
  /** Exact forms used for ranking. */
  pointsCenti: number;
  ratioMicro: number;
}

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

const centi = (points: number) => Math.round(points * 100);
const basisPoints = (fraction: number) => Math.round(fraction * 10_000);
/**
 * round(a × b / c) half up for non-negative integers, exactly: in Numbers while every intermediate
 * stays an exact integer (below 2^53), in BigInt beyond.
 */
function mulDivRound(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(2 * product + c) && Number.isSafeInteger(2 * c)) return floorDiv(2 * product + c, 2 * c);
  const p = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  return Number((2n * p + d) / (2n * d));
}
/** floor(n / d) for safe non-negative integers: the float quotient corrected by one where it rounded across an integer. */
function floorDiv(n: number, d: number): number {
  const q = Math.floor(n / d);
  return q * d > n ? q - 1 : (q + 1) * d <= n ? q + 1 : q;
}
const mulDivFloor = (a: number, b: number, c: number): number =>
  Number.isSafeInteger(a * b) ? floorDiv(a * b, c) : Number((BigInt(a) * BigInt(b)) / BigInt(c));
/** Exact comparison a × b >= c × d for non-negative integers. */
const productAtLeast = (a: number, b: number, c: number, d: number): boolean =>
  Number.isSafeInteger(a * b) && Number.isSafeInteger(c * d)
    ? a * b >= c * d
    : BigInt(a) * BigInt(b) >= BigInt(c) * BigInt(d);

export function ratioPointsCenti(value: RatioValue, target: number, maxCenti: number): number {
  const targetBp = basisPoints(target);
  if (targetBp === 0 || productAtLeast(value.numerator, 10_000, value.denominator, targetBp)) return maxCenti;
  // maxCenti × (numerator × 10 000) / (denominator × targetBp)
  return mulDivRound(maxCenti * 10_000, value.numerator, value.denominator * targetBp);
}

export const ratioMet = (value: RatioValue, target: number): boolean =>
  productAtLeast(value.numerator, 10_000, value.denominator, basisPoints(target));

const countable = (f: CurrentFigure | undefined): f is CurrentFigure => f?.status === 'approved';
const statusOf = (f: CurrentFigure | undefined): CriterionStatus =>
  !f ? 'missing' : f.status === 'superseded' ? 'pending' : f.status === 'submitted' ? 'pending' : f.status;

function scoreCriterion(
  criterion: Criterion,
  unit: Unit,
  year: number,
  tasks: Task[],
  bySlot: Map<string, CurrentFigure>,
): CriterionScore | null {
  const maxCenti = centi(criterion.maxPoints);
  const target = targetFor(criterion, unit.level);
  const base = {
    criterionId: criterion.criterionId,
    kind: criterion.kind,
    target,
    maxPoints: criterion.maxPoints,
    ratioMicro: 0,
  };
  const result = (
    status: CriterionStatus,
    value: SubmissionValue | null,
    pointsCenti: number,
    met: boolean | null,
    ratio: number | null = null,
    ratioMicro = 0,
  ): CriterionScore => ({ ...base, status, value, ratio, met, pointsCenti, points: pointsCenti / 100, ratioMicro });

  if (criterion.kind === 'task') {
    const assigned = tasksForUnit(tasks, unit, year);
    if (assigned.length === 0) return null; // leads no task this year: the criterion does not apply
    const lateBp = basisPoints(criterion.lateShare);
    let shareBp = 0;
    const taskScores: TaskScore[] = assigned.map((task) => {
      const figure = bySlot.get(slotIdOf(criterion.criterionId, task.taskId));
      const dueOn = taskDueDate(task, year);
      if (!countable(figure)) return { taskId: task.taskId, dueOn, status: statusOf(figure), timeliness: null };
      const v = figure.value as TaskValue;
      const timeliness = v.status === 'not_done' ? 'not_done' : (v.completedOn ?? '') <= dueOn ? 'on_time' : 'late';
      shareBp += timeliness === 'on_time' ? 10_000 : timeliness === 'late' ? lateBp : 0;
      return { taskId: task.taskId, dueOn, status: 'approved', timeliness };
    });
    const approved = taskScores.filter((t) => t.status === 'approved').length;
    const status: CriterionStatus =
      approved === assigned.length ? 'approved' : approved === 0 ? 'missing' : 'incomplete';
    const pointsCenti = mulDivRound(maxCenti, shareBp, assigned.length * 10_000);
    return {
      ...result(
        status,
        null,
        pointsCenti,
        taskScores.every((t) => t.timeliness === 'on_time'),
      ),
      tasks: taskScores,
    };
  }

  const figure = bySlot.get(slotIdOf(criterion.criterionId));
  if (!countable(figure))
    return result(
      statusOf(figure),
      (figure as CurrentFigure | undefined)?.value ?? null,
      0,
      target === null ? null : false,
    );
  switch (criterion.kind) {
    case 'ratio': {
      const v = figure.value as RatioValue;
      const ratioMicro = mulDivFloor(v.numerator, 1_000_000, v.denominator);
      return result(
        'approved',
        v,
        ratioPointsCenti(v, target ?? 0, maxCenti),
        ratioMet(v, target ?? 0),
        v.numerator / v.denominator,
        ratioMicro,
      );
    }
    case 'boolean': {
      const v = figure.value as BooleanValue;
      return result('approved', v, v.achieved ? maxCenti : 0, v.achieved);
    }
    case 'assessed':
      return result('approved', figure.value as AssessedValue, Math.min(maxCenti, centi(figure.points ?? 0)), null);
  }
}

export function scoreUnit(unit: Unit, campaignYear: CampaignYear, tasks: Task[], figures: CurrentFigure[]): UnitScore {
  const bySlot = new Map(figures.map((f) => [f.slotId, f]));
  const criteria = criteriaForLevel(campaignYear, unit.level)
    .map((c) => scoreCriterion(c, unit, campaignYear.year, tasks, bySlot))
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
