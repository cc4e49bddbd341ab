/**
 * A movement's structure, loaded the way a province would: the campaign, its task catalogue, its own units, the
 * unit files through the unit import (old structure first, so the new units' lineage resolves), the years its
 * documents define, and each year's participants through the cluster import. Each step is skipped where it is done
 * already, so an interrupted start picks up where it stopped.
 */
import { validOn } from '../../shared/domain/lineage.js';
import { IMPORT_COLUMNS, parseCsv, REQUIRED_COLUMNS, sheetRows } from '../../shared/domain/tables.js';
import type { Actor, Unit } from '../../shared/domain/types.js';
import type { Deps } from '../../shared/ports/index.js';
import { saveCampaign, saveTaskCatalogue } from '../../shared/services/campaigns.js';
import { saveCampaignYear } from '../../shared/services/catalogue.js';
import { cutOffOf } from '../../shared/services/context.js';
import { importClusters, importUnits } from '../../shared/services/unit-imports.js';
import { saveUnit } from '../../shared/services/units.js';
import type { Movement, YearParticipants } from './movements.js';
import { unitFileText } from './movements.js';

export const SEED_ADMIN: Actor = { sub: 'seed-admin', role: 'admin', unitId: null };

const fileRows = (name: string) =>
  sheetRows(parseCsv(unitFileText(name)), REQUIRED_COLUMNS.units, IMPORT_COLUMNS.units);

/** The movement's campaign, tasks, units and the years its documents define; whether it stored anything. */
export async function seedStructure(deps: Deps, m: Movement): Promise<boolean> {
  const { campaignId, ...campaign } = m.campaign;
  if (await deps.catalogue.getCampaignYear(campaignId, Math.max(...Object.keys(m.years).map(Number)))) return false;
  if (!(await deps.catalogue.getCampaign(campaignId))) await saveCampaign(deps, SEED_ADMIN, campaignId, campaign);
  if (!(await deps.catalogue.getTasks(campaignId, m.taskCatalogue)).length)
    await saveTaskCatalogue(deps, SEED_ADMIN, campaignId, m.taskCatalogue, { tasks: m.tasks });
  // Predecessors before their successors: a unit's lineage is checked against the units already there.
  for (const { unitId, ...u } of [...m.units].sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? '')))
    if (!(await deps.catalogue.getUnit(unitId))) await saveUnit(deps, SEED_ADMIN, unitId, u);
  for (const name of m.unitFiles) {
    const rows = fileRows(name);
    const last = rows.at(-1)?.values.unitId;
    if (last && (await deps.catalogue.getUnit(last))) continue;
    await importUnits(deps, SEED_ADMIN, {
      dryRun: false,
      sheet: async () => ({ rows, sha256: name }),
      source: `Nhập từ tệp ${name} (danh mục đơn vị hành chính, shared/data/units-2025)`,
    });
  }
  for (const unitId of m.mailboxes ?? []) {
    const { unitId: _id, revision: _r, ...unit } = (await deps.catalogue.getUnit(unitId))!;
    if (!unit.contactEmail)
      await saveUnit(deps, SEED_ADMIN, unitId, { ...unit, contactEmail: `vanthu.${unitId}@thi-dua.invalid` });
  }
  for (const [year, { criteria, cutOff }] of Object.entries(m.years))
    if (!(await deps.catalogue.getCampaignYear(campaignId, Number(year))))
      await saveCampaignYear(deps, SEED_ADMIN, campaignId, Number(year), { criteria, ...(cutOff ? { cutOff } : {}) });
  return true;
}

/** Units of the movement's own files (the registry holds every province's). */
const movementUnitIds = (m: Movement) =>
  new Set(m.unitFiles.flatMap((name) => fileRows(name).map((r) => r.values.unitId!)));

const ILLUSTRATIVE = 'cum-minh-hoa-';

/** A commune's former district: the district most of its predecessors belonged to (the first of a tie). */
function formerDistrict(unit: Unit, units: Map<string, Unit>): Unit | null {
  const districts = unit.predecessors
    .map((p) => units.get(p.unitId))
    .map((p) => (p?.level === 'district' ? p : p?.parentId ? units.get(p.parentId) : undefined))
    .filter((d): d is Unit => d !== undefined);
  const count = (d: Unit) => districts.filter((x) => x.unitId === d.unitId).length;
  return districts.reduce<Unit | null>((best, d) => (!best || count(d) > count(best) ? d : best), null);
}

/**
 * Illustrative clusters (cụm minh họa) of a year's commune-level units: each under its former district, districts
 * joined in the order of their codes until a cluster has `minMembers` units (the last one joins the one before it
 * when it is smaller). Members in code order: the first is the head, the second the deputy.
 */
export function illustrativeClusters(communes: Unit[], units: Map<string, Unit>, minMembers: number) {
  const byDistrict = new Map<string, { district: Unit; members: Unit[] }>();
  for (const c of communes) {
    const d = formerDistrict(c, units);
    if (!d) continue;
    const entry = byDistrict.get(d.unitId) ?? { district: d, members: [] };
    entry.members.push(c);
    byDistrict.set(d.unitId, entry);
  }
  const code = (u: Unit) => u.code ?? u.unitId;
  const groups: Array<{ districts: Unit[]; members: Unit[] }> = [];
  for (const { district, members } of [...byDistrict.values()].sort((a, b) =>
    code(a.district).localeCompare(code(b.district)),
  )) {
    const open = groups.at(-1);
    if (open && open.members.length < minMembers) {
      open.districts.push(district);
      open.members.push(...members);
    } else groups.push({ districts: [district], members: [...members] });
  }
  const tail = groups.at(-1);
  if (groups.length > 1 && tail && tail.members.length < minMembers) {
    groups.pop();
    groups.at(-1)!.districts.push(...tail.districts);
    groups.at(-1)!.members.push(...tail.members);
  }
  const lower = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
  return groups.map((g, i) => ({
    clusterId: `${ILLUSTRATIVE}${String(i + 1).padStart(2, '0')}`,
    name: `Cụm minh họa số ${i + 1} (khu vực ${g.districts.map((d) => lower(d.name)).join(', ')} cũ)`,
    members: g.members.sort((a, b) => code(a).localeCompare(code(b))).map((u) => u.unitId),
  }));
}

/** The year's clusters from the movement's data, through the cluster import (skipped where the year has them). */
export async function seedParticipants(deps: Deps, m: Movement, year: number, p: YearParticipants): Promise<void> {
  const { campaignId } = m.campaign;
  // A year opened from the one before has that year's clusters until the demo's own replace them.
  const existing = await deps.catalogue.getYearClusters(campaignId, year);
  if (existing && (!p.communes || existing.clusters.some((c) => c.clusterId.startsWith(ILLUSTRATIVE)))) return;
  const cy = (await deps.catalogue.getCampaignYear(campaignId, year))!;
  const names = new Map(m.campaign.clusters.map((c) => [c.clusterId, c.name]));
  const groups = p.blocks.map((b) => ({ ...b, name: names.get(b.clusterId)! }));
  if (p.communes) {
    const all = await deps.catalogue.listUnits({});
    const units = new Map(all.map((u) => [u.unitId, u]));
    const own = movementUnitIds(m);
    const communes = all.filter((u) => u.level === 'commune' && own.has(u.unitId) && validOn(u, cutOffOf(cy)));
    groups.push(...illustrativeClusters(communes, units, p.communes.minMembers));
  }
  const rows = groups.flatMap((g) =>
    g.members.map((unitId, i) => ({
      clusterId: g.clusterId,
      clusterName: g.name,
      unitId,
      role: ['head', 'deputy'][i] ?? 'member',
    })),
  );
  await importClusters(deps, SEED_ADMIN, campaignId, year, {
    dryRun: false,
    sheet: async () => ({ rows: rows.map((values, i) => ({ row: i + 2, values })), sha256: `seed-${year}` }),
    source: p.communes
      ? 'Dữ liệu mẫu: các xã, phường, đặc khu xếp vào cụm minh họa theo quận, huyện cũ (chưa có danh sách cụm chính thức)'
      : 'Dữ liệu mẫu của phong trào',
  });
}
