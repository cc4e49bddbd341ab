/** Ranking within levels and clusters/blocks (cụm/khối thi đua), and the award proposals that follow from it. */

import {
  type Allocation,
  type AwardBasis,
  type AwardDecisions,
  type AwardName,
  allocateGroup,
  basisOf,
  type NotProposedReason,
  type Standing,
} from './awards.js';
import type { UnitScore } from './scoring.js';
import type { AwardRules, Level, Unit } from './types.js';

export type { Award } from './awards.js';
export { AWARD_NAMES } from './awards.js';

export interface RankingEntry {
  unitId: string;
  name: string;
  level: Level;
  cluster: string | null;
  totalPoints: number;
  maxPoints: number;
  /** Every target that applies met; null where no criterion of the unit's level has a target (không có chỉ tiêu). */
  metAllTargets: boolean | null;
  /** How many of the unit's figures (its predecessors', when carried) were approved. */
  approvedFigures: number;
  levelRank: number;
  clusterRank: number | null;
  award: AwardName | null;
  /** Why the award was proposed (null without one). */
  basis: AwardBasis | null;
  /** The unit is tied exactly with others at the boundary of this award's quota: the vote or the admin decides. */
  tiedAtQuota: boolean;
  tiedFor: AwardName | null;
  /** The awards the unit meets the conditions of (approved figures, targets, minimum), whatever its place. */
  eligibleFor: AwardName[];
  /** Why the unit has no award (empty when it has one). */
  notProposed: NotProposedReason[];
  /** For a unit formed during the year without figures of its own: the ceased predecessors its score came from. */
  carriedFrom?: string[];
  /** Index-style campaigns: the unit's index in 0..1 (exact to the millionth; shown with 4 decimals). */
  index?: number;
}

/** How a campaign expresses results: points (điểm), or a DTI-style index between 0 and 1 (chỉ số). */
export const RESULT_STYLES = ['points', 'index'] as const;
export type ResultStyle = (typeof RESULT_STYLES)[number];

/**
 * Orders a campaign's rules may name among units equal in score: units that met every target first, then the
 * larger sum of the ratio criteria. None applies unless the campaign's data names it, with its source.
 */
export const TIE_BREAKS = ['targets-met', 'ratio-sum'] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];
export const TIE_BREAK_LABELS: Record<TieBreak, string> = {
  'targets-met': 'Đơn vị đạt tất cả chỉ tiêu xếp trên',
  'ratio-sum': 'Tổng các tỷ lệ đạt được lớn hơn xếp trên',
};

type Merit = Pick<UnitScore, 'indexMicro' | 'totalCenti' | 'metAllTargets' | 'ratioSumMicro'>;
const BY: Record<TieBreak, (a: Merit, b: Merit) => number> = {
  'targets-met': (a, b) => Number(b.metAllTargets === true) - Number(a.metAllTargets === true),
  'ratio-sum': (a, b) => b.ratioSumMicro - a.ratioSumMicro,
};

/** What ranks units: the campaign's score (its index, for index-style campaigns; else points), then its tie-breaks. */
export function compareMerit(a: Merit, b: Merit, style: ResultStyle, tieBreaks: readonly TieBreak[] = []): number {
  const primary = (style === 'index' ? b.indexMicro - a.indexMicro : 0) || b.totalCenti - a.totalCenti;
  if (primary) return primary;
  for (const t of tieBreaks) {
    const d = BY[t](a, b);
    if (d) return d;
  }
  return 0;
}

/** Merit, then unitId: a total order for display, so the listing never depends on input order. */
export function compareScores(a: UnitScore, b: UnitScore, style: ResultStyle = 'points', tieBreaks: TieBreak[] = []) {
  return compareMerit(a, b, style, tieBreaks) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);
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
export const awardGroupOf = (u: Pick<Unit, 'cluster' | 'level'>) => u.cluster ?? `level:${u.level}`;

export const standingOf = (s: UnitScore): Standing => ({
  unitId: s.unitId,
  totalCenti: s.totalCenti,
  maxCenti: Math.round(s.maxPoints * 100),
  indexMicro: s.indexMicro,
  metAllTargets: s.metAllTargets,
  approvedFigures: s.approvedFigures,
});

export function rankUnits(
  units: Unit[],
  scores: UnitScore[],
  awards: AwardRules,
  style: ResultStyle = 'points',
  /** The votes of the clusters (bình xét) and the admin's decisions on ties, by award group. */
  decisions: AwardDecisions = new Map(),
): RankingEntry[] {
  const tieBreaks = (awards.tieBreaks ?? []).map((t) => t.by);
  const unitById = new Map(units.map((u) => [u.unitId, u]));
  const sorted = [...scores].sort((a, b) => compareScores(a, b, style, tieBreaks));
  const equal = (a: UnitScore, b: UnitScore) => compareMerit(a, b, style, tieBreaks) === 0;
  /** Competition ranking (đồng hạng: 1, 2, 2, 4): units equal in merit share a rank; their unitId orders the display. */
  const ranksOf = (group: UnitScore[], into: Map<string, number>) =>
    group.forEach((s, i) => {
      into.set(s.unitId, i > 0 && equal(group[i - 1]!, s) ? into.get(group[i - 1]!.unitId)! : i + 1);
    });
  const levelRank = new Map<string, number>();
  for (const group of groupBy(sorted, (s) => unitById.get(s.unitId)!.level).values()) ranksOf(group, levelRank);
  const clusterRank = new Map<string, number>();
  for (const [cluster, group] of groupBy(sorted, (s) => unitById.get(s.unitId)!.cluster ?? ''))
    if (cluster) ranksOf(group, clusterRank);
  const allocations = new Map<string, Allocation>();
  const groupSize = new Map<string, number>();
  for (const [key, group] of groupBy(sorted, (s) => awardGroupOf(unitById.get(s.unitId)!))) {
    groupSize.set(key, group.length);
    const allocated = allocateGroup(
      group.map(standingOf),
      (i) => equal(group[i - 1]!, group[i]!),
      awards,
      decisions.get(key),
    );
    for (const [unitId, a] of allocated) allocations.set(unitId, a);
  }
  return sorted.map((s) => {
    const unit = unitById.get(s.unitId)!;
    const a = allocations.get(unit.unitId)!;
    const index = style === 'index' ? s.indexMicro / 1_000_000 : undefined;
    const rank = clusterRank.get(unit.unitId) ?? levelRank.get(unit.unitId)!;
    return {
      unitId: unit.unitId,
      name: unit.name,
      level: unit.level,
      cluster: unit.cluster,
      totalPoints: s.totalPoints,
      maxPoints: s.maxPoints,
      metAllTargets: s.metAllTargets,
      approvedFigures: s.approvedFigures,
      levelRank: levelRank.get(unit.unitId)!,
      clusterRank: clusterRank.get(unit.unitId) ?? null,
      award: a.award,
      basis: a.award
        ? basisOf(awards, a.award, a.decidedBy!, standingOf(s), rank, groupSize.get(awardGroupOf(unit))!, index)
        : null,
      tiedAtQuota: a.tiedFor !== null,
      tiedFor: a.tiedFor,
      eligibleFor: a.eligibleFor,
      notProposed: a.notProposed,
      ...(index !== undefined ? { index } : {}),
    };
  });
}
