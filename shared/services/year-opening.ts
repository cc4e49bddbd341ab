/**
 * Opening the next year of a campaign from the last one (mở năm mới), as one action: its criteria set, targets and
 * award rules carried over, its calendar moved by a year, its clusters carried over with their members still in
 * existence (heads and deputies rotated only if the admin asks), each step audited in the years' histories. The
 * campaign's period grows to take the year where it ends before it. Everything stays editable until reports arrive.
 */
import { randomUUID } from 'node:crypto';
import { assertMayActOnCampaign } from '../domain/auth.js';
import { shiftCalendar } from '../domain/calendar.js';
import { DomainError } from '../domain/errors.js';
import { validOn } from '../domain/lineage.js';
import { openNextBodySchema } from '../domain/schemas.js';
import type { Actor, YearCluster } from '../domain/types.js';
import { parseOrThrow } from '../domain/validation.js';
import type { Deps } from '../ports/index.js';
import { saveCampaign } from './campaigns.js';
import { saveCampaignYear } from './catalogue.js';
import { cutOffOf, loadCampaign, loadCampaignYear } from './context.js';
import { importClusters } from './unit-imports.js';

/** A cluster a year later: the head's role goes to the deputy, the deputy's to the member after it (in id order). */
function rotated(c: YearCluster): YearCluster {
  const others = c.members.filter((m) => m !== c.deputy);
  const after = c.deputy ? c.members.indexOf(c.deputy) : -1;
  const nextDeputy =
    [...c.members.slice(after + 1), ...c.members.slice(0, after + 1)].find((m) => m !== c.deputy && m !== c.head) ??
    c.head;
  return { ...c, head: c.deputy ?? others[0] ?? null, deputy: c.deputy ? nextDeputy : null };
}

export async function openNextYear(deps: Deps, actor: Actor, campaignId: string, year: number, raw: unknown) {
  assertMayActOnCampaign(actor, campaignId);
  const { rotateHeads } = parseOrThrow(openNextBodySchema, raw);
  const campaign = await loadCampaign(deps, campaignId);
  const from = await loadCampaignYear(deps, campaign, year);
  const next = year + 1;
  if (await deps.catalogue.getCampaignYear(campaign.campaignId, next))
    throw new DomainError('CONFLICT', `Năm ${next} của phong trào đã được mở`, [
      { field: 'year', message: `năm ${next} đã có bộ tiêu chí` },
    ]);
  // A movement carried beyond the period its plan named grows by the year, recorded in its history.
  if (next > campaign.lastYear) {
    const { campaignId: _id, revision: _r, ...body } = campaign;
    await saveCampaign(deps, actor, campaign.campaignId, { ...body, lastYear: next });
  }
  const opened = await saveCampaignYear(deps, actor, campaign.campaignId, next, {
    criteria: from.criteria,
    calendar: shiftCalendar(from.calendar, 1, campaign.timeZone),
    awards: from.awards,
  });
  // The clusters of the year before, with the members that still exist on the new year's cut-off day.
  const previous = (await deps.catalogue.getYearClusters(campaign.campaignId, year))?.clusters ?? [];
  const units = new Map((await deps.catalogue.listUnits({})).map((u) => [u.unitId, u]));
  const day = cutOffOf({ year: next });
  const alive = (id: string | null) => (id && units.get(id) && validOn(units.get(id)!, day) ? id : null);
  const carried = previous
    .map((c) => (rotateHeads ? rotated(c) : c))
    .map((c) => {
      const members = c.members.filter((m) => alive(m));
      // A head that no longer exists is replaced by its deputy, or the first member.
      const head = alive(c.head) ?? alive(c.deputy) ?? members[0] ?? null;
      return { ...c, members, head, deputy: alive(c.deputy) !== head ? alive(c.deputy) : null };
    })
    .filter((c) => c.members.length > 0);
  const rows = carried.flatMap((c) =>
    c.members.map((unitId) => ({
      clusterId: c.clusterId,
      clusterName: c.name,
      unitId,
      role: unitId === c.head ? 'head' : unitId === c.deputy ? 'deputy' : 'member',
    })),
  );
  const clusters = rows.length
    ? await importClusters(deps, actor, campaign.campaignId, next, {
        dryRun: false,
        sheet: async () => ({ rows: rows.map((values, i) => ({ row: i + 2, values })), sha256: randomUUID() }),
        source: `Chuyển từ các cụm, khối năm ${year}${rotateHeads ? ', luân chuyển trưởng, phó cụm' : ''}`,
      })
    : null;
  return {
    campaignId: campaign.campaignId,
    year: next,
    from: year,
    rotateHeads,
    criteria: opened.criteria.length,
    calendar: opened.calendar,
    clusters: clusters?.clusters ?? [],
  };
}
