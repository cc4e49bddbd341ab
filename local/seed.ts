/**
 * Demo data for a first start: the Hải Phòng campaign 175/KH-UBND (2024-2026, the 284/QĐ-UBND task annex,
 * the city before and after the 2025 reorganisation, its clusters), and two more movements from the source
 * documents — Đà Nẵng's 2780/QĐ-UBND scheme (index-style results) and Khánh Hòa's communication plan — each with
 * a finished year (approved figures and a year-end run) so a new user sees real rankings. Everything goes
 * through the same use cases as the API, under a clock set to the dates it would have happened on.
 */

import { fixedClock } from '../adapters/deps.js';
import { campaignDefinitions } from '../shared/data/campaigns.js';
import daNang from '../shared/data/da-nang/campaign-dn-2780.json' with { type: 'json' };
import tasks from '../shared/data/hai-phong/tasks-284.json' with { type: 'json' };
import unitsData from '../shared/data/hai-phong/units.json' with { type: 'json' };
import reform from '../shared/data/hai-phong/units-2025-reform.json' with { type: 'json' };
import khanhHoa from '../shared/data/khanh-hoa/campaign-kh-tt-cds.json' with { type: 'json' };
import { criteriaForLevel, tasksForUnit } from '../shared/domain/criteria.js';
import { validOn, withUnitDefaults } from '../shared/domain/lineage.js';
import type { Actor, Campaign, Criterion, Level, Task, Unit } from '../shared/domain/types.js';
import type { Deps } from '../shared/ports.js';
import { saveCampaign, saveTaskCatalogue } from '../shared/services/campaigns.js';
import { saveCampaignYear } from '../shared/services/catalogue.js';
import { unitsOfYear } from '../shared/services/context.js';
import { decide } from '../shared/services/reviews.js';
import { runAggregation } from '../shared/services/runs.js';
import { submitFigure } from '../shared/services/submissions.js';
import { importClusters, saveUnit } from '../shared/services/units.js';

const demo = campaignDefinitions['hp-175']!;
export const demoCampaign: Campaign = demo.campaign;
export const demoCriteria: Record<string, Criterion[]> = demo.criteriaByYear;
/** The 2022 list and the units of the 2025 reorganisation (with the sources each is taken from). */
export const demoUnits = [...unitsData, ...reform.units.map(({ source: _source, ...u }) => u)] as Unit[];
export const demoTasks = tasks as Task[];

const SEED_ADMIN: Actor = { sub: 'seed-admin', role: 'admin', unitId: null };
const SEED_REVIEWER: Actor = { sub: 'seed-reviewer', role: 'reviewer', unitId: null };
const LEVEL_ORDER: Level[] = ['department', 'district', 'enterprise', 'commune'];

/**
 * The demo's clusters of 2026 (the merged city): the blocks of departments as before, one cluster of the
 * commune-level units the sources let us seed, the heads and deputies for the demo (a province imports its own).
 */
const CLUSTERS_2026: Array<{ clusterId: string; members: string[] }> = [
  {
    clusterId: 'khoi-kinh-te',
    members: ['so-tai-chinh-2025', 'so-xay-dung', 'so-nn-mt', 'so-khcn-2025', 'so-cong-thuong', 'bql-kkt'],
  },
  { clusterId: 'khoi-van-hoa-xa-hoi', members: ['so-gddt', 'so-y-te', 'so-vhttdl', 'ttbc-hai-phong', 'lhh-khkt'] },
  { clusterId: 'khoi-tong-hop', members: ['so-noi-vu-2025', 'vp-ubnd', 'vp-thanh-uy', 'cong-an-tp', 'lien-minh-htx'] },
  { clusterId: 'khoi-co-quan-trung-uong', members: ['cuc-thue', 'cuc-thong-ke', 'nhnn-hp', 'hai-quan-hp'] },
  { clusterId: 'cum-xa-phuong-dac-khu', members: ['p-hong-bang', 'p-thuy-nguyen', 'dk-cat-hai', 'dk-bach-long-vi'] },
  { clusterId: 'khoi-doanh-nghiep', members: ['dn-vnpt-hp', 'dn-viettel-hp', 'dn-buu-dien-hp', 'dn-cang-hp'] },
];

/**
 * The demo's commune cluster has mailboxes (in the reserved .invalid domain, so no mail can ever leave), so its
 * reminders land in the local outbox; the other units' are kept in their Hộp thư only.
 */
const demoContact = (unitId: string) =>
  CLUSTERS_2026.find((c) => c.clusterId === 'cum-xa-phuong-dac-khu')!.members.includes(unitId)
    ? { contactEmail: `vanthu.${unitId}@thi-dua.invalid` }
    : {};

/** A stable number in [0, 1) per text: the demo figures are the same on every machine. */
export function stableFraction(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}

/** A plausible figure: each unit has a steady strength, so some units meet every target and others fall short. */
export function demoValue(criterion: Criterion, unit: Unit, year: number, task?: Task): Record<string, unknown> {
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
    case 'task':
      return strength > 0.2 || r < 0.6
        ? {
            taskId: task!.taskId,
            status: 'done',
            completedOn: `${year}-${String(3 + Math.floor(r * 8)).padStart(2, '0')}-15`,
          }
        : { taskId: task!.taskId, status: 'not_done' };
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

/** A demo report's evidence: a plausible document reference, and no made-up address. */
export const demoEvidence = (unit: Unit, year: number) => [
  {
    title: `Báo cáo kết quả thực hiện chuyển đổi số năm ${year} của ${unit.name}`,
    documentNumber: `${10 + Math.floor(stableFraction(unit.unitId) * 300)}/BC-${unit.unitId.toUpperCase()}`,
    issuedOn: `${year}-11-10`,
  },
];

/**
 * A year's participants as its clusters: those given, or else the campaign's units valid on the year's cut-off
 * day grouped by their own cluster, the first two of each the head and deputy (for the demo; a province imports its
 * own). One deployment serves several movements: a year's participants are exactly its clusters' members.
 */
async function seedParticipants(
  deps: Deps,
  campaign: Campaign,
  cy: { year: number; cutOff?: string },
  units: Array<Pick<Unit, 'unitId' | 'cluster' | 'validFrom' | 'validTo'>>,
  given?: Array<{ clusterId: string; members: string[] }>,
) {
  const names = new Map(campaign.clusters.map((c) => [c.clusterId, c.name]));
  const day = cy.cutOff ?? `${cy.year}-12-31`;
  const groups =
    given ??
    [...names.keys()].map((clusterId) => ({
      clusterId,
      members: units
        .filter(
          (u) =>
            u.cluster === clusterId &&
            validOn({ validFrom: u.validFrom ?? '1990-01-01', validTo: u.validTo ?? null }, day),
        )
        .map((u) => u.unitId),
    }));
  const rows = groups
    .flatMap((c) =>
      c.members.map((unitId, i) => ({
        clusterId: c.clusterId,
        clusterName: names.get(c.clusterId)!,
        unitId,
        role: ['head', 'deputy'][i] ?? 'member',
      })),
    )
    .map((values, i) => ({ row: i + 2, values }));
  await importClusters(deps, SEED_ADMIN, campaign.campaignId, cy.year, {
    dryRun: false,
    sheet: async () => ({ rows, sha256: 'seed' }),
  });
}

/** Seeds the catalogue unless its last item is there already (the data directory is kept across starts). */
export async function seedCatalogue(deps: Deps): Promise<boolean> {
  const years = Object.keys(demoCriteria).map(Number);
  const last = Math.max(...years);
  if (await deps.catalogue.getYearClusters(demoCampaign.campaignId, last)) return false;
  const { campaignId, ...campaign } = demoCampaign;
  if (!(await deps.catalogue.getCampaign(campaignId))) await saveCampaign(deps, SEED_ADMIN, campaignId, campaign);
  await saveTaskCatalogue(deps, SEED_ADMIN, campaignId, 'qd-284', { tasks: demoTasks });
  // Predecessors before their successors: a unit's lineage is checked against the units already there.
  const byValidity = [...demoUnits].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  for (const level of LEVEL_ORDER) {
    for (const { unitId, ...u } of byValidity.filter((x) => x.level === level))
      if (!(await deps.catalogue.getUnit(unitId)))
        await saveUnit(deps, SEED_ADMIN, unitId, { ...u, ...demoContact(unitId) });
  }
  for (const year of years)
    if (!(await deps.catalogue.getCampaignYear(demoCampaign.campaignId, year)))
      await saveCampaignYear(deps, SEED_ADMIN, demoCampaign.campaignId, year, {
        criteria: demoCriteria[year],
        ...demo.yearSettings[year],
      });
  // Each year's participants as its clusters; the newest year's last: they mark a complete seed.
  for (const year of years) {
    const cy = (await deps.catalogue.getCampaignYear(demoCampaign.campaignId, year))!;
    await seedParticipants(deps, demoCampaign, cy, demoUnits, year === last ? CLUSTERS_2026 : undefined);
  }
  return true;
}

/** A completed year: every unit reports every criterion (and task) it has, the board approves, the year-end run ranks. */
export async function seedCompletedYear(deps: Deps, year: number, campaignId = demoCampaign.campaignId): Promise<void> {
  const at = (iso: string): Deps => ({ ...deps, clock: fixedClock(iso) });
  const reporting = at(`${year}-11-20T03:00:00Z`);
  const reviewing = at(`${year}-12-05T03:00:00Z`);
  const cy = (await deps.catalogue.getCampaignYear(campaignId, year))!;
  for (const unit of await unitsOfYear(deps, campaignId, cy)) {
    const actor: Actor = { sub: `seed-${unit.unitId}`, role: 'unit', unitId: unit.unitId };
    for (const criterion of criteriaForLevel(cy, unit.level)) {
      const unitTasks =
        criterion.kind === 'task'
          ? tasksForUnit(await deps.catalogue.getTasks(campaignId, criterion.taskCatalogue), unit, year)
          : [undefined];
      for (const task of unitTasks) {
        const { submission: s } = await submitFigure(reporting, actor, {
          campaignId,
          unitId: unit.unitId,
          year,
          criterionId: criterion.criterionId,
          value: demoValue(criterion, unit, year, task),
          evidence: demoEvidence(unit, year),
        });
        const points =
          criterion.kind === 'assessed'
            ? Math.round(criterion.maxPoints * (0.5 + stableFraction(s.submissionId) / 2) * 2) / 2
            : undefined;
        await decide(reviewing, SEED_REVIEWER, s.submissionId, {
          decision: 'approved',
          expectedVersion: s.version,
          ...(points !== undefined ? { points } : {}),
        });
      }
    }
  }
  await runAggregation(at(`${year}-12-28T01:00:00Z`), {
    campaignId,
    year,
    trigger: 'seed',
    startedBy: 'seed',
    runId: `seed-${year}`,
  });
}

/** A movement from its data file (shared/data/<province>/campaign-*.json), each unit, task and figure cited there. */
interface MovementFile {
  campaign: Campaign;
  taskCatalogue: string;
  tasks: Task[];
  years: Record<string, { cutOff?: string; criteria: Criterion[] }>;
  units: Array<Partial<Unit> & Pick<Unit, 'unitId' | 'name' | 'level'> & { source?: string }>;
}
export const otherMovements = [daNang, khanhHoa] as unknown as MovementFile[];

/**
 * Seeds a movement through the use cases: the campaign, its task catalogue, its units, its years, and each year's
 * participants as clusters (the campaign's own, from its units; the first two members head and deputy, for the
 * demo); then completes its last year. Does nothing where the last year's results are there already.
 */
async function seedMovement(deps: Deps, movement: MovementFile): Promise<string[]> {
  const { campaignId, ...campaign } = movement.campaign;
  const years = Object.keys(movement.years).map(Number);
  const last = Math.max(...years);
  if (await deps.results.readResults(campaignId, last)) return [];
  if (!(await deps.catalogue.getCampaign(campaignId))) await saveCampaign(deps, SEED_ADMIN, campaignId, campaign);
  await saveTaskCatalogue(deps, SEED_ADMIN, campaignId, movement.taskCatalogue, { tasks: movement.tasks });
  for (const { unitId, source: _source, ...u } of movement.units.sort((a, b) =>
    (a.validFrom ?? '').localeCompare(b.validFrom ?? ''),
  ))
    if (!(await deps.catalogue.getUnit(unitId))) await saveUnit(deps, SEED_ADMIN, unitId, u);
  const units = movement.units.map((u) => withUnitDefaults(u));
  for (const year of years) {
    const { criteria, cutOff } = movement.years[year]!;
    const cy = await saveCampaignYear(deps, SEED_ADMIN, campaignId, year, { criteria, ...(cutOff ? { cutOff } : {}) });
    await seedParticipants(deps, movement.campaign, cy, units);
  }
  await seedCompletedYear(deps, last, campaignId);
  return [
    `phong trào ${movement.campaign.documentNumber} (${movement.campaign.province}), ${movement.units.length} đơn vị, ${movement.tasks.length} nhiệm vụ; năm ${last}: kết quả xếp hạng`,
  ];
}

/** Returns what it did, for the start-up log. */
export async function seedDemo(deps: Deps, completedYears = [2024, 2025]): Promise<string[]> {
  const done: string[] = [];
  if (await seedCatalogue(deps)) {
    done.push(`phong trào ${demoCampaign.documentNumber}, ${demoUnits.length} đơn vị, ${demoTasks.length} nhiệm vụ`);
  }
  for (const year of completedYears)
    if (!(await deps.results.readResults(demoCampaign.campaignId, year))) {
      await seedCompletedYear(deps, year);
      done.push(`năm ${year}: báo cáo đã phê duyệt và kết quả xếp hạng`);
    }
  for (const movement of otherMovements) done.push(...(await seedMovement(deps, movement)));
  return done;
}
