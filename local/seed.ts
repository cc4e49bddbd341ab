/**
 * Demo data for a first start: the Hải Phòng campaign 175/KH-UBND with its 2025 and 2026 criteria sets,
 * the 284/QĐ-UBND task annex, units grouped in clusters/blocks, and a finished 2025 (approved figures
 * and a year-end run) so a new user sees a real ranking. Everything goes through the same use cases
 * as the API, under a clock set to the dates it would have happened on.
 */

import { fixedClock } from '../adapters/deps.js';
import { campaignDefinitions } from '../shared/data/campaigns.js';
import tasks from '../shared/data/hai-phong/tasks-284.json' with { type: 'json' };
import unitsData from '../shared/data/hai-phong/units.json' with { type: 'json' };
import reform from '../shared/data/hai-phong/units-2025-reform.json' with { type: 'json' };
import { criteriaForLevel, tasksForUnit } from '../shared/domain/criteria.js';
import type { Actor, Campaign, Criterion, Level, Task, Unit } from '../shared/domain/types.js';
import type { Deps } from '../shared/ports.js';
import { saveCampaign, saveTaskCatalogue } from '../shared/services/campaigns.js';
import { saveCampaignYear } from '../shared/services/catalogue.js';
import { unitsOfYear } from '../shared/services/context.js';
import { decide } from '../shared/services/reviews.js';
import { runAggregation } from '../shared/services/scores.js';
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

export const demoEvidence = (unit: Unit, year: number) => [
  {
    title: `Báo cáo kết quả thực hiện chuyển đổi số năm ${year} của ${unit.name}`,
    documentNumber: `${10 + Math.floor(stableFraction(unit.unitId) * 300)}/BC-${unit.unitId.toUpperCase()}`,
    issuedOn: `${year}-11-10`,
    url: `https://vanban.haiphong.gov.vn/${year}/${unit.unitId}/bao-cao-cds.pdf`,
  },
];

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
      if (!(await deps.catalogue.getUnit(unitId))) await saveUnit(deps, SEED_ADMIN, unitId, u);
  }
  for (const year of years)
    if (!(await deps.catalogue.getCampaignYear(demoCampaign.campaignId, year)))
      await saveCampaignYear(deps, SEED_ADMIN, demoCampaign.campaignId, year, {
        criteria: demoCriteria[year],
        ...demo.yearSettings[year],
      });
  // The newest year's clusters last: they mark a complete seed, so an interrupted one is redone.
  const names = new Map(demoCampaign.clusters.map((c) => [c.clusterId, c.name]));
  const rows = CLUSTERS_2026.flatMap((c) =>
    c.members.map((unitId, i) => ({
      row: 0,
      values: {
        clusterId: c.clusterId,
        clusterName: names.get(c.clusterId)!,
        unitId,
        role: ['head', 'deputy'][i] ?? 'member',
      },
    })),
  ).map((r, i) => ({ ...r, row: i + 2 }));
  await importClusters(deps, SEED_ADMIN, demoCampaign.campaignId, last, {
    dryRun: false,
    sheet: async () => ({ rows, sha256: 'seed' }),
  });
  return true;
}

/** A completed year: every unit reports every criterion (and task) it has, the board approves, the year-end run ranks. */
export async function seedCompletedYear(deps: Deps, year: number): Promise<void> {
  const at = (iso: string): Deps => ({ ...deps, clock: fixedClock(iso) });
  const reporting = at(`${year}-11-20T03:00:00Z`);
  const reviewing = at(`${year}-12-05T03:00:00Z`);
  const cy = (await deps.catalogue.getCampaignYear(demoCampaign.campaignId, year))!;
  for (const unit of await unitsOfYear(deps, demoCampaign.campaignId, cy)) {
    const actor: Actor = { sub: `seed-${unit.unitId}`, role: 'unit', unitId: unit.unitId };
    for (const criterion of criteriaForLevel(cy, unit.level)) {
      const unitTasks = criterion.kind === 'task' ? tasksForUnit(demoTasks, unit, year) : [undefined];
      for (const task of unitTasks) {
        const { submission: s } = await submitFigure(reporting, actor, {
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
    campaignId: demoCampaign.campaignId,
    year,
    trigger: 'seed',
    startedBy: 'seed',
    runId: `seed-${year}`,
  });
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
  return done;
}
