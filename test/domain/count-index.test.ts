/** The count kind and index-style results: exact, as the rest of scoring. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { criterionSchema, targetText } from '../../shared/domain/kinds/index.js';
import { withUnitDefaults } from '../../shared/domain/lineage.js';
import { rankUnits } from '../../shared/domain/ranking.js';
import { type CurrentFigure, indexMicroOf, scoreUnit } from '../../shared/domain/scoring.js';
import type { CampaignYear, Criterion } from '../../shared/domain/types.js';

const criteria: Criterion[] = [
  {
    criterionId: 'lop-bao-cao-vien',
    kind: 'count',
    title: 'Số lớp bồi dưỡng báo cáo viên',
    maxPoints: 20,
    weight: 1,
    levels: ['department'],
    targets: { department: 2 },
    unitLabel: 'lớp',
  },
  {
    criterionId: 'ho-so',
    kind: 'ratio',
    title: 'Hồ sơ trực tuyến',
    maxPoints: 10,
    weight: 3,
    levels: ['department'],
    targets: { department: 0.9 },
  },
];
const cy = (c = criteria): CampaignYear => ({
  campaignId: 'c',
  year: 2026,
  criteria: c,
  calendar: { submissionOpensAt: '', submissionClosesAt: '', reviewClosesAt: '', yearEndRunAt: '' },
  awards: { flagPerGroup: 1, meritShare: 0 },
});
const unit = (unitId: string) => withUnitDefaults({ unitId, name: unitId, level: 'department', cluster: 'k' });
const approved = (slotId: string, value: CurrentFigure['value']): CurrentFigure => ({
  slotId,
  criterionId: slotId,
  status: 'approved',
  value,
  points: null,
});

describe('Kind: count', () => {
  it('scores maxPoints × min(1, count / target), exactly, and meets the target at the minimum', () => {
    const score = (count: number) =>
      scoreUnit(unit('a'), cy(), [], [approved('lop-bao-cao-vien', { kind: 'count', count })]).criteria[0]!;
    expect([score(0).points, score(1).points, score(2).points, score(5).points]).toEqual([0, 10, 20, 20]);
    expect([score(1).met, score(2).met]).toEqual([false, true]);
    const third = { ...criteria[0]!, targets: { department: 3 } } as Criterion;
    // 20 × 1/3 = 6.666… → 6.67
    expect(
      scoreUnit(unit('a'), cy([third]), [], [approved('lop-bao-cao-vien', { kind: 'count', count: 1 })]).totalPoints,
    ).toBe(6.67);
  });

  it('refuses a count that is not a whole non-negative number, and a target below 1', () => {
    expect(criterionSchema.safeParse({ ...criteria[0], targets: { department: 0 } }).success).toBe(false);
    expect(criterionSchema.safeParse({ ...criteria[0], targets: { department: 2.5 } }).success).toBe(false);
    expect(criterionSchema.safeParse(criteria[0]).success).toBe(true);
  });

  it('says its target in words', () => {
    expect(targetText(criteria[0]!, 'department')).toBe('≥ 2 lớp');
    expect(targetText(criteria[1]!, 'department')).toBe('90%');
  });
});

describe('Index-style results', () => {
  it('is the weighted mean of each criterion’s attainment, and ranks units by it', () => {
    const a = scoreUnit(
      unit('a'),
      cy(),
      [],
      [
        approved('lop-bao-cao-vien', { kind: 'count', count: 2 }),
        approved('ho-so', { kind: 'ratio', numerator: 45, denominator: 100 }),
      ],
    );
    // (1 × 1 + 3 × 0.5) / 4 = 0.625; by points a has 25 of 30.
    expect(a.indexMicro).toBe(625_000);
    const b = scoreUnit(unit('b'), cy(), [], [approved('ho-so', { kind: 'ratio', numerator: 90, denominator: 100 })]);
    // (1 × 0 + 3 × 1) / 4 = 0.75, but only 10 points of 30.
    expect(b.indexMicro).toBe(750_000);
    const units = [unit('a'), unit('b')];
    expect(rankUnits(units, [a, b], cy().awards, 'points').map((r) => r.unitId)).toEqual(['a', 'b']);
    const byIndex = rankUnits(units, [a, b], cy().awards, 'index');
    expect(byIndex.map((r) => [r.unitId, r.index])).toEqual([
      ['b', 0.75],
      ['a', 0.625],
    ]);
  });

  it('equals a BigInt reference for any weights and attainments, and is points over maximum for weights = maxima', () => {
    const part = fc.record({
      weightCenti: fc.integer({ min: 1, max: 100_000 }),
      maxCenti: fc.integer({ min: 1, max: 100_000 }),
      share: fc.integer({ min: 0, max: 1_000 }),
    });
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 20 }), (raw) => {
        const parts = raw.map((p) => ({ ...p, pointsCenti: Math.floor((p.maxCenti * p.share) / 1_000) }));
        // Σ w·p/m over a common denominator Π m, then × 10⁶ / Σ w, rounded half up.
        const M = parts.reduce((x, p) => x * BigInt(p.maxCenti), 1n);
        const num = parts.reduce(
          (x, p) => x + (BigInt(p.weightCenti) * BigInt(p.pointsCenti) * M) / BigInt(p.maxCenti),
          0n,
        );
        const den = M * BigInt(parts.reduce((x, p) => x + p.weightCenti, 0));
        expect(BigInt(indexMicroOf(parts))).toBe((2n * num * 1_000_000n + den) / (2n * den));
        const asPoints = parts.map((p) => ({ ...p, weightCenti: p.maxCenti }));
        const total = BigInt(parts.reduce((x, p) => x + p.pointsCenti, 0));
        const max = BigInt(parts.reduce((x, p) => x + p.maxCenti, 0));
        expect(BigInt(indexMicroOf(asPoints))).toBe((2n * total * 1_000_000n + max) / (2n * max));
      }),
      { numRuns: 300 },
    );
  });
});
