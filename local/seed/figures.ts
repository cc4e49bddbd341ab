/** The demo's figures: plausible, different per unit and year, and the same on every machine. */
import type { Criterion, Task, Unit } from '../../shared/domain/types.js';

/** A stable number in [0, 1) per text: the demo figures are the same on every machine. */
export function stableFraction(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}

/**
 * A plausible figure reported on `today` (yyyy-mm-dd): each unit has a steady strength, so some units meet every
 * target and others fall short; a task is done only on a day already past.
 */
export function demoValue(
  criterion: Criterion,
  unit: Unit,
  year: number,
  today: string,
  task?: Task,
): Record<string, unknown> {
  const strength = stableFraction(`${year}:${unit.unitId}`);
  const r = stableFraction(`${year}:${unit.unitId}:${criterion.criterionId}:${task?.taskId ?? ''}`);
  switch (criterion.kind) {
    case 'ratio': {
      const denominator = 200 + Math.floor(r * 1800);
      const ratio = Math.min(
        1,
        Math.max(0, (criterion.targets[unit.level] ?? 1) + (strength - 0.4) * 0.2 + (r - 0.5) * 0.06),
      );
      return { numerator: Math.round(ratio * denominator), denominator };
    }
    case 'boolean':
      return { achieved: strength > 0.15 || r < 0.5 };
    case 'task': {
      const completedOn = `${year}-${String(3 + Math.floor(r * 8)).padStart(2, '0')}-15`;
      return (strength > 0.2 || r < 0.6) && completedOn <= today
        ? { taskId: task!.taskId, status: 'done', completedOn }
        : { taskId: task!.taskId, status: 'not_done' };
    }
    case 'count': {
      const target = criterion.targets[unit.level] ?? 1;
      return { count: Math.max(0, Math.round(target * (0.5 + strength) + (r - 0.5))) };
    }
    case 'assessed':
      return {
        summary: `${unit.name}: ứng dụng nền tảng số trong quản trị và cung cấp dịch vụ mới cho khách hàng năm ${year}.`,
      };
  }
}

/** A demo report's evidence: a plausible document reference issued on the given day, and no made-up address. */
export const demoEvidence = (unit: Unit, year: number, issuedOn: string) => [
  {
    title: `Báo cáo kết quả thực hiện chuyển đổi số năm ${year} của ${unit.name}`,
    documentNumber: `${10 + Math.floor(stableFraction(unit.unitId) * 300)}/BC-${(unit.code ?? unit.unitId).toUpperCase()}`,
    issuedOn,
  },
];

/** Points a reviewer gives an assessed criterion: between half and all of its points, in half points. */
export const demoPoints = (criterion: Criterion, submissionId: string) =>
  Math.round(criterion.maxPoints * (0.5 + stableFraction(submissionId) / 2) * 2) / 2;
