/**
 * Campaigns (phong trào thi đua) and their task catalogues, created and changed by admins through the API alone:
 * a new province or a new movement is data. Every change is recorded in the campaign's history.
 */
import { assertMayActOnCampaign } from '../domain/auth.js';
import { sameData } from '../domain/canonical.js';
import { DomainError, invalid } from '../domain/errors.js';
import { moduleOf } from '../domain/kinds/index.js';
import { campaignBodySchema, taskCatalogueBodySchema } from '../domain/schemas.js';
import type { Actor, Campaign } from '../domain/types.js';
import { parseOrThrow } from '../domain/validation.js';
import type { CampaignRecord, Deps, PageQuery } from '../ports/index.js';
import { assertFitsItem, auditEntry, loadCampaign, presentHistory, scheduleYear } from './context.js';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

const presentCampaign = ({ revision: _r, ...c }: CampaignRecord) => c;

export async function listCampaigns(deps: Deps) {
  return (await deps.catalogue.listCampaigns()).map(presentCampaign);
}

export async function getCampaign(deps: Deps, campaignId: string) {
  return presentCampaign(await loadCampaign(deps, campaignId));
}

/** The years of a campaign that have reports: their rules, and how results are expressed, are locked. */
async function reportedYears(deps: Deps, campaign: Campaign): Promise<number[]> {
  const years = Array.from({ length: campaign.lastYear - campaign.firstYear + 1 }, (_, i) => campaign.firstYear + i);
  const records = await Promise.all(years.map((y) => deps.catalogue.getCampaignYear(campaign.campaignId, y)));
  return records.flatMap((r) => (r?.reported ? [r.year] : []));
}

export async function saveCampaign(deps: Deps, actor: Actor, campaignId: string, raw: unknown): Promise<Campaign> {
  if (!ID.test(campaignId)) throw invalid('campaignId', 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang');
  assertMayActOnCampaign(actor, campaignId);
  const body = parseOrThrow(campaignBodySchema, raw);
  const existing = await deps.catalogue.getCampaign(campaignId);
  const next: Campaign = { campaignId, ...body };
  if (existing) {
    const reported = await reportedYears(deps, existing);
    if (reported.length && (existing.results ?? 'points') !== (next.results ?? 'points'))
      throw new DomainError(
        'YEAR_LOCKED',
        `Năm ${reported.join(', ')} đã có báo cáo: không đổi cách thể hiện kết quả (điểm hay chỉ số) của phong trào`,
        [{ field: 'results', message: 'không đổi được khi đã có báo cáo' }],
      );
    const outside = reported.filter((y) => y < next.firstYear || y > next.lastYear);
    if (outside.length) throw invalid('firstYear', `phải bao gồm các năm đã có báo cáo (${outside.join(', ')})`);
  }
  const { revision, ...before } = existing ?? { revision: 0 };
  // The same campaign again changes nothing: no new revision, no entry in the history.
  if (existing && sameData(before, next)) return next;
  const entry = auditEntry(actor, deps.clock.now(), existing ? 'campaign-updated' : 'campaign-created', {
    before: existing ? before : null,
    after: next,
  });
  if (!(await deps.catalogue.saveCampaign(next, entry, revision)))
    throw new DomainError('CONFLICT', 'Phong trào vừa được người khác thay đổi, vui lòng thử lại');
  // Reminder settings and the campaign's years shape every year's schedules.
  const first = Math.min(next.firstYear, existing?.firstYear ?? next.firstYear);
  const last = Math.max(next.lastYear, existing?.lastYear ?? next.lastYear);
  for (let year = first; year <= last; year++) {
    const cy = await deps.catalogue.getCampaignYear(campaignId, year);
    if (cy) await scheduleYear(deps, next, cy);
  }
  return next;
}

/** A task catalogue (danh mục nhiệm vụ) of an action programme, whole; locked once a reported year draws on it. */
export async function saveTaskCatalogue(deps: Deps, actor: Actor, campaignId: string, catalogue: string, raw: unknown) {
  if (!ID.test(catalogue)) throw invalid('catalogue', 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang');
  assertMayActOnCampaign(actor, campaignId);
  const campaign = await loadCampaign(deps, campaignId);
  const { tasks } = parseOrThrow(taskCatalogueBodySchema, raw);
  assertFitsItem('tasks', 'Danh mục nhiệm vụ', { catalogue, tasks });
  const existing = await deps.catalogue.getTaskCatalogue(campaign.campaignId, catalogue);
  if (existing && sameData(existing.tasks, tasks)) return { campaignId, catalogue, tasks, unchanged: true };
  if (existing) {
    // A task list decides which tasks units are scored on: changing it under reported figures would rescore them.
    const years = await reportedYears(deps, campaign);
    const records = await Promise.all(years.map((y) => deps.catalogue.getCampaignYear(campaign.campaignId, y)));
    const using = records.filter((r) => r?.criteria.some((c) => moduleOf(c).taskCatalogue?.(c) === catalogue));
    if (using.length)
      throw new DomainError(
        'YEAR_LOCKED',
        `Danh mục nhiệm vụ ${catalogue} được dùng cho năm đã có báo cáo (${using.map((r) => r!.year).join(', ')}): không sửa được`,
      );
  }
  const entry = auditEntry(actor, deps.clock.now(), existing ? 'task-catalogue-updated' : 'task-catalogue-created', {
    before: existing ? { catalogue, tasks: existing.tasks.length } : null,
    after: { catalogue, tasks },
  });
  if (!(await deps.catalogue.saveTasks(campaign.campaignId, catalogue, tasks, entry, existing?.revision ?? 0)))
    throw new DomainError('CONFLICT', 'Danh mục nhiệm vụ vừa được người khác thay đổi, vui lòng thử lại');
  return { campaignId, catalogue, tasks, unchanged: false };
}

export async function getTaskCatalogue(deps: Deps, campaignId: string, catalogue: string) {
  const campaign = await loadCampaign(deps, campaignId);
  const found = await deps.catalogue.getTaskCatalogue(campaign.campaignId, catalogue);
  if (!found)
    throw new DomainError('NOT_FOUND', `Không tìm thấy danh mục nhiệm vụ ${catalogue}`, [
      { field: 'catalogue', message: 'không tồn tại' },
    ]);
  return { campaignId, catalogue, tasks: found.tasks };
}

export async function campaignHistory(deps: Deps, campaignId: string, page: PageQuery) {
  const campaign = await loadCampaign(deps, campaignId);
  return presentHistory(await deps.catalogue.campaignHistory(campaign.campaignId, page), campaign);
}
