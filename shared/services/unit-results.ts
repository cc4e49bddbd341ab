/** A unit's results over the years, following lineage: derived from its predecessors' for years before it existed. */

import { invalid } from '../domain/errors.js';
import { deriveResult, lineageShares } from '../domain/lineage.js';
import { AWARD_NAMES, type Award, type RankingEntry } from '../domain/ranking.js';
import type { Deps } from '../ports/index.js';
import { currentYearOf, cutOffOf, loadCampaign, loadUnit } from './context.js';

const DEFAULT_LINEAGE = { rule: 'mean', inheritAwards: false } as const;
const AWARD_ORDER: Award[] = ['co-thi-dua', 'bang-khen', null];
const MAX_RESULT_YEARS = 30;

export async function unitResults(
  deps: Deps,
  unitId: string,
  params: { from?: number; to?: number; campaignId?: string },
) {
  const campaign = await loadCampaign(deps, params.campaignId);
  const [unit, all] = await Promise.all([loadUnit(deps, unitId), deps.catalogue.listUnits({})]);
  const from = params.from ?? campaign.firstYear;
  const to = params.to ?? (await currentYearOf(deps, campaign));
  if (from > to) throw invalid('from', 'không được sau năm kết thúc (to)');
  if (to - from + 1 > MAX_RESULT_YEARS) throw invalid('to', `tối đa ${MAX_RESULT_YEARS} năm một lần`);
  const lineage = campaign.lineage ?? DEFAULT_LINEAGE;
  const byId = new Map(all.map((u) => [u.unitId, u]));
  const shares = lineageShares(all);
  const results = new Map<number, Promise<{ cutOff: string; byUnit: Map<string, RankingEntry> } | null>>();
  const yearResults = (year: number) => {
    if (!results.has(year))
      results.set(
        year,
        Promise.all([
          deps.catalogue.getCampaignYear(campaign.campaignId, year),
          deps.results.readResults(campaign.campaignId, year),
        ]).then(([cy, r]) =>
          r
            ? {
                cutOff: cutOffOf({ year, cutOff: cy?.cutOff }),
                byUnit: new Map(r.rankings.map((e) => [e.unitId, e])),
              }
            : null,
        ),
      );
    return results.get(year)!;
  };

  interface YearResult {
    year: number;
    derived: boolean;
    totalCenti: number | null;
    maxCenti: number | null;
    metAllTargets: boolean | null;
    levelRank: number | null;
    clusterRank: number | null;
    award: Award;
    awardInherited: boolean;
    /** Its own result in a year it was formed, carried from predecessors that ceased that year. */
    carriedFrom: string[] | null;
    predecessors: Array<{ unitId: string; name: string; share: number; totalPoints: number | null; derived: boolean }>;
  }
  const none = (year: number): YearResult => ({
    year,
    derived: false,
    totalCenti: null,
    maxCenti: null,
    metAllTargets: null,
    levelRank: null,
    clusterRank: null,
    award: null,
    awardInherited: false,
    carriedFrom: null,
    predecessors: [],
  });
  // A unit's own result where it was ranked; before it existed, its predecessors' (their own or derived in turn).
  const resultOf = async (id: string, year: number): Promise<YearResult> => {
    const r = await yearResults(year);
    const own = r?.byUnit.get(id);
    if (own)
      return {
        ...none(year),
        totalCenti: Math.round(own.totalPoints * 100),
        maxCenti: Math.round(own.maxPoints * 100),
        metAllTargets: own.metAllTargets,
        levelRank: own.levelRank,
        clusterRank: own.clusterRank,
        award: own.award,
        carriedFrom: own.carriedFrom ?? null,
      };
    const u = byId.get(id);
    const day = r?.cutOff ?? `${year}-12-31`;
    if (!u || day >= u.validFrom || u.predecessors.length === 0 || lineage.rule === 'none') return none(year);
    const parts = await Promise.all(
      (shares.get(id) ?? []).map(async (s) => ({ share: s, result: await resultOf(s.unitId, year) })),
    );
    const counted = parts.filter((p) => p.result.totalCenti !== null);
    const derived = deriveResult(
      lineage.rule,
      counted.map((p) => ({
        unitId: p.share.unitId,
        totalCenti: p.result.totalCenti!,
        maxCenti: p.result.maxCenti!,
        metAllTargets: p.result.metAllTargets,
        shareMicro: p.share.shareMicro,
      })),
    );
    const inherited = lineage.inheritAwards
      ? (AWARD_ORDER.find((a) => a && counted.some((p) => p.result.award === a)) ?? null)
      : null;
    return {
      ...none(year),
      derived: derived !== null,
      totalCenti: derived?.totalCenti ?? null,
      maxCenti: derived?.maxCenti ?? null,
      metAllTargets: derived?.metAllTargets ?? null,
      award: inherited,
      awardInherited: inherited !== null,
      predecessors: parts.map((p) => ({
        unitId: p.share.unitId,
        name: byId.get(p.share.unitId)?.name ?? p.share.unitId,
        share: p.share.shareMicro / 1_000_000,
        totalPoints: p.result.totalCenti === null ? null : p.result.totalCenti / 100,
        derived: p.result.derived,
      })),
    };
  };
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const items = await Promise.all(years.map((y) => resultOf(unitId, y)));
  return {
    campaignId: campaign.campaignId,
    unitId,
    name: unit.name,
    lineageRule: lineage.rule,
    inheritAwards: lineage.inheritAwards,
    items: items.map(({ totalCenti, maxCenti, ...r }) => ({
      ...r,
      totalPoints: totalCenti === null ? null : totalCenti / 100,
      maxPoints: maxCenti === null ? null : maxCenti / 100,
      awardName: r.award ? AWARD_NAMES[r.award] : null,
    })),
  };
}
