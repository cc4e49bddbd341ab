/** Units, criteria sets and calendars: read by everyone, changed by admins with an audit trail. */
import { calendarForYear, calendarProblems, formatDateTime, yearIn } from '../domain/calendar.js';
import { criteriaForLevel, targetFor } from '../domain/criteria.js';
import { DomainError, invalid } from '../domain/errors.js';
import { campaignYearBodySchema, parseOrThrow, reopenSchema, unitBodySchema } from '../domain/schemas.js';
import type { Actor, Campaign, CampaignYear, Criterion, Level, Unit } from '../domain/types.js';
import type { Deps } from '../ports.js';
import { auditEntry, loadCampaign, loadCampaignYear, loadUnit, localTime } from './context.js';

/** The criteria of a year (default: the current year in the campaign's time zone), for one level or all. */
export async function listCriteria(deps: Deps, params: { year?: number; level?: Level; campaignId?: string }) {
  const campaign = await loadCampaign(deps, params.campaignId);
  const cy = await loadCampaignYear(deps, campaign, params.year ?? yearIn(deps.clock.now(), campaign.timeZone));
  const criteria = params.level ? criteriaForLevel(cy, params.level) : cy.criteria;
  // Whether reports are accepted now and the days left, by the platform's clock (not the browser's).
  const now = deps.clock.now().getTime();
  const closes = Date.parse(cy.calendar.submissionClosesAt);
  return {
    campaignId: campaign.campaignId,
    year: cy.year,
    submissionOpen: now >= Date.parse(cy.calendar.submissionOpensAt) && now <= closes,
    daysLeft: Math.max(0, Math.ceil((closes - now) / 86_400_000)),
    calendar: presentCalendar(cy, campaign),
    items: criteria.map((c) => ({
      criterionId: c.criterionId,
      title: c.title,
      kind: c.kind,
      target: params.level ? targetFor(c, params.level) : c.kind === 'ratio' ? null : targetFor(c, c.levels[0]!),
      maxPoints: c.maxPoints,
      levels: c.levels,
      source: c.source ?? null,
      ...(c.kind === 'ratio'
        ? { targets: c.targets, numeratorLabel: c.numeratorLabel ?? null, denominatorLabel: c.denominatorLabel ?? null }
        : {}),
      ...(c.kind === 'task' ? { lateShare: c.lateShare } : {}),
    })),
  };
}

export function presentCalendar(cy: CampaignYear, campaign: Campaign) {
  const local = Object.fromEntries(
    Object.entries(cy.calendar).map(([k, v]) => [k.replace(/At$/, 'Local'), formatDateTime(v, campaign.timeZone)]),
  );
  return { ...cy.calendar, ...local, timeZone: campaign.timeZone };
}

export async function getCampaignYear(deps: Deps, campaignId: string, year: number) {
  const campaign = await loadCampaign(deps, campaignId);
  const cy = await loadCampaignYear(deps, campaign, year);
  return {
    ...cy,
    calendar: presentCalendar(cy, campaign),
    audit: cy.audit.map((e) => ({ ...e, atLocal: localTime(e.at, campaign) })),
  };
}

export async function saveUnit(deps: Deps, actor: Actor, unitId: string, raw: unknown): Promise<Unit> {
  const body = parseOrThrow(unitBodySchema, raw);
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(unitId))
    throw invalid('unitId', 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang');
  const unit: Unit = {
    unitId,
    name: body.name,
    level: body.level,
    parentId: body.parentId ?? null,
    cluster: body.cluster ?? null,
  };
  if (unit.parentId) {
    if (unit.parentId === unitId) throw invalid('parentId', 'không được là chính đơn vị');
    if (!(await deps.catalogue.getUnit(unit.parentId)))
      throw invalid('parentId', `đơn vị cấp trên ${unit.parentId} không tồn tại`);
  }
  const existing = await deps.catalogue.getUnit(unitId);
  const { audit: _a, ...before } = existing ?? { audit: [] };
  const entry = auditEntry(actor, deps.clock.now(), existing ? 'unit-updated' : 'unit-created', {
    before: existing ? before : null,
    after: unit,
  });
  if (!(await deps.catalogue.saveUnit(unit, entry, existing ? existing.audit.length : null))) {
    throw new DomainError('CONFLICT', 'Đơn vị vừa được người khác thay đổi, vui lòng thử lại');
  }
  return unit;
}

const sameCriterion = (a: Criterion, b: Criterion) =>
  JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());

export async function saveCampaignYear(deps: Deps, actor: Actor, campaignId: string, year: number, raw: unknown) {
  const body = parseOrThrow(campaignYearBodySchema, raw);
  const campaign = await loadCampaign(deps, campaignId);
  if (year < campaign.firstYear || year > campaign.lastYear)
    throw invalid('year', `phải trong giai đoạn ${campaign.firstYear}-${campaign.lastYear} của phong trào`);
  const existing = await deps.catalogue.getCampaignYear(campaignId, year);
  const next: CampaignYear = {
    campaignId,
    year,
    criteria: body.criteria as Criterion[],
    calendar:
      body.calendar ?? existing?.calendar ?? calendarForYear(campaign.calendarTemplate, year, campaign.timeZone),
    awards: body.awards ?? existing?.awards ?? campaign.awards,
  };
  const problems = calendarProblems(next.calendar, year, campaign.timeZone);
  if (problems.length) throw new DomainError('VALIDATION_FAILED', 'Lịch của năm không hợp lệ', problems);
  for (const [i, c] of next.criteria.entries()) {
    if (c.kind === 'task' && (await deps.catalogue.getTasks(campaignId, c.taskCatalogue)).length === 0)
      throw invalid(`criteria.${i}.taskCatalogue`, `danh mục nhiệm vụ ${c.taskCatalogue} không tồn tại`);
  }
  if (existing && (await deps.submissions.hasAny(campaignId, year))) {
    // Once units have reported, the rules of the year may only grow: new criteria, nothing else.
    const onlyAdds =
      existing.criteria.every((old) =>
        next.criteria.some((c) => c.criterionId === old.criterionId && sameCriterion(c, old)),
      ) &&
      JSON.stringify(existing.calendar) === JSON.stringify(next.calendar) &&
      JSON.stringify(existing.awards) === JSON.stringify(next.awards);
    if (!onlyAdds)
      throw new DomainError(
        'YEAR_LOCKED',
        `Năm ${year} đã có báo cáo của đơn vị: chỉ được bổ sung tiêu chí mới, không sửa hoặc xóa tiêu chí, lịch`,
      );
  }
  const { audit: _a, ...before } = existing ?? { audit: [] };
  const entry = auditEntry(actor, deps.clock.now(), existing ? 'criteria-set-updated' : 'criteria-set-created', {
    before: existing ? before : null,
    after: next,
  });
  if (!(await deps.catalogue.saveCampaignYear(next, entry, existing ? existing.audit.length : null))) {
    throw new DomainError('CONFLICT', 'Bộ tiêu chí vừa được người khác thay đổi, vui lòng thử lại');
  }
  return { ...next, calendar: presentCalendar(next, campaign) };
}

export async function reopenUnitYear(deps: Deps, actor: Actor, unitId: string, year: number, raw: unknown) {
  const body = parseOrThrow(reopenSchema, raw);
  const campaign = await loadCampaign(deps, body.campaignId);
  await loadCampaignYear(deps, campaign, year);
  await loadUnit(deps, unitId);
  const now = deps.clock.now();
  if (Date.parse(body.until) <= now.getTime()) throw invalid('until', 'phải là thời điểm trong tương lai');
  const reopening = {
    campaignId: campaign.campaignId,
    unitId,
    year,
    until: new Date(body.until).toISOString(),
    reason: body.reason,
  };
  await deps.catalogue.saveReopening(
    reopening,
    auditEntry(actor, now, 'unit-year-reopened', { after: reopening, comment: body.reason }),
  );
  return { ...reopening, untilLocal: localTime(reopening.until, campaign) };
}
