/**
 * Scoring of one unit for one campaign year. Points are kept as integer hundredths
 * ("centi-points") and ratios as integer millionths, so that no run ranks two units
 * differently because of floating-point rounding (0.7 × 10 is exactly 700 centi-points).
 */
import { criteriaForLevel, slotIdOf, targetFor, taskDueDate, tasksForUnit } from './criteria.js';
import type {
  AssessedValue, BooleanValue, CampaignYear, Criterion, RatioValue, SubmissionStatus, SubmissionValue, Task, TaskValue, Unit,
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
  submissionId: string;
}

export type CriterionStatus = 'approved' | 'pending' | 'returned' | 'rejected' | 'incomplete' | 'missing';

export interface TaskScore { taskId: string; dueOn: string; status: CriterionStatus; timeliness: 'on_time' | 'late' | 'not_done' | null }

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
/** round(a / b) half up, on non-negative BigInts. */
const divRound = (a: bigint, b: bigint) => Number((2n * a + b) / (2n * b));

export function ratioPointsCenti(value: RatioValue, target: number, maxCenti: number): number {
  const targetBp = BigInt(basisPoints(target));
  if (targetBp === 0n) return maxCenti;
  const num = BigInt(value.numerator) * 10_000n;
  const den = BigInt(value.denominator) * targetBp;
  if (num >= den) return maxCenti;
  return divRound(BigInt(maxCenti) * num, den);
}

export const ratioMet = (value: RatioValue, target: number): boolean =>
  BigInt(value.numerator) * 10_000n >= BigInt(basisPoints(target)) * BigInt(value.denominator);

const countable = (f: CurrentFigure | undefined): f is CurrentFigure => f?.status === 'approved';
const statusOf = (f: CurrentFigure | undefined): CriterionStatus =>
  !f ? 'missing' : f.status === 'superseded' ? 'pending' : f.status === 'submitted' ? 'pending' : f.status;

function scoreCriterion(criterion: Criterion, unit: Unit, year: number, tasks: Task[], bySlot: Map<string, CurrentFigure>): CriterionScore | null {
  const maxCenti = centi(criterion.maxPoints);
  const target = targetFor(criterion, unit.level);
  const base = { criterionId: criterion.criterionId, kind: criterion.kind, target, maxPoints: criterion.maxPoints, ratioMicro: 0 };
  const result = (status: CriterionStatus, value: SubmissionValue | null, pointsCenti: number, met: boolean | null, ratio: number | null = null, ratioMicro = 0): CriterionScore =>
    ({ ...base, status, value, ratio, met, pointsCenti, points: pointsCenti / 100, ratioMicro });

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
    const status: CriterionStatus = approved === assigned.length ? 'approved' : approved === 0 ? 'missing' : 'incomplete';
    const pointsCenti = divRound(BigInt(maxCenti) * BigInt(shareBp), BigInt(assigned.length) * 10_000n);
    return { ...result(status, null, pointsCenti, taskScores.every((t) => t.timeliness === 'on_time')), tasks: taskScores };
  }

  const figure = bySlot.get(slotIdOf(criterion.criterionId));
  if (!countable(figure)) return result(statusOf(figure), (figure as CurrentFigure | undefined)?.value ?? null, 0, target === null ? null : false);
  switch (criterion.kind) {
    case 'ratio': {
      const v = figure.value as RatioValue;
      const ratioMicro = Number((BigInt(v.numerator) * 1_000_000n) / BigInt(v.denominator));
      return result('approved', v, ratioPointsCenti(v, target ?? 0, maxCenti), ratioMet(v, target ?? 0), v.numerator / v.denominator, ratioMicro);
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
