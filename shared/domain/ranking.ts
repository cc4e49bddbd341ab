/** Ranking within levels and clusters/blocks (cụm/khối thi đua) and award proposals. */

import type { UnitScore } from './scoring.js';
import type { AwardRules, Level, Unit } from './types.js';

/** Cờ thi đua (emulation flag) and Bằng khen (certificate of merit). */
export type Award = 'co-thi-dua' | 'bang-khen' | null;
export const AWARD_NAMES: Record<Exclude<Award, null>, string> = {
  'co-thi-dua': 'Cờ thi đua',
  'bang-khen': 'Bằng khen',
};

export interface RankingEntry {
  unitId: string;
  name: string;
  level: Level;
  cluster: string | null;
  totalPoints: number;
  maxPoints: number;
  metAllTargets: boolean;
  levelRank: number;
  clusterRank: number | null;
  award: Award;
  /** For a unit formed during the year without figures of its own: the ceased predecessors its score came from. */
  carriedFrom?: string[];
  /** Index-style campaigns: the unit's index in 0..1 (exact to the millionth; shown with 4 decimals). */
  index?: number;
}

/** How a campaign expresses results: points (điểm), or a DTI-style index between 0 and 1 (chỉ số). */
export const RESULT_STYLES = ['points', 'index'] as const;
export type ResultStyle = (typeof RESULT_STYLES)[number];

/** What ranks units: points (or the index, for index-style campaigns), then metAllTargets, then the sum of ratio criteria. */
function compareMerit(a: UnitScore, b: UnitScore, style: ResultStyle): number {
  return (
    (style === 'index' ? b.indexMicro - a.indexMicro : 0) ||
    b.totalCenti - a.totalCenti ||
    Number(b.metAllTargets) - Number(a.metAllTargets) ||
    b.ratioSumMicro - a.ratioSumMicro
  );
}

/** Merit, then unitId: a total order for display, so the listing never depends on input order. */
export function compareScores(a: UnitScore, b: UnitScore, style: ResultStyle = 'points'): number {
  return compareMerit(a, b, style) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);
}

/**
 * Competition ranking (đồng hạng: 1, 2, 2, 4) of a group sorted by compareScores: units equal in merit share a
 * rank; their unitId orders the display only.
 */
function competitionRanks(group: UnitScore[], style: ResultStyle, into: Map<string, number>) {
  group.forEach((s, i) => {
    const tied = i > 0 && compareMerit(group[i - 1]!, s, style) === 0;
    into.set(s.unitId, tied ? into.get(group[i - 1]!.unitId)! : i + 1);
  });
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Award group: the unit's cluster/block, or its level for units outside any cluster. */
const awardGroup = (u: Unit) => u.cluster ?? `level:${u.level}`;

export function rankUnits(
  units: Unit[],
  scores: UnitScore[],
  awards: AwardRules,
  style: ResultStyle = 'points',
  /** Each cluster's vote (bình xét) once held: its flags go to the units it elected, not by score order. */
  elected: ReadonlyMap<string, readonly string[]> = new Map(),
): RankingEntry[] {
  const unitById = new Map(units.map((u) => [u.unitId, u]));
  const sorted = [...scores].sort((a, b) => compareScores(a, b, style));
  const levelRank = new Map<string, number>();
  for (const group of groupBy(sorted, (s) => unitById.get(s.unitId)!.level).values())
    competitionRanks(group, style, levelRank);
  const clusterRank = new Map<string, number>();
  for (const [cluster, group] of groupBy(sorted, (s) => unitById.get(s.unitId)!.cluster ?? ''))
    if (cluster) competitionRanks(group, style, clusterRank);
  const award = new Map<string, Award>();
  for (const group of groupBy(sorted, (s) => awardGroup(unitById.get(s.unitId)!)).values()) {
    const eligible = group.filter((s) => s.metAllTargets);
    const voted = elected.get(unitById.get(group[0]!.unitId)!.cluster ?? '');
    const flags = voted
      ? eligible.filter((s) => voted.includes(s.unitId)).slice(0, awards.flagPerGroup)
      : eligible.slice(0, awards.flagPerGroup);
    const rest = eligible.filter((s) => !flags.includes(s));
    const merits = rest.slice(0, Math.floor(group.length * awards.meritShare));
    for (const s of flags) award.set(s.unitId, 'co-thi-dua');
    for (const s of merits) award.set(s.unitId, 'bang-khen');
  }
  return sorted.map((s) => {
    const unit = unitById.get(s.unitId)!;
    return {
      unitId: unit.unitId,
      name: unit.name,
      level: unit.level,
      cluster: unit.cluster,
      totalPoints: s.totalPoints,
      maxPoints: s.maxPoints,
      metAllTargets: s.metAllTargets,
      levelRank: levelRank.get(unit.unitId)!,
      clusterRank: clusterRank.get(unit.unitId) ?? null,
      award: award.get(unit.unitId) ?? null,
      ...(style === 'index' ? { index: s.indexMicro / 1_000_000 } : {}),
    };
  });
}
