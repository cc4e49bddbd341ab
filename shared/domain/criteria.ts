/** Criteria sets: which criteria apply to a unit, their targets, and the tasks a unit leads in a year. */
import type { CampaignYear, Criterion, Level, Task, Unit } from './types.js';

export const appliesTo = (criterion: Criterion, level: Level): boolean => criterion.levels.includes(level);

export const criteriaForLevel = (campaignYear: CampaignYear, level: Level): Criterion[] =>
  campaignYear.criteria.filter((c) => appliesTo(c, level));

export interface TimeFrame {
  from: number;
  to: number | null;
  recurring: boolean;
}

/** "2022" | "2022-2025" | "Từ 2022" | "Hằng năm" (also spelled "Hàng năm"), optionally after "Năm" or "Giai đoạn". */
export function parseTimeFrame(text: string): TimeFrame {
  const t = text
    .normalize('NFC')
    .trim()
    .replace(/^(giai đoạn|năm)\s+/i, '')
    .replace(/\s*[–—]\s*/g, '-');
  if (/^h[aàằ]ng năm$/i.test(t)) return { from: 0, to: null, recurring: true };
  const from = /^từ (\d{4})$/i.exec(t);
  if (from) return { from: Number(from[1]), to: null, recurring: true };
  const range = /^(\d{4})\s*-\s*(\d{4})$/.exec(t);
  if (range) return { from: Number(range[1]), to: Number(range[2]), recurring: false };
  const single = /^(\d{4})$/.exec(t);
  if (single) return { from: Number(single[1]), to: Number(single[1]), recurring: false };
  throw new Error(`unrecognised time frame "${text}"`);
}

/** Whether a time frame is one the platform can schedule (the task catalogue refuses any other). */
export function isTimeFrame(text: string): boolean {
  try {
    parseTimeFrame(text);
    return true;
  } catch {
    return false;
  }
}

export function taskIsDueIn(task: Task, year: number): boolean {
  const frame = parseTimeFrame(task.timeFrame);
  return year >= frame.from && (frame.to === null || year <= frame.to);
}

/** The last day (yyyy-mm-dd) a task counts as done on time when reported for `year`. */
export function taskDueDate(task: Task, year: number): string {
  const frame = parseTimeFrame(task.timeFrame);
  return `${frame.recurring || frame.to === null ? year : frame.to}-12-31`;
}

/**
 * A unit leads a task assigned to it, to its level, or to a unit it was formed from: a department merged in 2025
 * carries on the tasks its predecessors were assigned by name.
 */
export const leadsTask = (task: Task, unit: Unit): boolean =>
  task.leadUnitIds.includes(unit.unitId) ||
  task.leadLevels.includes(unit.level) ||
  unit.predecessors.some((p) => task.leadUnitIds.includes(p.unitId));

/** Tasks of the annex this unit leads (đơn vị chủ trì) and that fall in the year. */
export const tasksForUnit = (tasks: Task[], unit: Unit, year: number): Task[] =>
  tasks.filter((t) => leadsTask(t, unit) && taskIsDueIn(t, year));

/** One figure per unit, year and criterion; a task criterion holds one per task. */
export const slotIdOf = (criterionId: string, taskId?: string): string =>
  taskId ? `${criterionId}~${taskId}` : criterionId;
