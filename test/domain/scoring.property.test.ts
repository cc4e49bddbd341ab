/** The scoring and ranking promises, checked on generated inputs (fast-check) against BigInt references. */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AwardDecision, AwardDecisions, AwardName } from '../../shared/domain/awards.js';
import { withUnitDefaults } from '../../shared/domain/lineage.js';
import { compareMerit, rankUnits } from '../../shared/domain/ranking.js';
import { resultProblems } from '../../shared/domain/result-invariants.js';
import { ratioMet, ratioPointsCenti, type UnitScore } from '../../shared/domain/scoring.js';
import type { AwardRules, Unit } from '../../shared/domain/types.js';

const RUNS = { numRuns: 300 };

/** A ratio as the API takes it: 0 ≤ numerator ≤ denominator ≤ 10^9, denominator ≥ 1. */
const ratioArb = fc
  .integer({ min: 1, max: 1_000_000_000 })
  .chain((denominator) =>
    fc.record({ numerator: fc.integer({ min: 0, max: denominator }), denominator: fc.constant(denominator) }),
  );
/** Targets as stored: fractions with at most 4 decimals (basis points). */
const targetBpArb = fc.integer({ min: 0, max: 10_000 });
const maxCentiArb = fc.integer({ min: 1, max: 100_000 });

/** maxCenti × min(1, (n/d) / (t/10 000)), rounded half up, all in BigInt. */
function referencePointsCenti(n: number, d: number, targetBp: number, maxCenti: number): bigint {
  if (targetBp === 0) return BigInt(maxCenti);
  const num = BigInt(maxCenti) * BigInt(n) * 10_000n;
  const den = BigInt(d) * BigInt(targetBp);
  if (num >= BigInt(maxCenti) * den) return BigInt(maxCenti);
  return (2n * num + den) / (2n * den);
}

describe('Property: ratio scoring', () => {
  it('gives points within 0..max, equal to the exact BigInt reference', () => {
    fc.assert(
      fc.property(ratioArb, targetBpArb, maxCentiArb, (v, targetBp, maxCenti) => {
        const points = ratioPointsCenti(v, targetBp / 10_000, maxCenti);
        expect(points).toBeGreaterThanOrEqual(0);
        expect(points).toBeLessThanOrEqual(maxCenti);
        expect(BigInt(points)).toBe(referencePointsCenti(v.numerator, v.denominator, targetBp, maxCenti));
      }),
      RUNS,
    );
  });

  it('never gives fewer points for a larger numerator (same denominator)', () => {
    fc.assert(
      fc.property(
        ratioArb,
        fc.integer({ min: 0, max: 1_000_000_000 }),
        targetBpArb,
        maxCentiArb,
        (v, extra, t, max) => {
          const larger = { numerator: Math.min(v.denominator, v.numerator + extra), denominator: v.denominator };
          expect(ratioPointsCenti(larger, t / 10_000, max)).toBeGreaterThanOrEqual(
            ratioPointsCenti(v, t / 10_000, max),
          );
        },
      ),
      RUNS,
    );
  });

  it('meets the target exactly when n/d ≥ target, including at the boundary', () => {
    const boundary = fc
      .tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: -1, max: 1 }))
      .map(([targetBp, k, off]) => {
        // d = 10 000 k, n = targetBp × k + off: exactly at the target, or one below/above it.
        const denominator = 10_000 * k;
        return { v: { numerator: Math.max(0, Math.min(denominator, targetBp * k + off)), denominator }, targetBp };
      });
    const anywhere = fc.record({ v: ratioArb, targetBp: targetBpArb });
    fc.assert(
      fc.property(fc.oneof(boundary, anywhere), ({ v, targetBp }) => {
        const reference = BigInt(v.numerator) * 10_000n >= BigInt(v.denominator) * BigInt(targetBp);
        expect(ratioMet(v, targetBp / 10_000)).toBe(reference);
      }),
      RUNS,
    );
  });
});

/** Units in clusters (or none), each with a score; several share totals, so ties and tie-breaks matter. */
const field = fc
  .array(
    fc.record({
      cluster: fc.constantFrom('cum-a', 'cum-b', null),
      level: fc.constantFrom('district' as const, 'commune' as const),
      totalCenti: fc.integer({ min: 0, max: 40 }).map((x) => x * 250),
      metAllTargets: fc.constantFrom(true, false, null),
      approvedFigures: fc.constantFrom(0, 1, 3),
      ratioSumMicro: fc.integer({ min: 0, max: 3 }).map((x) => x * 500_000),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((rows) => {
    const units: Unit[] = rows.map((r, i) =>
      withUnitDefaults({
        unitId: `u${String(i).padStart(2, '0')}`,
        name: `Đơn vị ${i}`,
        level: r.level,
        parentId: null,
        cluster: r.cluster,
      }),
    );
    const scores: UnitScore[] = rows.map((r, i) => ({
      unitId: units[i]!.unitId,
      year: 2026,
      totalPoints: r.totalCenti / 100,
      maxPoints: 100,
      metAllTargets: r.metAllTargets,
      approvedFigures: r.approvedFigures,
      criteria: [],
      missing: [],
      totalCenti: r.totalCenti,
      ratioSumMicro: r.ratioSumMicro,
      indexMicro: 0,
    }));
    return { units, scores };
  });
const awardsArb: fc.Arbitrary<AwardRules> = fc.record(
  {
    flagPerGroup: fc.integer({ min: 0, max: 3 }),
    meritShare: fc.integer({ min: 0, max: 100 }).map((x) => x / 100),
    minimums: fc.record({ 'co-thi-dua': fc.record({ pointsShare: fc.constantFrom(0, 0.3, 0.5) }) }),
    tieBreaks: fc.constantFrom(
      [],
      [{ by: 'targets-met' as const, source: 'Quy chế, Điều 9' }],
      [
        { by: 'targets-met' as const, source: 'Quy chế, Điều 9' },
        { by: 'ratio-sum' as const, source: 'Quy chế, Điều 9' },
      ],
    ),
  },
  { requiredKeys: ['flagPerGroup', 'meritShare'] },
);
/** A year's decisions: cluster cum-a voted for some of its units; an admin named some district units on a tie. */
function decisionsArb(units: Unit[]): fc.Arbitrary<AwardDecisions> {
  const inA = units.filter((u) => u.cluster === 'cum-a').map((u) => u.unitId);
  const districts = units.filter((u) => u.cluster === null && u.level === 'district').map((u) => u.unitId);
  return fc
    .record({
      votedA: fc.subarray(inA),
      votes: fc.boolean(),
      admin: fc.subarray(districts, { maxLength: Math.min(2, districts.length) }),
    })
    .map(({ votedA, votes, admin }) => {
      const decisions = new Map<string, Partial<Record<AwardName, AwardDecision>>>();
      if (votes) decisions.set('cum-a', { 'co-thi-dua': { by: 'vote', unitIds: votedA } });
      if (admin.length) decisions.set('level:district', { 'bang-khen': { by: 'admin', unitIds: admin } });
      return decisions;
    });
}
const year = field.chain((f) => fc.record({ f: fc.constant(f), awards: awardsArb, decisions: decisionsArb(f.units) }));
const groupsOf = <T extends { cluster: string | null; level: string }>(ranked: T[]) => {
  const groups = new Map<string, T[]>();
  for (const r of ranked) {
    const g = r.cluster ?? `level:${r.level}`;
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  return [...groups.values()];
};

describe('Property: ranking and awards', () => {
  it('does not depend on the order of its input', () => {
    fc.assert(
      fc.property(
        year.chain((y) => fc.tuple(fc.constant(y), fc.shuffledSubarray(y.f.scores, { minLength: y.f.scores.length }))),
        ([{ f, awards, decisions }, shuffled]) => {
          expect(rankUnits([...f.units].reverse(), shuffled, awards, 'points', decisions)).toEqual(
            rankUnits(f.units, f.scores, awards, 'points', decisions),
          );
        },
      ),
      RUNS,
    );
  });

  it('gives no award without approved figures, targets met and the minimum, keeps the quotas, never splits a tie by the listing', () => {
    fc.assert(
      fc.property(year, ({ f, awards, decisions }) => {
        const ranked = rankUnits(f.units, f.scores, awards, 'points', decisions);
        const score = new Map(f.scores.map((s) => [s.unitId, s]));
        const tieBreaks = (awards.tieBreaks ?? []).map((t) => t.by);
        for (const group of groupsOf(ranked)) {
          expect(group.filter((r) => r.award === 'co-thi-dua').length).toBeLessThanOrEqual(awards.flagPerGroup);
          expect(group.filter((r) => r.award === 'bang-khen').length).toBeLessThanOrEqual(
            Math.floor(group.length * awards.meritShare),
          );
          for (const r of group.filter((x) => x.award)) {
            const s = score.get(r.unitId)!;
            expect(s.approvedFigures).toBeGreaterThan(0);
            expect(s.metAllTargets).not.toBe(false);
            expect(s.totalCenti).toBeGreaterThan(0);
            if (r.award === 'co-thi-dua')
              expect(s.totalCenti).toBeGreaterThanOrEqual(10_000 * (awards.minimums?.['co-thi-dua']?.pointsShare ?? 0));
            expect(r.notProposed).toEqual([]);
          }
          // Two units equal in merit: the ranking gave an award to both, or to neither.
          for (const a of group)
            for (const b of group) {
              if (a.award === null || a.basis?.decidedBy !== 'ranking' || b.unitId === a.unitId) continue;
              const equal = compareMerit(score.get(a.unitId)!, score.get(b.unitId)!, 'points', tieBreaks) === 0;
              if (equal && b.eligibleFor.includes(a.award) && b.award !== a.award)
                expect(b.award === 'co-thi-dua' && a.award === 'bang-khen').toBe(true);
            }
        }
        expect(resultProblems(ranked, awards, 'points', decisions, (u) => score.get(u)!.ratioSumMicro)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('finds, naming the unit, an award given to a unit at zero points', () => {
    fc.assert(
      fc.property(year, ({ f, awards, decisions }) => {
        const ranked = rankUnits(f.units, f.scores, awards, 'points', decisions);
        const zero = ranked.find((r) => r.totalPoints === 0 && r.award === null);
        fc.pre(zero !== undefined);
        const edited = ranked.map((r) => (r === zero ? { ...r, award: 'co-thi-dua' as const } : r));
        const problems = resultProblems(edited, awards, 'points', decisions);
        expect(problems.some((p) => p.startsWith(`${zero!.unitId} `))).toBe(true);
      }),
      RUNS,
    );
  });

  it('ranks by competition within each level and cluster: a rank is one more than the units strictly ahead', () => {
    fc.assert(
      fc.property(year, ({ f, awards, decisions }) => {
        const ranked = rankUnits(f.units, f.scores, awards, 'points', decisions);
        const score = new Map(f.scores.map((x) => [x.unitId, x]));
        const breaks = (awards.tieBreaks ?? []).map((t) => t.by);
        const merit = (unitId: string) => {
          const x = score.get(unitId)!;
          return [
            x.totalCenti,
            ...(breaks.includes('targets-met') ? [Number(x.metAllTargets === true)] : []),
            ...(breaks.includes('ratio-sum') ? [x.ratioSumMicro] : []),
          ];
        };
        const ahead = (a: string, b: string) => {
          const [ma, mb] = [merit(a), merit(b)];
          const i = ma.findIndex((v, k) => v !== mb[k]);
          return i >= 0 && ma[i]! > mb[i]!;
        };
        for (const r of ranked) {
          const sameLevel = ranked.filter((o) => o.level === r.level);
          expect(r.levelRank).toBe(1 + sameLevel.filter((o) => ahead(o.unitId, r.unitId)).length);
          if (r.cluster) {
            const sameCluster = ranked.filter((o) => o.cluster === r.cluster);
            expect(r.clusterRank).toBe(1 + sameCluster.filter((o) => ahead(o.unitId, r.unitId)).length);
          }
        }
      }),
      RUNS,
    );
  });

  it('gives exact ties the same rank (đồng hạng: 1, 2, 2, 4), the unitId ordering the display only', () => {
    const units = ['d', 'c', 'b', 'a'].map((unitId) =>
      withUnitDefaults({ unitId, name: unitId, level: 'commune', parentId: null, cluster: 'cum-a' }),
    );
    const score = (unitId: string, totalCenti: number): UnitScore => ({
      unitId,
      year: 2026,
      totalPoints: totalCenti / 100,
      maxPoints: 100,
      metAllTargets: true,
      approvedFigures: 4,
      criteria: [],
      missing: [],
      totalCenti,
      ratioSumMicro: 0,
      indexMicro: 0,
    });
    const ranked = rankUnits(units, [score('d', 9000), score('c', 8000), score('b', 8000), score('a', 7000)], {
      flagPerGroup: 1,
      meritShare: 0,
    });
    expect(ranked.map((r) => [r.unitId, r.levelRank, r.clusterRank])).toEqual([
      ['d', 1, 1],
      ['b', 2, 2],
      ['c', 2, 2],
      ['a', 4, 4],
    ]);
  });
});
