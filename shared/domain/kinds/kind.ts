/**
 * What a criterion kind (loại tiêu chí) is: one module per kind holds its schemas, target, scoring,
 * review rules and label, so adding a kind is one new module and one line in the registry (index.ts).
 */
import type * as z from 'zod/mini';
import type { FieldIssue } from '../errors.js';
import { centi } from '../exact.js';
import type { Level, SubmissionStatus, Task, Unit } from '../types.js';
import type { CriterionKind, FigureValue } from './index.js';

/** The current figure of one slot: the latest version's status and the value that counts. */
export interface CurrentFigure {
  slotId: string;
  criterionId: string;
  status: SubmissionStatus;
  /** The reviewer's corrected value where there is one, else the unit's. */
  value: FigureValue;
  /** Reviewer's points (kinds scored by the reviewer). */
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
  kind: CriterionKind;
  status: CriterionStatus;
  value: FigureValue | null;
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

/** What scoring a criterion may look at: the unit, the year, the campaign's tasks and the unit's current figures. */
export interface ScoringContext {
  unit: Unit;
  year: number;
  tasks: Task[];
  figure(slotId: string): CurrentFigure | undefined;
}

/** What checking a reported value may look at beyond its shape. */
export interface ValueContext {
  year: number;
  /** The tasks the unit leads that year (kinds with a task catalogue only). */
  assignedTasks: Task[];
  /** Today in the campaign's time zone (yyyy-mm-dd). */
  today: string;
  /** The first day of the campaign (yyyy-mm-dd): nothing reported happened before it. */
  campaignStart: string;
}

interface CriterionShape {
  kind: string;
  criterionId: string;
  maxPoints: number;
}

/**
 * A kind, typed by its two schemas: the criterion's and the value's (input without `kind`, output tagged).
 * Modules declare this type explicitly, so the registry's unions can be derived from them without a cycle.
 * Both schemas are lazy (built on first use), like the API's other schemas.
 */
export interface KindModule<
  CS extends z.ZodMiniType<CriterionShape>,
  VS extends z.ZodMiniType<{ kind: z.output<CS>['kind'] }, unknown>,
  C extends z.output<CS> = z.output<CS>,
  V extends z.output<VS> = z.output<VS>,
> {
  kind: C['kind'];
  /** Vietnamese name of the kind, as the console and reports show it. */
  label: string;
  criterionSchema: CS;
  valueSchema: VS;
  /** Target for a level (a fraction 0..1, or a count for kinds that count), or null where the kind has none. */
  target(criterion: C, level: Level): number | null;
  /** The target in words, as the console and reports show it (default: a percentage). */
  describeTarget?(criterion: C, target: number): string;
  /** The slot a value fills: one per criterion, or one per task. */
  slotOf(criterion: C, value: V): string;
  /** Checks beyond the value's shape; fields are relative to the value. */
  checkValue?(criterion: C, value: V, context: ValueContext): FieldIssue[];
  /** The task catalogue a criterion draws on, for kinds that have one. */
  taskCatalogue?(criterion: C): string;
  /** null: the criterion does not apply to the unit (e.g. it leads no task that year). */
  score(criterion: C, context: ScoringContext): CriterionScore | null;
  /** Review rules: whether an approval carries the reviewer's points (and nothing else does). */
  reviewerPoints: boolean;
}

export const statusOf = (f: CurrentFigure | undefined): CriterionStatus =>
  !f ? 'missing' : f.status === 'superseded' || f.status === 'submitted' ? 'pending' : f.status;

/** A criterion's score from its parts; `pointsCenti` is exact, `points` derived from it. */
export function criterionScore(
  criterion: CriterionShape & { kind: CriterionKind },
  target: number | null,
  parts: Pick<CriterionScore, 'status' | 'value' | 'pointsCenti' | 'met'> &
    Partial<Pick<CriterionScore, 'ratio' | 'ratioMicro' | 'tasks'>>,
): CriterionScore {
  return {
    criterionId: criterion.criterionId,
    kind: criterion.kind,
    target,
    maxPoints: criterion.maxPoints,
    ratio: null,
    ratioMicro: 0,
    ...parts,
    points: parts.pointsCenti / 100,
  };
}

/** The score of a criterion whose one slot holds nothing that counts (missing, pending, returned or rejected). */
export const uncounted = (
  criterion: CriterionShape & { kind: CriterionKind },
  target: number | null,
  figure: CurrentFigure | undefined,
): CriterionScore =>
  criterionScore(criterion, target, {
    status: statusOf(figure),
    value: figure?.value ?? null,
    pointsCenti: 0,
    met: target === null ? null : false,
  });

export const maxCentiOf = (criterion: CriterionShape) => centi(criterion.maxPoints);
