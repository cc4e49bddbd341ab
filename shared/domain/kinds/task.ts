/**
 * Task criteria (nhiệm vụ): the tasks of an action-programme annex a unit leads in the year, one figure
 * per task; a task done by the end of its time frame earns its share, a late one `lateShare` of it.
 */
import * as z from 'zod/mini';
import { slotIdOf, taskDueDate, tasksForUnit } from '../criteria.js';
import type { FieldIssue } from '../errors.js';
import { basisPoints, mulDivRound } from '../exact.js';
import { criterionBase, id, isoDate } from '../validation.js';
import { type CriterionStatus, criterionScore, type KindModule, maxCentiOf, statusOf, type TaskScore } from './kind.js';

const criterionSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    ...criterionBase(),
    kind: z.literal('task'),
    /** Which task catalogue of the campaign the tasks come from (e.g. the 284/QĐ-UBND annex). */
    taskCatalogue: id(),
    /** Share of the points a task earns when done after its time frame. */
    lateShare: z.number().check(z.minimum(0), z.maximum(1)),
  }),
);
export type TaskCriterion = z.output<typeof criterionSchema>;

const valueSchema = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      kind: z._default(z.literal('task'), 'task'),
      taskId: z.string().check(z.minLength(1), z.maxLength(32)),
      status: z.enum(['done', 'not_done']),
      completedOn: z.optional(z.nullable(isoDate())),
    })
    .check(
      z.superRefine((v, ctx) => {
        if (v.status === 'done' && !v.completedOn)
          ctx.addIssue({ code: 'custom', path: ['completedOn'], message: 'là bắt buộc khi nhiệm vụ đã hoàn thành' });
        if (v.status === 'not_done' && v.completedOn)
          ctx.addIssue({ code: 'custom', path: ['completedOn'], message: 'chỉ ghi khi nhiệm vụ đã hoàn thành' });
      }),
    ),
);
export type TaskValue = z.output<typeof valueSchema>;

export const taskKind: KindModule<typeof criterionSchema, typeof valueSchema> = {
  kind: 'task',
  label: 'Nhiệm vụ',
  criterionSchema,
  valueSchema,
  reviewerPoints: false,
  target: () => 1,
  describeTarget: () => 'Hoàn thành nhiệm vụ được giao',
  slotOf: (criterion, value) => slotIdOf(criterion.criterionId, value.taskId),
  taskCatalogue: (criterion) => criterion.taskCatalogue,
  checkValue(_criterion, value, { year, assignedTasks, today, campaignStart }) {
    const issues: FieldIssue[] = [];
    if (!assignedTasks.some((t) => t.taskId === value.taskId))
      issues.push({ field: 'taskId', message: `không phải nhiệm vụ được giao cho đơn vị (chủ trì) trong năm ${year}` });
    if (value.completedOn && value.completedOn > today)
      issues.push({ field: 'completedOn', message: 'không được sau ngày hôm nay' });
    if (value.completedOn && value.completedOn < campaignStart)
      issues.push({ field: 'completedOn', message: `không được trước khi phong trào bắt đầu (${campaignStart})` });
    return issues;
  },
  score(criterion, { unit, year, tasks, figure: figureOf }) {
    const assigned = tasksForUnit(tasks, unit, year);
    if (assigned.length === 0) return null; // leads no task this year: the criterion does not apply
    const lateBp = basisPoints(criterion.lateShare);
    let shareBp = 0;
    const taskScores = assigned.map((task): TaskScore => {
      const figure = figureOf(slotIdOf(criterion.criterionId, task.taskId));
      const dueOn = taskDueDate(task, year);
      const value = figure?.status === 'approved' && figure.value.kind === 'task' ? figure.value : null;
      if (!value) return { taskId: task.taskId, dueOn, status: statusOf(figure), timeliness: null };
      const timeliness =
        value.status === 'not_done' ? 'not_done' : (value.completedOn ?? '') <= dueOn ? 'on_time' : 'late';
      shareBp += timeliness === 'on_time' ? 10_000 : timeliness === 'late' ? lateBp : 0;
      return { taskId: task.taskId, dueOn, status: 'approved', timeliness };
    });
    const approved = taskScores.filter((t) => t.status === 'approved').length;
    const status: CriterionStatus =
      approved === assigned.length ? 'approved' : approved === 0 ? 'missing' : 'incomplete';
    return criterionScore(criterion, 1, {
      status,
      value: null,
      pointsCenti: mulDivRound(maxCentiOf(criterion), shareBp, assigned.length * 10_000),
      met: taskScores.every((t) => t.timeliness === 'on_time'),
      tasks: taskScores,
    });
  },
};
