/**
 * Award proposals as stated rules (Law 06/2022/QH15, Decree 98/2023/NĐ-CP: publicity, fairness): a unit is proposed
 * only with approved figures for the year, every target that applies to it met, and the award's minimum reached; the
 * quota of each cluster (or of a level outside clusters) goes down the ranking, and where units tie exactly at a
 * quota's boundary the platform decides nothing — the cluster's vote does, or the admin with a recorded reason.
 */
import type { AwardRules } from './types.js';

export const AWARDS = ['co-thi-dua', 'bang-khen'] as const;
/** Cờ thi đua (emulation flag) and Bằng khen (certificate of merit), in their order of rank. */
export type AwardName = (typeof AWARDS)[number];
export type Award = AwardName | null;
export const AWARD_NAMES: Record<AwardName, string> = {
  'co-thi-dua': 'Cờ thi đua',
  'bang-khen': 'Bằng khen',
};

/** Why a unit is not proposed for an award (a unit may see each reason that applies to it). */
export const NOT_PROPOSED_REASONS = [
  'no-approved-figures',
  'targets-not-met',
  'below-minimum',
  'tied-at-quota',
  'not-elected',
  'outside-quota',
] as const;
export type NotProposedReason = (typeof NOT_PROPOSED_REASONS)[number];
export const NOT_PROPOSED_LABELS: Record<NotProposedReason, string> = {
  'no-approved-figures': 'Không có số liệu được phê duyệt trong năm',
  'targets-not-met': 'Chưa đạt tất cả chỉ tiêu áp dụng cho đơn vị',
  'below-minimum': 'Chưa đạt mức điểm tối thiểu của hình thức khen thưởng',
  'tied-at-quota': 'Đồng hạng ở ngưỡng số lượng khen thưởng — đề nghị bình xét',
  'not-elected': 'Không được cụm, khối bình xét bầu chọn',
  'outside-quota': 'Ngoài số lượng khen thưởng của cụm, khối (hoặc cấp)',
};

/** Who decided an award: the ranking within the quota, the cluster's vote, or the admin's recorded decision on a tie. */
export type AwardDecidedBy = 'ranking' | 'vote' | 'admin';
export const AWARD_DECIDED_BY_LABELS: Record<AwardDecidedBy, string> = {
  ranking: 'Theo thứ hạng, trong số lượng khen thưởng',
  vote: 'Theo kết quả bỏ phiếu kín của cụm, khối',
  admin: 'Theo quyết định của Ban Thi đua - Khen thưởng về trường hợp đồng hạng (có ghi lý do)',
};

/** The least an award asks: a share of the maximum points, or an index; none stated: more than zero. */
export interface AwardMinimum {
  measure: 'points' | 'points-share' | 'index';
  /** What is required (more than this for `points`, at least this for a share or an index). */
  required: number;
  reached: number;
  met: boolean;
}

/** The reasons behind a proposal, carried with it: anyone reading the result can check it against the rules. */
export interface AwardBasis {
  decidedBy: AwardDecidedBy;
  /** The unit's rank in its award group (its cluster, or its level outside clusters). */
  rank: number;
  points: number;
  maxPoints: number;
  index?: number;
  approvedFigures: number;
  /** Every target that applies met, or no target applies to the unit's level. */
  targets: 'met' | 'none';
  minimum: AwardMinimum;
  /** The award's quota in the group. */
  quota: number;
}

/** What awarding needs of a unit's result: the same numbers the ranking shows. */
export interface Standing {
  unitId: string;
  totalCenti: number;
  maxCenti: number;
  indexMicro: number;
  metAllTargets: boolean | null;
  approvedFigures: number;
}

const MICRO = 1_000_000;
const toMicro = (x: number) => Math.round(x * MICRO);

/**
 * Whether a unit reaches an award's minimum, exactly (integer hundredths and millionths, no floating point). Whatever
 * the campaign states, no award goes to a unit with no points at all.
 */
export function minimumOf(rules: AwardRules, award: AwardName, s: Standing): AwardMinimum {
  const stated = rules.minimums?.[award];
  if (stated?.index !== undefined)
    return {
      measure: 'index',
      required: stated.index,
      reached: s.indexMicro / MICRO,
      met: s.totalCenti > 0 && s.indexMicro >= toMicro(stated.index),
    };
  if (stated?.pointsShare !== undefined)
    return {
      measure: 'points-share',
      required: stated.pointsShare,
      reached: s.maxCenti ? Math.round((s.totalCenti * 10_000) / s.maxCenti) / 10_000 : 0,
      // total / max ≥ share ⇔ total × 10⁶ ≥ share × 10⁶ × max, all integers.
      met: s.totalCenti > 0 && s.maxCenti > 0 && s.totalCenti * MICRO >= toMicro(stated.pointsShare) * s.maxCenti,
    };
  return { measure: 'points', required: 0, reached: s.totalCenti / 100, met: s.totalCenti > 0 };
}

/** The reasons a unit cannot have an award at all, whatever its place (empty: it may, within the quota). */
export function ineligibility(rules: AwardRules, award: AwardName, s: Standing): NotProposedReason[] {
  const reasons: NotProposedReason[] = [];
  if (s.approvedFigures === 0) reasons.push('no-approved-figures');
  if (s.metAllTargets === false) reasons.push('targets-not-met');
  if (!minimumOf(rules, award, s).met) reasons.push('below-minimum');
  return reasons;
}

/** A decision on an award of one group that the ranking does not take: the cluster's vote, or an admin's on a tie. */
export interface AwardDecision {
  by: 'vote' | 'admin';
  unitIds: readonly string[];
}
/** Decisions by award group (a cluster's id, or `level:<level>` outside clusters) and award. */
export type AwardDecisions = ReadonlyMap<string, Partial<Record<AwardName, AwardDecision>>>;

export interface Allocation {
  award: Award;
  decidedBy: AwardDecidedBy | null;
  /** The better award a tie at its quota boundary is for (the vote or the admin decides it); null: no such tie. */
  tiedFor: AwardName | null;
  eligibleFor: AwardName[];
  notProposed: NotProposedReason[];
}

/**
 * The awards of one group, given its units in ranking order and whether two neighbours are equal in merit. Each award
 * in turn takes its quota from the units eligible for it that hold none yet: a decision (vote, admin) names them;
 * otherwise the ranking does, a whole tie at a time, and a tie that does not fit what is left of the quota takes
 * nothing of it (its units are marked tied and go on to the next award).
 */
export function allocateGroup(
  ordered: Standing[],
  tiedWithPrevious: (i: number) => boolean,
  rules: AwardRules,
  decisions: Partial<Record<AwardName, AwardDecision>> = {},
): Map<string, Allocation> {
  const quota: Record<AwardName, number> = {
    'co-thi-dua': rules.flagPerGroup,
    'bang-khen': Math.floor(ordered.length * rules.meritShare),
  };
  const out = new Map<string, Allocation>(
    ordered.map((s) => [
      s.unitId,
      {
        award: null,
        decidedBy: null,
        tiedFor: null,
        eligibleFor: AWARDS.filter((a) => ineligibility(rules, a, s).length === 0),
        notProposed: [],
      },
    ]),
  );
  // Ties as runs of positions in the group's order.
  const tieOf = new Map<string, number>();
  ordered.forEach((s, i) => {
    tieOf.set(s.unitId, i > 0 && tiedWithPrevious(i) ? tieOf.get(ordered[i - 1]!.unitId)! : i);
  });
  for (const award of AWARDS) {
    const candidates = ordered.filter((s) => {
      const a = out.get(s.unitId)!;
      return a.award === null && a.eligibleFor.includes(award);
    });
    const decision = decisions[award];
    if (decision) {
      const named = new Set(decision.unitIds);
      for (const s of candidates.filter((c) => named.has(c.unitId)).slice(0, quota[award]))
        Object.assign(out.get(s.unitId)!, { award, decidedBy: decision.by });
      continue;
    }
    let left = quota[award];
    for (let i = 0; i < candidates.length && left > 0; ) {
      const tie = candidates.slice(i).filter((c) => tieOf.get(c.unitId) === tieOf.get(candidates[i]!.unitId));
      if (tie.length <= left) for (const s of tie) Object.assign(out.get(s.unitId)!, { award, decidedBy: 'ranking' });
      else
        for (const s of tie) {
          const a = out.get(s.unitId)!;
          a.tiedFor ??= award;
        }
      left = tie.length <= left ? left - tie.length : 0;
      i += tie.length;
    }
  }
  for (const s of ordered) {
    const a = out.get(s.unitId)!;
    if (a.award !== null) continue;
    // The reasons against the least award say why the unit has none.
    const reasons = ineligibility(rules, 'bang-khen', s);
    if (reasons.length === 0) {
      if (a.tiedFor) reasons.push('tied-at-quota');
      else if (decisions['co-thi-dua']?.by === 'vote' && a.eligibleFor.includes('co-thi-dua'))
        reasons.push('not-elected');
      if (!a.tiedFor) reasons.push('outside-quota');
    }
    a.notProposed = reasons;
  }
  return out;
}

/** The basis of a proposal, from the unit's numbers and its group's rules. */
export function basisOf(
  rules: AwardRules,
  award: AwardName,
  decidedBy: AwardDecidedBy,
  s: Standing,
  rank: number,
  groupSize: number,
  index?: number,
): AwardBasis {
  return {
    decidedBy,
    rank,
    points: s.totalCenti / 100,
    maxPoints: s.maxCenti / 100,
    ...(index !== undefined ? { index } : {}),
    approvedFigures: s.approvedFigures,
    targets: s.metAllTargets === true ? 'met' : 'none',
    minimum: minimumOf(rules, award, s),
    quota: award === 'co-thi-dua' ? rules.flagPerGroup : Math.floor(groupSize * rules.meritShare),
  };
}

/**
 * An admin's decision on a tie at an award's quota where no vote decides it (a level without clusters, or the
 * Bằng khen), with its reason: recorded in the year's history, applied by the year's runs.
 */
export interface TieDecision {
  campaignId: string;
  year: number;
  /** The award group: a cluster's id, or `level:<level>` outside clusters. */
  group: string;
  award: AwardName;
  unitIds: string[];
  reason: string;
  decidedAt: string;
  decidedBy: string;
}
