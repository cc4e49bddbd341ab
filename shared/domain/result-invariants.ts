/**
 * What must hold of any year's results, whoever computed them: the rules of award proposals and of ranks, checked on
 * the results as stated (a published bundle, a generated year). `npm run verify` and the property tests run them.
 */
import { AWARD_NAMES, AWARDS, type AwardDecisions, ineligibility, type Standing } from './awards.js';
import { awardGroupOf, compareMerit, type RankingEntry, type ResultStyle } from './ranking.js';
import type { AwardRules } from './types.js';

const MICRO = 1_000_000;

/** A stated entry's numbers as awarding reads them. */
const standingOf = (e: RankingEntry): Standing => ({
  unitId: e.unitId,
  totalCenti: Math.round(e.totalPoints * 100),
  maxCenti: Math.round(e.maxPoints * 100),
  indexMicro: Math.round((e.index ?? 0) * MICRO),
  metAllTargets: e.metAllTargets,
  approvedFigures: e.approvedFigures,
});

const REASON_TEXT = {
  'no-approved-figures': 'không có số liệu được phê duyệt',
  'targets-not-met': 'chưa đạt tất cả chỉ tiêu',
  'below-minimum': 'chưa đạt mức tối thiểu của hình thức khen thưởng',
} as const;

/**
 * The problems of a year's stated results, each naming the unit: an award without approved figures, with a target
 * not met or below its minimum; more awards than a group's quota; an award given by the ranking to some of the units
 * tied exactly with it (only a vote or a recorded decision may split a tie), or claimed as a vote's or an admin's
 * decision that is not on record; a rank that is not a competition rank (1 + the units strictly ahead).
 */
export function resultProblems(
  entries: RankingEntry[],
  rules: AwardRules,
  style: ResultStyle,
  decisions: AwardDecisions,
  /** The unit's sum of ratio criteria in millionths, for campaigns whose rules name that tie-break. */
  ratioSumOf: (unitId: string) => number = () => 0,
): string[] {
  const problems: string[] = [];
  const tieBreaks = (rules.tieBreaks ?? []).map((t) => t.by);
  const merit = (e: RankingEntry) => {
    const s = standingOf(e);
    return { ...s, ratioSumMicro: ratioSumOf(e.unitId) };
  };
  const ahead = (a: RankingEntry, b: RankingEntry) => compareMerit(merit(a), merit(b), style, tieBreaks) < 0;
  const equal = (a: RankingEntry, b: RankingEntry) => compareMerit(merit(a), merit(b), style, tieBreaks) === 0;

  for (const e of entries) {
    if (!e.award) continue;
    const reasons = ineligibility(rules, e.award, standingOf(e));
    if (reasons.length)
      problems.push(
        `${e.unitId} (${e.name}): đề nghị ${AWARD_NAMES[e.award]} nhưng ${reasons.map((r) => REASON_TEXT[r as keyof typeof REASON_TEXT]).join(', ')}`,
      );
  }

  const groups = new Map<string, RankingEntry[]>();
  for (const e of entries) groups.set(awardGroupOf(e), [...(groups.get(awardGroupOf(e)) ?? []), e]);
  for (const [group, members] of groups) {
    for (const award of AWARDS) {
      const holders = members.filter((e) => e.award === award);
      const quota = award === 'co-thi-dua' ? rules.flagPerGroup : Math.floor(members.length * rules.meritShare);
      if (holders.length > quota)
        problems.push(`${group}: ${holders.length} đề nghị ${AWARD_NAMES[award]}, vượt số lượng ${quota}`);
      const decision = decisions.get(group)?.[award];
      for (const h of holders) {
        const by = h.basis?.decidedBy ?? 'ranking';
        if (by === 'ranking') {
          const split = members.filter(
            (o) =>
              o.unitId !== h.unitId &&
              o.award !== award &&
              (o.award === null || AWARDS.indexOf(o.award) > AWARDS.indexOf(award)) &&
              ineligibility(rules, award, standingOf(o)).length === 0 &&
              equal(o, h),
          );
          if (split.length)
            problems.push(
              `${h.unitId} (${h.name}): được ${AWARD_NAMES[award]} theo thứ hạng trong khi đồng hạng với ${split.map((o) => o.unitId).join(', ')} — trường hợp đồng hạng phải do bình xét hoặc quyết định có ghi lý do`,
            );
        } else if (!decision || decision.by !== by || !decision.unitIds.includes(h.unitId))
          problems.push(
            `${h.unitId} (${h.name}): ${AWARD_NAMES[award]} ghi là theo ${by === 'vote' ? 'kết quả bỏ phiếu' : 'quyết định của quản trị'} nhưng không có quyết định đó trong gói`,
          );
      }
    }
  }

  const byLevel = new Map<string, RankingEntry[]>();
  for (const e of entries) byLevel.set(e.level, [...(byLevel.get(e.level) ?? []), e]);
  for (const members of byLevel.values())
    for (const e of members) {
      const expected = 1 + members.filter((o) => ahead(o, e)).length;
      if (e.levelRank !== expected)
        problems.push(`${e.unitId} (${e.name}): hạng trong cấp ${e.levelRank}, theo điểm phải là ${expected}`);
    }
  const byCluster = new Map<string, RankingEntry[]>();
  for (const e of entries) if (e.cluster) byCluster.set(e.cluster, [...(byCluster.get(e.cluster) ?? []), e]);
  for (const members of byCluster.values())
    for (const e of members) {
      const expected = 1 + members.filter((o) => ahead(o, e)).length;
      if (e.clusterRank !== expected)
        problems.push(`${e.unitId} (${e.name}): hạng trong cụm ${e.clusterRank}, theo điểm phải là ${expected}`);
    }
  return problems;
}
