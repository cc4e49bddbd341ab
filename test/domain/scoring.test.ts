import { describe, expect, it } from 'vitest';
import { withUnitDefaults } from '../../shared/domain/lineage.js';
import { compareScores, rankUnits, type TieBreak } from '../../shared/domain/ranking.js';
import {
  type CurrentFigure,
  ratioMet,
  ratioPointsCenti,
  scoreUnit,
  type UnitScore,
} from '../../shared/domain/scoring.js';
import type { CampaignYear, Criterion, Task, Unit } from '../../shared/domain/types.js';

const criteria: Criterion[] = [
  {
    criterionId: 'ho-so',
    kind: 'ratio',
    title: 'Hồ sơ trực tuyến',
    maxPoints: 10,
    levels: ['district', 'commune'],
    targets: { district: 0.9, commune: 0.7 },
  },
  { criterionId: 'ke-hoach', kind: 'boolean', title: 'Kế hoạch', maxPoints: 5, levels: ['district', 'commune'] },
  {
    criterionId: 'nhiem-vu',
    kind: 'task',
    title: 'Nhiệm vụ',
    maxPoints: 20,
    levels: ['district'],
    taskCatalogue: 'qd',
    lateShare: 0.5,
  },
  { criterionId: 'san-pham', kind: 'assessed', title: 'Sản phẩm', maxPoints: 30, levels: ['enterprise'] },
];
const cy: CampaignYear = {
  campaignId: 'c',
  year: 2026,
  criteria,
  calendar: { submissionOpensAt: '', submissionClosesAt: '', reviewClosesAt: '', yearEndRunAt: '' },
  awards: { flagPerGroup: 1, meritShare: 0.5 },
};
const task = (taskId: string, timeFrame: string): Task => ({
  taskId,
  section: 'I',
  sectionTitle: '',
  group: null,
  groupTitle: null,
  content: '',
  leadAgencies: '',
  coordinatingAgencies: '',
  timeFrame,
  leadUnitIds: [],
  leadLevels: ['district'],
});
const tasks = [task('T1', 'Hằng năm'), task('T2', '2024-2026'), task('T3', '2022-2023')];
const unit = (unitId: string, level: Unit['level'] = 'district', cluster: string | null = 'cum-a'): Unit =>
  withUnitDefaults({
    unitId,
    name: unitId,
    level,
    parentId: null,
    cluster,
  });
const fig = (
  slotId: string,
  value: CurrentFigure['value'],
  status: CurrentFigure['status'] = 'approved',
  points: number | null = null,
): CurrentFigure => ({ slotId, criterionId: slotId.split('~')[0]!, value, status, points });

describe('ratio points', () => {
  it('gives maxPoints × min(1, ratio / target), exactly', () => {
    expect(ratioPointsCenti({ numerator: 90, denominator: 100 }, 0.9, 1000)).toBe(1000);
    expect(ratioPointsCenti({ numerator: 45, denominator: 100 }, 0.9, 1000)).toBe(500);
    expect(ratioPointsCenti({ numerator: 100, denominator: 100 }, 0.9, 1000)).toBe(1000);
    expect(ratioPointsCenti({ numerator: 0, denominator: 100 }, 0.7, 1000)).toBe(0);
    // 7/10 of a 70% target is exactly the target: 0.7 × 10 points is 10, never 9.999…
    expect(ratioPointsCenti({ numerator: 7, denominator: 10 }, 0.7, 1000)).toBe(1000);
    expect(ratioPointsCenti({ numerator: 1, denominator: 3 }, 0.5, 1000)).toBe(667);
    expect(ratioPointsCenti({ numerator: 1, denominator: 1 }, 0, 1000)).toBe(1000);
  });
  it('stays exact for counts large enough to leave float range (the BigInt path)', () => {
    // 100000 centi-points × 10 000 × 999 999 999 is beyond 2^53.
    expect(ratioPointsCenti({ numerator: 999_999_999, denominator: 1_000_000_000 }, 1, 100_000)).toBe(100_000);
    expect(ratioPointsCenti({ numerator: 333_333_333, denominator: 1_000_000_000 }, 1, 100_000)).toBe(33_333);
    expect(ratioPointsCenti({ numerator: 500_000_001, denominator: 1_000_000_000 }, 0.7, 1_000)).toBe(714);
  });
  it('is met when ratio ≥ target, with no floating-point edge', () => {
    expect(ratioMet({ numerator: 7, denominator: 10 }, 0.7)).toBe(true);
    expect(ratioMet({ numerator: 699_999, denominator: 1_000_000 }, 0.7)).toBe(false);
    expect(ratioMet({ numerator: 9, denominator: 10 }, 0.9)).toBe(true);
    expect(ratioMet({ numerator: 899, denominator: 1000 }, 0.9)).toBe(false);
    expect(ratioMet({ numerator: 999_999_999, denominator: 1_000_000_000 }, 1)).toBe(false);
  });
});

describe('scoreUnit', () => {
  it('scores every kind and sums points, max and metAllTargets', () => {
    const s = scoreUnit(unit('q1'), cy, tasks, [
      fig('ho-so', { kind: 'ratio', numerator: 95, denominator: 100 }),
      fig('ke-hoach', { kind: 'boolean', achieved: true }),
      fig('nhiem-vu~T1', { kind: 'task', taskId: 'T1', status: 'done', completedOn: '2026-05-01' }),
      fig('nhiem-vu~T2', { kind: 'task', taskId: 'T2', status: 'done', completedOn: '2026-12-31' }),
    ]);
    expect(s.totalPoints).toBe(35);
    expect(s.maxPoints).toBe(35);
    expect(s.metAllTargets).toBe(true);
    expect(s.missing).toEqual([]);
    const tasksScore = s.criteria.find((c) => c.criterionId === 'nhiem-vu')!;
    expect(tasksScore.tasks!.map((t) => t.taskId)).toEqual(['T1', 'T2']); // T3 ended in 2023
  });

  it('counts late tasks at the late share and not-done at 0', () => {
    const s = scoreUnit(
      unit('q1'),
      { ...cy, year: 2027 },
      [task('T2', '2024-2026'), task('T1', 'Hằng năm')],
      [fig('nhiem-vu~T1', { kind: 'task', taskId: 'T1', status: 'done', completedOn: '2028-01-05' })],
    );
    const t = s.criteria.find((c) => c.criterionId === 'nhiem-vu')!;
    expect(t.tasks).toEqual([{ taskId: 'T1', dueOn: '2027-12-31', status: 'approved', timeliness: 'late' }]);
    expect(t.points).toBe(10);
    expect(t.met).toBe(false);
    const notDone = scoreUnit(
      unit('q1'),
      cy,
      [task('T1', 'Hằng năm'), task('T2', '2026')],
      [
        fig('nhiem-vu~T1', { kind: 'task', taskId: 'T1', status: 'not_done' }),
        fig('nhiem-vu~T2', { kind: 'task', taskId: 'T2', status: 'done', completedOn: '2026-03-01' }),
      ],
    );
    expect(notDone.criteria.find((c) => c.criterionId === 'nhiem-vu')!.points).toBe(10);
  });

  it('counts only approved figures; missing and pending are 0 and listed', () => {
    const s = scoreUnit(unit('x', 'commune'), cy, tasks, [
      fig('ho-so', { kind: 'ratio', numerator: 1, denominator: 1 }, 'submitted'),
      fig('ke-hoach', { kind: 'boolean', achieved: true }, 'returned'),
    ]);
    expect(s.totalPoints).toBe(0);
    expect(s.criteria.map((c) => c.status)).toEqual(['pending', 'returned']);
    expect(s.metAllTargets).toBe(false);
    expect(scoreUnit(unit('y', 'commune'), cy, tasks, []).missing).toEqual(['ho-so', 'ke-hoach']);
  });

  it('drops the task criterion for a unit that leads no task that year', () => {
    const s = scoreUnit(unit('q1'), cy, [], []);
    expect(s.criteria.map((c) => c.criterionId)).toEqual(['ho-so', 'ke-hoach']);
    expect(s.maxPoints).toBe(15);
  });

  it("uses the reviewer's points for assessed criteria, capped at the max", () => {
    const s = scoreUnit(unit('dn', 'enterprise', null), cy, tasks, [
      fig('san-pham', { kind: 'assessed', summary: 'x' }, 'approved', 27.5),
    ]);
    expect(s.totalPoints).toBe(27.5);
    expect(s.criteria[0]!.met).toBeNull();
    // Only assessed criteria, none with a target: no targets apply (never "met").
    expect(s.metAllTargets).toBeNull();
    expect(
      scoreUnit(unit('dn', 'enterprise', null), cy, tasks, [
        fig('san-pham', { kind: 'assessed', summary: 'x' }, 'approved', 99),
      ]).totalPoints,
    ).toBe(30);
  });

  it('a boolean is all or nothing', () => {
    const no = scoreUnit(unit('x', 'commune'), cy, tasks, [fig('ke-hoach', { kind: 'boolean', achieved: false })]);
    expect(no.criteria[1]).toMatchObject({ points: 0, met: false });
  });
});

describe('ranking', () => {
  const score = (
    unitId: string,
    totalCenti: number,
    metAllTargets: boolean | null,
    ratioSumMicro = 0,
    approvedFigures = 5,
  ): UnitScore => ({
    unitId,
    year: 2026,
    totalPoints: totalCenti / 100,
    maxPoints: 100,
    metAllTargets,
    approvedFigures,
    criteria: [],
    missing: [],
    totalCenti,
    ratioSumMicro,
    indexMicro: 0,
  });

  it('orders by the campaign score only; tie-breaks apply only where the campaign names them', () => {
    const scores = [
      score('d', 5000, false, 1),
      score('c', 5000, true, 1),
      score('b', 5000, true, 2),
      score('a', 5000, true, 2),
      score('e', 6000, false),
    ];
    const order = (tb: TieBreak[] = []) => [...scores].sort((x, y) => compareScores(x, y, 'points', tb));
    expect(order().map((s) => s.unitId)).toEqual(['e', 'a', 'b', 'c', 'd']);
    expect(
      [...scores]
        .reverse()
        .sort(compareScores)
        .map((s) => s.unitId),
    ).toEqual(['e', 'a', 'b', 'c', 'd']);
    const named = order(['targets-met', 'ratio-sum']).map((s) => s.unitId);
    expect(named).toEqual(['e', 'a', 'b', 'c', 'd']);
    // Without tie-breaks the four at 50 points share rank 2; with them, only a and b do.
    const units = ['a', 'b', 'c', 'd', 'e'].map((id) => unit(id));
    const plain = rankUnits(units, scores, { flagPerGroup: 0, meritShare: 0 });
    expect(plain.map((r) => r.levelRank)).toEqual([1, 2, 2, 2, 2]);
    const broken = rankUnits(units, scores, {
      flagPerGroup: 0,
      meritShare: 0,
      tieBreaks: [
        { by: 'targets-met', source: 'Quy chế thi đua, Điều 9' },
        { by: 'ratio-sum', source: 'Quy chế thi đua, Điều 9' },
      ],
    });
    expect(broken.map((r) => r.levelRank)).toEqual([1, 2, 2, 4, 5]);
  });

  it('ranks within level and cluster and proposes awards by quota, only with approved figures and targets met', () => {
    const units = [
      unit('a'),
      unit('b'),
      unit('c'),
      unit('d'),
      unit('e', 'district', 'cum-b'),
      unit('f', 'district', 'cum-b'),
      unit('x', 'commune', null),
    ];
    const scores = [
      score('a', 9000, false),
      score('b', 8000, true),
      score('c', 7000, true),
      score('d', 6000, true),
      score('e', 5000, false),
      score('f', 4000, false),
      score('x', 100, true),
    ];
    const r = rankUnits(units, scores, { flagPerGroup: 1, meritShare: 0.5 });
    const by = Object.fromEntries(r.map((e) => [e.unitId, e]));
    expect(by.a).toMatchObject({ levelRank: 1, clusterRank: 1, award: null, notProposed: ['targets-not-met'] });
    expect(by.b).toMatchObject({
      levelRank: 2,
      clusterRank: 2,
      award: 'co-thi-dua',
      basis: { decidedBy: 'ranking', rank: 2, points: 80, targets: 'met', quota: 1, approvedFigures: 5 },
    });
    expect(by.c!.award).toBe('bang-khen');
    expect(by.d!.award).toBe('bang-khen');
    expect(by.e).toMatchObject({ levelRank: 5, clusterRank: 1, award: null });
    expect(by.f!.award).toBeNull();
    expect(by.x).toMatchObject({ levelRank: 1, clusterRank: null, award: 'co-thi-dua' });
  });

  it('proposes nothing for a unit without approved figures or with zero points, whatever its rank', () => {
    const units = ['p', 'q', 'r', 's'].map((id) => unit(id, 'enterprise', 'khoi-dn'));
    const scores = [
      score('p', 0, null, 0, 0),
      score('q', 0, null, 0, 0),
      score('r', 0, null, 0, 3),
      score('s', 0, null, 0, 0),
    ];
    const r = rankUnits(units, scores, { flagPerGroup: 1, meritShare: 0.5 });
    expect(r.every((e) => e.award === null && e.levelRank === 1 && e.metAllTargets === null)).toBe(true);
    expect(r.find((e) => e.unitId === 'p')!.notProposed).toEqual(['no-approved-figures', 'below-minimum']);
    expect(r.find((e) => e.unitId === 'r')!.notProposed).toEqual(['below-minimum']);
  });

  it("applies an award's stated minimum (a share of the maximum points) exactly", () => {
    const units = ['a', 'b'].map((id) => unit(id));
    const scores = [score('a', 8000, true), score('b', 7999, true)];
    const r = rankUnits(units, scores, {
      flagPerGroup: 2,
      meritShare: 0.5,
      minimums: { 'co-thi-dua': { pointsShare: 0.8 } },
    });
    // 79.99 of 100 is below 80 %: b may have the Bằng khen, not the flag, though a flag is left.
    expect(r.map((e) => e.award)).toEqual(['co-thi-dua', 'bang-khen']);
    expect(r[0]!.basis!.minimum).toEqual({ measure: 'points-share', required: 0.8, reached: 0.8, met: true });
    expect(r[1]!.eligibleFor).toEqual(['bang-khen']);
  });

  it('gives no award to units tied exactly at a quota boundary: they are marked tied, and the vote decides', () => {
    const units = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => unit(id));
    const scores = [
      score('a', 4000, true),
      score('b', 4000, true),
      score('c', 4000, true),
      score('d', 3000, true),
      score('e', 2000, true),
      score('f', 1000, true),
    ];
    const rules = { flagPerGroup: 1, meritShare: 0.5 };
    const tied = rankUnits(units, scores, rules);
    const by = Object.fromEntries(tied.map((e) => [e.unitId, e]));
    for (const id of ['a', 'b', 'c'])
      expect(by[id]).toMatchObject({ award: 'bang-khen', tiedAtQuota: true, tiedFor: 'co-thi-dua', levelRank: 1 });
    expect(by.d).toMatchObject({ award: null, tiedAtQuota: false, notProposed: ['outside-quota'] });
    // The cluster votes for b: b holds the flag, a and c the Bằng khen, and d one Bằng khen as well.
    const voted = rankUnits(
      units,
      scores,
      rules,
      'points',
      new Map([['cum-a', { 'co-thi-dua': { by: 'vote', unitIds: ['b'] } }]]),
    );
    const v = Object.fromEntries(voted.map((e) => [e.unitId, e]));
    expect(v.b).toMatchObject({ award: 'co-thi-dua', basis: { decidedBy: 'vote' } });
    expect([v.a!.award, v.c!.award, v.d!.award]).toEqual(['bang-khen', 'bang-khen', 'bang-khen']);
    expect(v.e!.award).toBeNull();
  });

  it("a tie at the Bằng khen's quota is left to the admin's recorded decision", () => {
    const units = ['a', 'b', 'c', 'd'].map((id) => unit(id, 'department', null));
    const scores = [score('a', 9000, true), score('b', 5000, true), score('c', 5000, true), score('d', 1000, true)];
    const rules = { flagPerGroup: 1, meritShare: 0.25 };
    const before = rankUnits(units, scores, rules);
    expect(before.map((e) => [e.unitId, e.award, e.tiedFor])).toEqual([
      ['a', 'co-thi-dua', null],
      ['b', null, 'bang-khen'],
      ['c', null, 'bang-khen'],
      ['d', null, null],
    ]);
    const decided = rankUnits(
      units,
      scores,
      rules,
      'points',
      new Map([['level:department', { 'bang-khen': { by: 'admin', unitIds: ['c'] } }]]),
    );
    expect(decided.find((e) => e.unitId === 'c')).toMatchObject({ award: 'bang-khen', basis: { decidedBy: 'admin' } });
    expect(decided.find((e) => e.unitId === 'b')!.award).toBeNull();
  });

  it('gives the same output whatever the input order', () => {
    const units = ['a', 'b', 'c', 'd'].map((id) => unit(id));
    const scores = [score('a', 700, true), score('b', 700, true), score('c', 700, true, 5), score('d', 100, false)];
    const one = JSON.stringify(rankUnits(units, scores, cy.awards));
    expect(JSON.stringify(rankUnits([...units].reverse(), [...scores].reverse(), cy.awards))).toBe(one);
  });
});
