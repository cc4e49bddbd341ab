/** Units, criteria sets and calendars: read by everyone, changed by admins with an audit trail. */

import { assertMayAccessUnit, assertMayActOnCampaign } from '../domain/auth.js';
import { calendarForYear, calendarProblems, formatDateTime } from '../domain/calendar.js';
import { sameData } from '../domain/canonical.js';
import { criteriaForLevel, taskDueDate } from '../domain/criteria.js';
import { DomainError, invalid } from '../domain/errors.js';
import { kindLabel, moduleOf, targetFor, targetText } from '../domain/kinds/index.js';
import { yearLevels } from '../domain/levels.js';
import { campaignYearBodySchema, reopenSchema } from '../domain/schemas.js';
import { ROUND_STAGE_LABELS, ROUND_STAGES, stageEnded, stageOpenAt, stageWindow } from '../domain/stages.js';
import type { Actor, Campaign, CampaignYear, HistoryAction, Level } from '../domain/types.js';
import { parseOrThrow } from '../domain/validation.js';
import type { Deps, PageQuery } from '../ports/index.js';
import {
  assertFitsItem,
  assertNotFinalized,
  assertReopenUntil,
  assignedTasks,
  auditEntry,
  boardOf,
  currentYearOf,
  cutOffOf,
  loadCampaign,
  loadCampaignYear,
  loadUnit,
  localTime,
  presentHistory,
  scheduleYear,
} from './context.js';

/** The criteria of a year (default: the current year in the campaign's time zone), for one level or all. */
export async function listCriteria(deps: Deps, params: { year?: number; level?: Level; campaignId?: string }) {
  const campaign = await loadCampaign(deps, params.campaignId);
  const current = await currentYearOf(deps, campaign);
  const cy = await loadCampaignYear(deps, campaign, params.year ?? current);
  const criteria = params.level ? criteriaForLevel(cy, params.level) : cy.criteria;
  // Whether reports are accepted now and the days left, by the platform's clock (not the browser's).
  const now = deps.clock.now().getTime();
  const closes = Date.parse(cy.calendar.submissionClosesAt);
  return {
    campaignId: campaign.campaignId,
    year: cy.year,
    submissionOpen: now >= Date.parse(cy.calendar.submissionOpensAt) && now <= closes,
    daysLeft: Math.max(0, Math.ceil((closes - now) / 86_400_000)),
    /** The year open for reports now (or the calendar year), and whom a unit asks to reopen a closed one. */
    currentYear: current,
    board: boardOf(campaign),
    calendar: presentCalendar(cy, campaign),
    /** The year's levels under their names of that time (no district level, "xã, phường, đặc khu" from 7/2025). */
    levels: yearLevels(cutOffOf(cy)),
    items: criteria.map((c) => {
      // Without a level: the target where every level has the same one, else null (see `targets`).
      const levels = params.level ? [params.level] : c.levels;
      const targets = new Set(levels.map((l) => targetFor(c, l)));
      const single = targets.size === 1;
      return {
        ...c,
        kindLabel: kindLabel(c.kind),
        source: c.source ?? null,
        target: single ? [...targets][0]! : null,
        /** Each level's own target, so a page of several levels' reports tells each whether it meets its own. */
        targetByLevel: Object.fromEntries(c.levels.map((l) => [l, targetFor(c, l)])) as Partial<
          Record<Level, number | null>
        >,
        targetText: single ? targetText(c, levels[0]!) : null,
      };
    }),
  };
}

/** A calendar with each instant also as people read it (dd/mm/yyyy HH:mm:ss in the campaign's time zone). */
export function presentCalendar(cy: CampaignYear, campaign: Campaign) {
  const local = (instant: string) => formatDateTime(instant, campaign.timeZone);
  const c = cy.calendar;
  return {
    ...c,
    submissionOpensLocal: local(c.submissionOpensAt),
    submissionClosesLocal: local(c.submissionClosesAt),
    reviewClosesLocal: local(c.reviewClosesAt),
    yearEndRunLocal: local(c.yearEndRunAt),
    /** The bình xét round's stages, each window as instants and as people read them (none: no round this year). */
    stages: ROUND_STAGES.flatMap((stage) => {
      const w = stageWindow(c, stage);
      if (!w) return [];
      return [
        {
          stage,
          label: ROUND_STAGE_LABELS[stage],
          ...w,
          opensLocal: w.opensAt && local(w.opensAt),
          closesLocal: w.closesAt && local(w.closesAt),
        },
      ];
    }),
    timeZone: campaign.timeZone,
  };
}

export async function getCampaignYear(deps: Deps, campaignId: string, year: number) {
  const campaign = await loadCampaign(deps, campaignId);
  const cy = await loadCampaignYear(deps, campaign, year);
  const calendar = presentCalendar(cy, campaign);
  const now = deps.clock.now();
  // Whether each stage is open now, by the platform's clock (not the reader's), counting an admin's reopening. A
  // stage the calendar has no window for but an admin opened (an objection stage added late) is a stage too.
  const reopenings = await Promise.all(
    ROUND_STAGES.map((stage) => deps.round.getStageReopening(campaign.campaignId, year, stage)),
  );
  const stages = ROUND_STAGES.flatMap((stage, i) => {
    const reopened = reopenings[i];
    const windowed = calendar.stages.find((s) => s.stage === stage);
    if (!windowed && !reopened) return [];
    const s = windowed ?? {
      stage,
      label: ROUND_STAGE_LABELS[stage],
      opensAt: null,
      closesAt: null,
      opensLocal: null,
      closesLocal: null,
    };
    return [
      {
        ...s,
        open: stageOpenAt(cy.calendar, stage, now, reopened?.until ?? null),
        ended: stageEnded(cy.calendar, stage, now),
        reopenedUntilLocal: reopened ? localTime(reopened.until, campaign) : null,
      },
    ];
  });
  const next = await deps.catalogue.getCampaignYear(campaign.campaignId, year + 1);
  return {
    ...cy,
    calendar: { ...calendar, stages },
    /** The year's levels under their names of that time (no district level from 1/7/2025). */
    levels: yearLevels(cutOffOf(cy)),
    /** Whether the next year has been opened (the admin opens it from this one, POST …/open-next). */
    nextYearOpened: next !== null,
  };
}

/** The recorded changes of a year's criteria set, calendar and award rules, oldest first. */
export async function campaignYearHistory(deps: Deps, campaignId: string, year: number, page: PageQuery) {
  const campaign = await loadCampaign(deps, campaignId);
  await loadCampaignYear(deps, campaign, year);
  return presentHistory(await deps.catalogue.campaignYearHistory(campaign.campaignId, year, page), campaign);
}

/** The annex tasks a unit leads in a year, under each criterion that draws on a task catalogue, with due dates. */
export async function listUnitTasks(deps: Deps, actor: Actor, unitId: string, year: number, campaignId?: string) {
  assertMayAccessUnit(actor, unitId);
  const campaign = await loadCampaign(deps, campaignId);
  const [unit, cy] = await Promise.all([loadUnit(deps, unitId), loadCampaignYear(deps, campaign, year)]);
  const perCriterion = await Promise.all(
    criteriaForLevel(cy, unit.level).map(async (c) =>
      (await assignedTasks(deps, campaign.campaignId, c, unit, year)).map((t) => ({
        criterionId: c.criterionId,
        ...t,
        dueOn: taskDueDate(t, year),
      })),
    ),
  );
  return perCriterion.flat();
}

export async function saveCampaignYear(deps: Deps, actor: Actor, campaignId: string, year: number, raw: unknown) {
  assertMayActOnCampaign(actor, campaignId);
  const body = parseOrThrow(campaignYearBodySchema, raw);
  const campaign = await loadCampaign(deps, campaignId);
  if (year < campaign.firstYear || year > campaign.lastYear)
    throw invalid('year', `phải trong giai đoạn ${campaign.firstYear}-${campaign.lastYear} của phong trào`);
  const existing = await deps.catalogue.getCampaignYear(campaignId, year);
  if (existing) await assertNotFinalized(deps, campaign, year);
  const next: CampaignYear = {
    campaignId,
    year,
    criteria: body.criteria,
    calendar:
      body.calendar ?? existing?.calendar ?? calendarForYear(campaign.calendarTemplate, year, campaign.timeZone),
    awards: body.awards ?? existing?.awards ?? campaign.awards,
    ...((body.cutOff ?? existing?.cutOff) ? { cutOff: body.cutOff ?? existing?.cutOff } : {}),
  };
  if (next.cutOff && !next.cutOff.startsWith(`${year}-`)) throw invalid('cutOff', `phải là một ngày của năm ${year}`);
  const problems = calendarProblems(next.calendar, year, campaign.timeZone);
  if (problems.length) throw new DomainError('VALIDATION_FAILED', 'Lịch của năm không hợp lệ', problems);
  for (const [i, c] of next.criteria.entries()) {
    const catalogue = moduleOf(c).taskCatalogue?.(c);
    if (catalogue && (await deps.catalogue.getTasks(campaignId, catalogue)).length === 0)
      throw invalid(`criteria.${i}.taskCatalogue`, `danh mục nhiệm vụ ${catalogue} không tồn tại`);
  }
  // `reported` is on the year's own item, read consistently: no index that might lag behind a fresh report.
  if (existing?.reported) {
    // Once units have reported, the rules of the year may only grow: new criteria, nothing else.
    const onlyAdds =
      existing.criteria.every((old) =>
        next.criteria.some((c) => c.criterionId === old.criterionId && sameData(c, old)),
      ) &&
      sameData(existing.calendar, next.calendar) &&
      sameData(existing.awards, next.awards) &&
      existing.cutOff === next.cutOff;
    if (!onlyAdds)
      throw new DomainError(
        'YEAR_LOCKED',
        `Năm ${year} đã có báo cáo của đơn vị: chỉ được bổ sung tiêu chí mới, không sửa hoặc xóa tiêu chí, lịch, ngày chốt`,
      );
  }
  const { revision, reported, ...before } = existing ?? { revision: 0, reported: false };
  // The same rules again change nothing: no new revision, no entry in the history (but the schedule is made sure of:
  // a PUT repeated after the schedule's creation failed repairs it).
  if (existing && sameData(before, next)) {
    await scheduleYear(deps, campaign, next);
    return { ...next, calendar: presentCalendar(next, campaign) };
  }
  assertFitsItem('criteria', 'Bộ tiêu chí của năm', before, next);
  const entry = auditEntry(actor, deps.clock.now(), existing ? 'criteria-set-updated' : 'criteria-set-created', {
    before: existing ? before : null,
    after: next,
  });
  const saved = await deps.catalogue.saveCampaignYear(next, entry, revision, reported ?? false);
  if (!saved) {
    throw new DomainError(
      'CONFLICT',
      'Bộ tiêu chí vừa được người khác thay đổi hoặc vừa có báo cáo đầu tiên của năm, vui lòng thử lại',
    );
  }
  await scheduleYear(deps, campaign, next);
  return { ...next, calendar: presentCalendar(next, campaign) };
}

export async function reopenUnitYear(deps: Deps, actor: Actor, unitId: string, year: number, raw: unknown) {
  const body = parseOrThrow(reopenSchema, raw);
  const campaign = await loadCampaign(deps, body.campaignId);
  assertMayActOnCampaign(actor, campaign.campaignId);
  await loadCampaignYear(deps, campaign, year);
  await assertNotFinalized(deps, campaign, year);
  await loadUnit(deps, unitId);
  const now = deps.clock.now();
  assertReopenUntil(body.until, year, now);
  return recordReopening(deps, actor, campaign, { unitId, year, until: body.until, reason: body.reason }, now);
}

/** Records that a unit-year takes reports and decisions until `until` (an admin's reopening, an accepted objection). */
export async function recordReopening(
  deps: Deps,
  actor: Actor,
  campaign: Campaign,
  r: { unitId: string; year: number; until: string; reason: string },
  now: Date,
  action: Extract<HistoryAction, 'unit-year-reopened' | 'objection-reopened'> = 'unit-year-reopened',
) {
  const reopening = { campaignId: campaign.campaignId, ...r, until: new Date(r.until).toISOString() };
  const existing = await deps.catalogue.getReopening(campaign.campaignId, r.unitId, r.year);
  const { revision, ...before } = existing ?? { revision: 0 };
  const saved = await deps.catalogue.saveReopening(
    reopening,
    auditEntry(actor, now, action, { before: existing ? before : null, after: reopening, comment: r.reason }),
    revision,
  );
  if (!saved) throw new DomainError('CONFLICT', 'Việc mở lại vừa được người khác thay đổi, vui lòng thử lại');
  return { ...reopening, untilLocal: localTime(reopening.until, campaign) };
}
