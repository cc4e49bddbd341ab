/** Units over time: lineage checks, shares, and results derived from predecessors, exactly. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveResult,
  lineageProblems,
  lineageShares,
  type PredecessorResult,
  validOn,
  withUnitDefaults,
} from '../../shared/domain/lineage.js';
import type { Predecessor, Unit } from '../../shared/domain/types.js';

const old = (unitId: string, code: string | null = null): Unit =>
  withUnitDefaults({ unitId, name: `Phường ${unitId}`, level: 'commune', code, validTo: '2025-06-30' });
const formed = (
  unitId: string,
  predecessors: Array<Partial<Predecessor> & { unitId: string }>,
  extra: Partial<Unit> = {},
) =>
  withUnitDefaults({
    unitId,
    name: `Phường ${unitId}`,
    level: 'commune',
    validFrom: '2025-07-01',
    predecessors: predecessors.map((p) => ({ relation: 'merged', weight: null, ...p })),
    ...extra,
  });
const part = (unitId: string, totalCenti: number, shareMicro: number, metAllTargets = true): PredecessorResult => ({
  unitId,
  totalCenti,
  maxCenti: 10_000,
  metAllTargets,
  shareMicro,
});

describe('Function: validOn', () => {
  it('counts both the first and the last day', () => {
    expect(validOn(old('a'), '2025-06-30')).toBe(true);
    expect(validOn(old('a'), '2025-07-01')).toBe(false);
    expect(validOn(formed('b', []), '2025-07-01')).toBe(true);
    expect(validOn(formed('b', []), '2025-06-30')).toBe(false);
  });
});

describe('Function: lineageProblems', () => {
  it('accepts a merger of whole units and a split of one into shares that add up to 1', () => {
    const units = [
      old('a'),
      old('b'),
      old('c'),
      formed('ab', [{ unitId: 'a' }, { unitId: 'b' }, { unitId: 'c', relation: 'split', weight: 0.4 }]),
      formed('c2', [{ unitId: 'c', relation: 'split', weight: 0.6 }]),
    ];
    expect(lineageProblems(units)).toEqual([]);
  });

  it('names every kind of problem on the unit and field it concerns', () => {
    const units = [
      old('a', '100'),
      old('c'),
      withUnitDefaults({ unitId: 'live', name: 'Xã còn', level: 'commune' }),
      formed('x', [{ unitId: 'nowhere' }]),
      formed('early', [{ unitId: 'a' }], { validFrom: '2025-06-01' }),
      formed('still', [{ unitId: 'live' }]),
      formed('s1', [{ unitId: 'c', weight: 0.7 }]),
      formed('s2', [{ unitId: 'c', weight: 0.5 }]),
      withUnitDefaults({ unitId: 'dup', name: 'Trùng mã', level: 'commune', code: '100', validTo: '2024-12-31' }),
      formed('back', [], { validTo: '2025-01-01' }),
    ];
    const found = lineageProblems(units).map((i) => `${i.unitId} ${i.field}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'x predecessors.0.unitId',
        'early validFrom',
        'still predecessors.0.unitId',
        's1 predecessors.0.weight',
        's2 predecessors.0.weight',
        'dup code',
        'back validTo',
      ]),
    );
  });

  it('finds a cycle, however long', () => {
    const cycle = [
      formed('a', [{ unitId: 'c' }], { validTo: '2026-01-01' }),
      formed('b', [{ unitId: 'a' }], { validTo: '2026-01-01' }),
      formed('c', [{ unitId: 'b' }], { validTo: '2026-01-01' }),
    ];
    expect(lineageProblems(cycle).some((i) => i.field === 'predecessors' && /vòng lặp/.test(i.message))).toBe(true);
  });
});

describe('Function: lineageShares', () => {
  it('gives each unstated share an equal part of what the stated ones leave', () => {
    const units = [
      old('c'),
      formed('s1', [{ unitId: 'c', weight: 0.4 }]),
      formed('s2', [{ unitId: 'c' }]),
      formed('s3', [{ unitId: 'c' }]),
    ];
    const shares = lineageShares(units);
    expect(shares.get('s1')).toEqual([{ unitId: 'c', shareMicro: 400_000 }]);
    expect(shares.get('s2')).toEqual([{ unitId: 'c', shareMicro: 300_000 }]);
    expect(shares.get('s3')).toEqual([{ unitId: 'c', shareMicro: 300_000 }]);
  });
});

describe('Function: deriveResult', () => {
  it('mean: the arithmetic mean of the predecessors, rounded half up to the hundredth', () => {
    // (87.25 + 60.50 + 70.00) / 3 = 72.5833… → 72.58
    expect(
      deriveResult('mean', [part('a', 8725, 1_000_000), part('b', 6050, 1_000_000), part('c', 7000, 250_000)]),
    ).toEqual({ totalCenti: 7258, maxCenti: 10_000, metAllTargets: true });
  });

  it('weighted: by the shares that went into the unit', () => {
    // (87.25 × 1 + 60.50 × 1 + 70.00 × 0.25) / 2.25 = 165.25 / 2.25 = 73.444… → 73.44
    expect(
      deriveResult('weighted', [
        part('a', 8725, 1_000_000),
        part('b', 6050, 1_000_000),
        part('c', 7000, 250_000, false),
      ]),
    ).toEqual({ totalCenti: 7344, maxCenti: 10_000, metAllTargets: false });
  });

  it('none, or no predecessor with a result: nothing is derived', () => {
    expect(deriveResult('none', [part('a', 8725, 1_000_000)])).toBeNull();
    expect(deriveResult('mean', [])).toBeNull();
    expect(deriveResult('weighted', [part('a', 8725, 0)])).toBeNull();
  });

  it('equals a BigInt reference and stays between the smallest and the largest predecessor', () => {
    const parts = fc.array(
      fc.record({
        totalCenti: fc.integer({ min: 0, max: 100_000 }),
        shareMicro: fc.integer({ min: 1, max: 1_000_000 }),
      }),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(parts, fc.constantFrom('mean' as const, 'weighted' as const), (ps, rule) => {
        const results = ps.map((p, i) => part(`u${i}`, p.totalCenti, p.shareMicro));
        const derived = deriveResult(rule, results)!;
        const w = (p: PredecessorResult) => BigInt(rule === 'mean' ? 1 : p.shareMicro);
        const sum = results.reduce((s, p) => s + BigInt(p.totalCenti) * w(p), 0n);
        const weights = results.reduce((s, p) => s + w(p), 0n);
        // round half up: floor(sum / weights + 1/2)
        expect(BigInt(derived.totalCenti)).toBe((2n * sum + weights) / (2n * weights));
        expect(derived.totalCenti).toBeGreaterThanOrEqual(Math.min(...ps.map((p) => p.totalCenti)));
        expect(derived.totalCenti).toBeLessThanOrEqual(Math.max(...ps.map((p) => p.totalCenti)));
      }),
      { numRuns: 300 },
    );
  });
});
