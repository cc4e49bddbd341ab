/**
 * The use cases on the in-memory stores: the same code the handlers call, without HTTP or a database, so
 * these run in milliseconds. The store behaviour they rely on is the contract that test/contract proves.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { memoryStores } from '../../adapters/memory/stores.js';
import { seedCatalogue } from '../../local/seed/index.js';
import type { Actor } from '../../shared/domain/types.js';
import type { Deps } from '../../shared/ports/index.js';
import { listUnitTasks, saveCampaignYear } from '../../shared/services/catalogue.js';
import { decide } from '../../shared/services/reviews.js';
import { runAggregation } from '../../shared/services/runs.js';
import { liveScore } from '../../shared/services/scores.js';
import { submissionHistory } from '../../shared/services/submission-reads.js';
import { submitFigure } from '../../shared/services/submissions.js';
import { importClusters } from '../../shared/services/unit-imports.js';

const unit: Actor = { sub: 'canbo-so-khcn-2025', role: 'unit', unitId: 'so-khcn-2025' };
const reviewer: Actor = { sub: 'thamdinh-1', role: 'reviewer', unitId: null };
const admin: Actor = { sub: 'quantri-1', role: 'admin', unitId: null };
const evidence = [{ title: 'Báo cáo 12/BC-UBND', documentNumber: '12/BC-UBND', issuedOn: '2026-11-10' }];
const ratio = (numerator: number, criterionId = 'ho-so-truc-tuyen', extra: Record<string, unknown> = {}) => ({
  unitId: 'so-khcn-2025',
  year: 2026,
  criterionId,
  value: { numerator, denominator: 1000, ...extra },
  evidence,
});

let deps: Deps;
beforeEach(async () => {
  deps = { ...memoryStores(), clock: fixedClock('2026-11-20T03:00:00Z'), defaultCampaignId: 'hp-175' };
  await seedCatalogue(deps);
});
const at = (iso: string): Deps => ({ ...deps, clock: fixedClock(iso) });

describe('Use case: submitFigure', () => {
  it('tags the value with its kind and accepts the kind echoed back', async () => {
    const { submission } = await submitFigure(deps, unit, ratio(900, 'ho-so-truc-tuyen', { kind: 'ratio' }));
    expect(submission.value).toEqual({ kind: 'ratio', numerator: 900, denominator: 1000 });
  });

  it("refuses a value tagged with another kind than its criterion's, naming value.kind", async () => {
    await expect(submitFigure(deps, unit, ratio(900, 'ho-so-truc-tuyen', { kind: 'boolean' }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'value.kind' }],
    });
    expect((await deps.catalogue.getCampaignYear('hp-175', 2026))?.reported).toBeFalsy();
  });

  it('a second report supersedes the first; the history tells both', async () => {
    const first = await submitFigure(deps, unit, ratio(800));
    const second = await submitFigure(at('2026-11-21T03:00:00Z'), unit, ratio(850));
    expect([first.submission.version, second.submission.version]).toEqual([1, 2]);
    expect((await deps.submissions.get(first.submission.submissionId))?.status).toBe('superseded');
    const history = await submissionHistory(deps, unit, second.submission.submissionId, { limit: 50 });
    expect(history.items.map((e) => [e.action, e.version])).toEqual([
      ['submitted', 1],
      ['submitted', 2],
      ['superseded', 1],
    ]);
  });
});

describe('Use case: decide', () => {
  it('approves with a correction, which is what the score counts', async () => {
    const { submission } = await submitFigure(deps, unit, ratio(700));
    await decide(at('2026-12-01T03:00:00Z'), reviewer, submission.submissionId, {
      decision: 'approved',
      expectedVersion: 1,
      correctedValue: { numerator: 950, denominator: 1000 },
      comment: 'Theo số liệu hệ thống',
    });
    const score = await liveScore(deps, unit, 'so-khcn-2025', 2026);
    const criterion = score.criteria.find((c) => c.criterionId === 'ho-so-truc-tuyen');
    expect(criterion).toMatchObject({ status: 'approved', met: true, value: { kind: 'ratio', numerator: 950 } });
  });

  it('refuses a stale version, points on a ratio, and a return without comment', async () => {
    const { submission } = await submitFigure(deps, unit, ratio(700));
    const id = submission.submissionId;
    await expect(decide(deps, reviewer, id, { decision: 'approved', expectedVersion: 2 })).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    await expect(
      decide(deps, reviewer, id, { decision: 'approved', expectedVersion: 1, points: 3 }),
    ).rejects.toMatchObject({ details: [{ field: 'points' }] });
    await expect(decide(deps, reviewer, id, { decision: 'returned', expectedVersion: 1 })).rejects.toMatchObject({
      details: [{ field: 'comment' }],
    });
    expect((await deps.submissions.get(id))?.status).toBe('submitted');
  });

  it('a correction may not move a task report to another task', async () => {
    const [a, b] = await listUnitTasks(deps, unit, 'so-khcn-2025', 2026);
    if (!a || !b) throw new Error('the annex has tasks of this department (or its predecessors) due in 2026');
    const { submission } = await submitFigure(deps, unit, {
      ...ratio(0, a.criterionId),
      value: { taskId: a.taskId, status: 'done', completedOn: '2026-06-01' },
    });
    await expect(
      decide(deps, reviewer, submission.submissionId, {
        decision: 'approved',
        expectedVersion: 1,
        correctedValue: { taskId: b.taskId, status: 'done', completedOn: '2026-06-01' },
      }),
    ).rejects.toMatchObject({ details: [{ field: 'correctedValue' }] });
  });
});

describe('Use case: criteria set and year-end run', () => {
  it('refuses a changed target once the year has reports (YEAR_LOCKED)', async () => {
    await submitFigure(deps, unit, ratio(700));
    const cy = (await deps.catalogue.getCampaignYear('hp-175', 2026))!;
    const criteria = cy.criteria.map((c) =>
      c.kind === 'ratio' ? { ...c, targets: { ...c.targets, department: 0.5 } } : c,
    );
    await expect(saveCampaignYear(deps, admin, 'hp-175', 2026, { criteria })).rejects.toMatchObject({
      code: 'YEAR_LOCKED',
    });
  });

  it('ranks the same way on every run', async () => {
    const { submission } = await submitFigure(deps, unit, ratio(990));
    await decide(at('2026-12-01T03:00:00Z'), reviewer, submission.submissionId, {
      decision: 'approved',
      expectedVersion: 1,
    });
    const request = { year: 2026, trigger: 'admin' as const, startedBy: 'quantri-1' };
    const one = await runAggregation(deps, { ...request, runId: 'r1' });
    const two = await runAggregation(deps, { ...request, runId: 'r2' });
    expect(one.status).toBe('succeeded');
    expect(two.counts?.rankingDigest).toBe(one.counts?.rankingDigest);
    const results = await deps.results.readResults('hp-175', 2026);
    expect(results?.rankings.find((r) => r.unitId === 'so-khcn-2025')?.totalPoints).toBeGreaterThan(0);
  });

  it('carries the figures of units that ceased during the year to the unit formed from them', async () => {
    // 2025 with the default cut-off (31/12): the old wards reported before they ceased, the new ward did not.
    const cy = (await deps.catalogue.getCampaignYear('hp-175', 2025))!;
    await saveCampaignYear(deps, admin, 'hp-175', 2025, { criteria: cy.criteria, cutOff: '2025-12-31' });
    // The year's participants: the new wards (the old ones report only because their figures pass to them).
    const rows = ['p-hong-bang', 'p-thuy-nguyen'].map((unitId, i) => ({
      row: i + 2,
      values: { clusterId: 'cum-phuong-moi', clusterName: 'Cụm các phường', unitId, role: i ? 'deputy' : 'head' },
    }));
    await importClusters(deps, admin, 'hp-175', 2025, { dryRun: false, sheet: async () => ({ rows, sha256: 'x' }) });
    for (const [unitId, numerator] of [
      ['old-11320', 700],
      ['old-11311', 350],
    ] as const) {
      const { submission } = await submitFigure(
        at('2025-11-20T03:00:00Z'),
        { sub: `canbo-${unitId}`, role: 'unit', unitId },
        {
          unitId,
          year: 2025,
          criterionId: 'ho-so-truc-tuyen',
          value: { numerator, denominator: 1000 },
          evidence: [{ title: 'Báo cáo' }],
        },
      );
      await decide(at('2025-12-05T03:00:00Z'), reviewer, submission.submissionId, {
        decision: 'approved',
        expectedVersion: 1,
      });
    }
    const run = { year: 2025, trigger: 'admin' as const, startedBy: 'quantri-1', runId: 'r' };
    await runAggregation(at('2025-12-28T01:00:00Z'), run);
    const results = (await deps.results.readResults('hp-175', 2025))!;
    // 30 × min(1, 0.70 / 0.7) = 30 and 30 × 0.35 / 0.7 = 15 (of 40 each): the mean is 22.5.
    expect(results.rankings.find((r) => r.unitId === 'p-hong-bang')).toMatchObject({
      totalPoints: 22.5,
      maxPoints: 40,
      metAllTargets: false,
      carriedFrom: ['old-11311', 'old-11320'],
    });
    // The old wards are not ranked in a year whose cut-off they did not reach, and Thủy Nguyên, whose
    // predecessors reported nothing, has no carried score.
    expect(results.rankings.some((r) => r.unitId === 'old-11311')).toBe(false);
    expect(results.rankings.find((r) => r.unitId === 'p-thuy-nguyen')).toMatchObject({ totalPoints: 0 });
    expect(results.rankings.find((r) => r.unitId === 'p-thuy-nguyen')?.carriedFrom).toBeUndefined();
  });
});
