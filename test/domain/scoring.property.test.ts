/** The scoring and ranking promises, checked on generated inputs (fast-check) against BigInt references. */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withUnitDefaults } from '../../shared/domain/lineage.js';
import { rankUnits } from '../../shared/domain/ranking.js';
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

/** Units in clusters (or none), each with a score; several share totals so the tie-breaks matter. */
const field = fc
  .array(
    fc.record({
      cluster: fc.constantFrom('cum-a', 'cum-b', null),
      level: fc.constantFrom('district' as const, 'commune' as const),
      totalCenti: fc.integer({ min: 0, max: 40 }).map((x) => x * 250),
      metAllTargets: fc.boolean(),
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
      criteria: [],
      missing: [],
      totalCenti: r.totalCenti,
      ratioSumMicro: r.ratioSumMicro,
      indexMicro: 0,
    }));
    return { units, scores };
  });
const awardsArb: fc.Arbitrary<AwardRules> = fc.record({
  flagPerGroup: fc.integer({ min: 0, max: 3 }),
  meritShare: fc.integer({ min: 0, max: 100 }).map((x) => x / 100),
});

describe('Property: ranking and awards', () => {
  it('does not depend on the order of its input', () => {
    fc.assert(
      fc.property(
        field.chain((f) => fc.tuple(fc.constant(f), fc.shuffledSubarray(f.scores, { minLength: f.scores.length }))),
        awardsArb,
        ([{ units, scores }, shuffled], awards) => {
          expect(rankUnits([...units].reverse(), shuffled, awards)).toEqual(rankUnits(units, scores, awards));
        },
      ),
      RUNS,
    );
  });

  it('keeps awards within quota, never for a unit that missed a target, and in rank order', () => {
    fc.assert(
      fc.property(field, awardsArb, ({ units, scores }, awards) => {
        const ranked = rankUnits(units, scores, awards);
        const met = new Map(scores.map((s) => [s.unitId, s.metAllTargets]));
        const groups = new Map<string, typeof ranked>();
        for (const r of ranked) {
          const g = r.cluster ?? `level:${r.level}`;
          groups.set(g, [...(groups.get(g) ?? []), r]);
        }
        for (const group of groups.values()) {
          const flags = group.filter((r) => r.award === 'co-thi-dua');
          const merits = group.filter((r) => r.award === 'bang-khen');
          expect(flags.length).toBeLessThanOrEqual(awards.flagPerGroup);
          expect(merits.length).toBeLessThanOrEqual(Math.floor(group.length * awards.meritShare));
          for (const r of [...flags, ...merits]) expect(met.get(r.unitId)).toBe(true);
          // Nobody without an award who met every target ranks above someone with one.
          const lastAwarded = Math.max(-1, ...group.map((r, i) => (r.award ? i : -1)));
          const flagOrMerit = group.slice(0, lastAwarded + 1).filter((r) => met.get(r.unitId));
          expect(flagOrMerit.every((r) => r.award !== null)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('ranks by competition within each level and cluster: a rank is one more than the units strictly ahead', () => {
    fc.assert(
      fc.property(field, awardsArb, ({ units, scores }, awards) => {
        const ranked = rankUnits(units, scores, awards);
        const score = new Map(scores.map((x) => [x.unitId, x]));
        const merit = (unitId: string) => {
          const x = score.get(unitId)!;
          return [x.totalCenti, Number(x.metAllTargets), x.ratioSumMicro];
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
