/** Lookups every use case needs: the campaign, its year, windows of the calendar. */
import { formatDateTime } from '../domain/calendar.js';
import { tasksForUnit } from '../domain/criteria.js';
import { DomainError, invalid, notFound } from '../domain/errors.js';
import { moduleOf } from '../domain/kinds/index.js';
import type { Actor, AuditEntry, Campaign, Criterion, Unit } from '../domain/types.js';
import type { CampaignYearRecord, Deps } from '../ports.js';

export async function loadCampaign(deps: Deps, campaignId = deps.defaultCampaignId): Promise<Campaign> {
  const campaign = await deps.catalogue.getCampaign(campaignId);
  if (!campaign)
    throw new DomainError('NOT_FOUND', `Không tìm thấy phong trào thi đua ${campaignId}`, [
      { field: 'campaignId', message: 'không tồn tại' },
    ]);
  return campaign;
}

/** A year outside the campaign is bad input (400), naming the field it came from. */
export async function loadCampaignYear(
  deps: Deps,
  campaign: Campaign,
  year: number,
  field = 'year',
): Promise<CampaignYearRecord> {
  const cy =
    year >= campaign.firstYear && year <= campaign.lastYear
      ? await deps.catalogue.getCampaignYear(campaign.campaignId, year)
      : null;
  if (!cy)
    throw invalid(field, `năm ${year} không thuộc phong trào ${campaign.documentNumber} hoặc chưa có bộ tiêu chí`);
  return cy;
}

/** The tasks a unit leads in a year under a criterion, for kinds that draw on a task catalogue (none otherwise). */
export async function assignedTasks(deps: Deps, campaignId: string, criterion: Criterion, unit: Unit, year: number) {
  const catalogue = moduleOf(criterion).taskCatalogue?.(criterion);
  return catalogue ? tasksForUnit(await deps.catalogue.getTasks(campaignId, catalogue), unit, year) : [];
}

export async function loadUnit(deps: Deps, unitId: string) {
  const unit = await deps.catalogue.getUnit(unitId);
  if (!unit) throw notFound(`đơn vị ${unitId}`, 'unitId');
  return unit;
}

/** An admin's reopening of a unit-year (mở lại) lets it submit and be reviewed after the calendar closed. */
export async function isReopened(
  deps: Deps,
  campaignId: string,
  unitId: string,
  year: number,
  now: Date,
): Promise<boolean> {
  const r = await deps.catalogue.getReopening(campaignId, unitId, year);
  return !!r && Date.parse(r.until) > now.getTime();
}

export const auditEntry = (
  actor: Actor,
  at: Date,
  action: string,
  extra: Omit<AuditEntry, 'at' | 'actor' | 'role' | 'action'> = {},
): AuditEntry => ({ at: at.toISOString(), actor: actor.sub, role: actor.role, action, ...extra });

export const localTime = (instant: string, campaign: Campaign) => formatDateTime(instant, campaign.timeZone);
