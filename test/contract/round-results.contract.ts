/**
 * The bình xét round's store and the results' store, as every implementation must behave: run by memory.test.ts,
 * dynalite.test.ts and dynamodb-local.test.ts. The races (a run against a finalization, twenty ballots from one unit)
 * are run on each store.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RankingEntry } from '../../shared/domain/ranking.js';
import type { UnitPage } from '../../shared/domain/year-results.js';
import type { AggregationRun, Stores } from '../../shared/ports/index.js';

export interface RoundResultsUnderTest {
  fresh(): Promise<Stores>;
  /** Every stored item of the fresh stores, where the store can list them (the DynamoDB adapters). */
  items?(stores: Stores): Promise<Array<Record<string, unknown>>>;
}

const entry = (action: string, at = '2026-12-10T03:00:00.000Z') => ({ at, actor: 'a', role: 'admin' as const, action });

const rankingOf = (i: number): RankingEntry => ({
  unitId: `u${String(i).padStart(4, '0')}`,
  name: `Xã ${i}`,
  level: 'commune',
  cluster: 'cum-1',
  totalPoints: i,
  maxPoints: 100,
  metAllTargets: true,
  approvedFigures: 3,
  levelRank: i + 1,
  clusterRank: i + 1,
  award: null,
  basis: null,
  tiedAtQuota: false,
  tiedFor: null,
  eligibleFor: ['bang-khen'],
  notProposed: ['outside-quota'],
});
/** A page of a few KB (15 figures), as a real unit's is. */
const pageOf = (r: RankingEntry): UnitPage => ({
  unit: { unitId: r.unitId, name: r.name, level: r.level, cluster: r.cluster },
  ranking: r,
  score: {
    unitId: r.unitId,
    year: 2026,
    totalPoints: r.totalPoints,
    maxPoints: 100,
    metAllTargets: true,
    approvedFigures: 3,
    missing: [],
    criteria: [],
  },
  figures: Array.from({ length: 15 }, (_, k) => ({
    slotId: `tieu-chi-${k}`,
    criterionId: `tieu-chi-${k}`,
    status: 'approved' as const,
    value: { kind: 'ratio' as const, numerator: 870 + k, denominator: 1000 },
    points: null,
    submissionId: `s-${r.unitId}-${k}-${'x'.repeat(60)}`,
    version: 1,
    decidedAt: '2026-12-05T03:00:00.000Z',
    fileHashes: ['ab'.repeat(32)],
  })),
  predecessors: [],
});
const results = (n: number, digest: string) => {
  const rankings = Array.from({ length: n }, (_, i) => rankingOf(i));
  return { rankings, summary: [], digest, pages: rankings.map(pageOf) };
};

export function roundResultsContract(name: string, under: RoundResultsUnderTest) {
  describe(`Round and results stores: ${name}`, () => {
    let s: Stores;
    beforeEach(async () => {
      s = await under.fresh();
    });

    describe('ResultStore', () => {
      const NOW = new Date('2026-12-28T01:00:00.000Z');
      const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
      const queued = (runId: string, startedAt: Date, extra: Partial<AggregationRun> = {}): AggregationRun => ({
        campaignId: 'c1',
        year: 2026,
        runId,
        trigger: 'admin',
        status: 'queued',
        startedAt: startedAt.toISOString(),
        finishedAt: null,
        leaseUntil: null,
        startedBy: 'admin-1',
        counts: null,
        error: null,
        ...extra,
      });
      const running = (r: AggregationRun, lease = later(15)): AggregationRun => ({
        ...r,
        status: 'running',
        leaseUntil: lease.toISOString(),
      });

      it('lists runs newest first and finds one by id; a run starts once, a failed one may be tried again', async () => {
        const r1 = queued('r1', NOW);
        const r2 = queued('r2', later(1));
        await s.results.putRun(r1);
        await s.results.putRun(r2);
        expect((await s.results.listRuns('c1', 2026)).map((r) => r.runId)).toEqual(['r2', 'r1']);
        expect(await s.results.getRun('c1', 2026, 'r1')).toEqual(r1);
        expect(await s.results.getRun('c1', 2026, 'nope')).toBeNull();
        expect(await s.results.startRun(running(r1), NOW)).toBe(true);
        // Delivered twice: the second execution finds it running under a valid lease.
        expect(await s.results.startRun(running(r1), later(1))).toBe(false);
        // Its lease ran out (the process died): another execution takes it over.
        expect(await s.results.startRun(running(r1, later(40)), later(20))).toBe(true);
        await s.results.putRun({ ...r1, status: 'failed', error: 'x' });
        expect(await s.results.startRun(running(r1), later(21))).toBe(true);
        await s.results.putRun({ ...r1, status: 'succeeded' });
        expect(await s.results.startRun(running(r1), later(22))).toBe(false);
      });

      it("makes a run's results the year's only by publishing them; a reader gets one run's, whole, with each unit's page", async () => {
        const run = running(queued('r1', NOW));
        await s.results.putRun(queued('r1', NOW));
        await s.results.startRun(run, NOW);
        const written = results(900, 'd1');
        expect(await s.results.writeResults('c1', 2026, 'r1', written)).toBeGreaterThan(0);
        expect(await s.results.readResults('c1', 2026)).toBeNull();
        expect(await s.results.publishResults(run, later(1))).toBeNull();
        const read = await s.results.readResults('c1', 2026);
        expect(read).toEqual({ runId: 'r1', rankings: written.rankings, summary: [], digest: 'd1' });
        for (const i of [0, 457, 899])
          expect(await s.results.readUnitPage('c1', 2026, rankingOf(i).unitId)).toEqual(written.pages[i]);
        expect(await s.results.readUnitPage('c1', 2026, 'not-ranked')).toBeNull();
      });

      it('refuses to publish a run that lost its lease, or one started before the results already published', async () => {
        const a = running(queued('a', NOW));
        const b = running(queued('b', later(1)));
        for (const r of [a, b]) {
          await s.results.putRun(queued(r.runId, new Date(r.startedAt)));
          await s.results.startRun(r, later(1));
          await s.results.writeResults('c1', 2026, r.runId, results(3, r.runId));
        }
        expect(await s.results.publishResults(b, later(2))).toBeNull();
        expect(await s.results.publishResults(a, later(3))).toBe('superseded');
        expect((await s.results.readResults('c1', 2026))?.runId).toBe('b');
        // Past its lease, or after another execution took it over, a run publishes nothing.
        expect(await s.results.publishResults(b, later(30))).toBe('lease-lost');
        await s.results.putRun({ ...b, leaseUntil: later(20).toISOString() });
        expect(await s.results.publishResults(b, later(2))).toBe('lease-lost');
      });

      it('keeps a final ranking: a run started before the finalization and finishing after it changes nothing', async () => {
        // Two runs interleaved: the admin's (a) is under way when the year is finalized; the finalization's own (f)
        // runs and publishes; then (a) finishes and tries to publish.
        const a = running(queued('a', NOW));
        await s.results.putRun(queued('a', NOW));
        await s.results.startRun(a, NOW);
        await s.results.writeResults('c1', 2026, 'a', results(5, 'da'));
        const lock = {
          campaignId: 'c1',
          year: 2026,
          state: 'final' as const,
          finalizedAt: later(1).toISOString(),
          finalizedBy: 'admin-1',
          runId: null,
          rankingDigest: null,
          pendingRunId: 'f',
          reopenedAt: null,
          reopenReason: null,
        };
        expect(await s.catalogue.saveFinalization(lock, entry('year-finalized'), 0)).toBe(true);
        const f = running(queued('f', later(2), { finalizing: true, trigger: 'finalize' }));
        await s.results.putRun(queued('f', later(2), { finalizing: true, trigger: 'finalize' }));
        await s.results.startRun(f, later(2));
        await s.results.writeResults('c1', 2026, 'f', results(4, 'df'));
        // A run that is not the finalization's own is refused by the lock, even a later one.
        const late = running(queued('late', later(3)));
        await s.results.putRun(queued('late', later(3)));
        await s.results.startRun(late, later(3));
        await s.results.writeResults('c1', 2026, 'late', results(4, 'dl'));
        expect(await s.results.publishResults(late, later(4))).toBe('finalized');
        expect(await s.results.publishResults(f, later(4))).toBeNull();
        expect(await s.results.publishResults(a, later(5))).not.toBeNull();
        const read = await s.results.readResults('c1', 2026);
        expect(read).toMatchObject({ runId: 'f', digest: 'df' });
        expect(read!.rankings).toHaveLength(4);
      });

      it('removes the results of runs that are not the year’s once they ended long enough ago, never the current ones', async () => {
        for (const [id, at] of [
          ['old', NOW],
          ['cur', later(1)],
        ] as const) {
          const r = running(queued(id, at));
          await s.results.putRun(queued(id, at));
          await s.results.startRun(r, at);
          await s.results.writeResults('c1', 2026, id, results(3, id));
          expect(await s.results.publishResults(r, at)).toBeNull();
          await s.results.putRun({ ...r, status: 'succeeded', finishedAt: at.toISOString(), leaseUntil: null });
        }
        expect(await s.results.pruneResults('c1', 2026, NOW)).toBe(0);
        expect(await s.results.pruneResults('c1', 2026, later(30))).toBeGreaterThan(0);
        expect((await s.results.readResults('c1', 2026))?.runId).toBe('cur');
        expect(await s.results.pruneResults('c1', 2026, later(30))).toBe(0);
      });
    });

    describe('RoundStore', () => {
      const voter = (unitId: string, clusterId = 'cum-1') => ({
        campaignId: 'c1',
        year: 2026,
        clusterId,
        unitId,
        votedAt: '2026-12-10T03:00:00.000Z',
      });

      it('counts a ballot in the totals once per unit, blank ones in the number of ballots', async () => {
        expect(await s.round.voteTotals('c1', 2026, 'cum-1')).toEqual({ ballots: 0, votes: {} });
        expect(await s.round.castBallot(voter('v1'), ['k1', 'k2'], entry('ballot-cast'))).toBe(true);
        expect(await s.round.castBallot(voter('v2'), ['k1'], entry('ballot-cast'))).toBe(true);
        expect(await s.round.castBallot(voter('v3'), [], entry('ballot-cast'))).toBe(true);
        expect(await s.round.castBallot(voter('v1'), ['k2'], entry('ballot-cast'))).toBe(false);
        expect(await s.round.voteTotals('c1', 2026, 'cum-1')).toEqual({ ballots: 3, votes: { k1: 2, k2: 1 } });
        expect((await s.round.listVoters('c1', 2026, 'cum-1')).map((v) => v.unitId)).toEqual(['v1', 'v2', 'v3']);
        expect(await s.round.voteTotals('c1', 2026, 'cum-2')).toEqual({ ballots: 0, votes: {} });
      });

      it('counts exactly one of twenty ballots a unit casts at once', async () => {
        const outcomes = await Promise.all(
          Array.from({ length: 20 }, (_, i) => s.round.castBallot(voter('v1'), [`k${i % 3}`], entry('ballot-cast'))),
        );
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        const totals = await s.round.voteTotals('c1', 2026, 'cum-1');
        expect(totals.ballots).toBe(1);
        expect(Object.values(totals.votes).reduce((a, b) => a + b, 0)).toBe(1);
      });

      it.runIf(under.items)(
        'keeps of each ballot only who voted and the totals: no item names a choice beside its voter, no total has a time',
        async () => {
          await fc.assert(
            fc.asyncProperty(
              fc.array(fc.subarray(['k1', 'k2', 'k3', 'k4']), { minLength: 1, maxLength: 6 }),
              async (ballots) => {
                const stores = await under.fresh();
                const all = async () => (await under.items!(stores)).map((i) => JSON.stringify(i));
                for (const [n, candidates] of ballots.entries()) {
                  const before = new Set(await all());
                  await stores.round.castBallot(
                    voter(`v${n}`),
                    candidates,
                    entry('ballot-cast', `2026-12-10T03:0${n}:00.000Z`),
                  );
                  const changed = (await all()).filter((i) => !before.has(i));
                  for (const item of changed) {
                    const isTotals = item.includes('"SK":"TOTALS"');
                    // Only the totals name the candidates; the totals name no voter and no instant.
                    expect(/"k[1-4]"|vote:k|\bk[1-4]\b/.test(item) && !isTotals, item).toBe(false);
                    if (isTotals) expect(/v\d|\d{4}-\d{2}-\d{2}T/.test(item), item).toBe(false);
                  }
                }
              },
            ),
            { numRuns: 8 },
          );
        },
      );

      it('keeps objections one per unit and criterion, under the lock, listed by unit', async () => {
        const objection = (unitId: string, criterionId: string) => ({
          objectionId: `${unitId}-${criterionId}`,
          campaignId: 'c1',
          year: 2026,
          unitId,
          criterionId,
          reason: 'Số liệu bị tính thiếu',
          evidence: [],
          status: 'open' as const,
          filedAt: '2026-12-08T03:00:00.000Z',
          filedBy: 'x',
          answer: null,
        });
        expect(await s.round.saveObjection(objection('a', 'k'), entry('objection-filed'), 0)).toBe(true);
        expect(await s.round.saveObjection(objection('a', 'k'), entry('objection-filed'), 0)).toBe(false);
        expect(await s.round.saveObjection(objection('b', 'k'), entry('objection-filed'), 0)).toBe(true);
        const stored = await s.round.getObjection('c1', 2026, 'a', 'k');
        expect(stored).toMatchObject({ revision: 1, status: 'open' });
        const answered = { ...objection('a', 'k'), status: 'accepted' as const };
        expect(await s.round.saveObjection(answered, entry('objection-accepted'), 2)).toBe(false);
        expect(await s.round.saveObjection(answered, entry('objection-accepted'), 1)).toBe(true);
        const all = await s.round.listObjections('c1', 2026, null, { limit: 10 });
        expect(all.items.map((o) => [o.unitId, o.status])).toEqual([
          ['a', 'accepted'],
          ['b', 'open'],
        ]);
        expect((await s.round.listObjections('c1', 2026, 'b', { limit: 10 })).items).toHaveLength(1);
      });

      it('keeps stage reopenings and minutes under the lock', async () => {
        const reopening = {
          campaignId: 'c1',
          year: 2026,
          stage: 'objections' as const,
          until: '2026-12-20T00:00:00.000Z',
          reason: 'x',
        };
        expect(await s.round.saveStageReopening(reopening, entry('stage-reopened'), 0)).toBe(true);
        expect(await s.round.saveStageReopening(reopening, entry('stage-reopened'), 0)).toBe(false);
        expect(await s.round.getStageReopening('c1', 2026, 'objections')).toMatchObject({ revision: 1, reason: 'x' });
        const minutes = {
          campaignId: 'c1',
          year: 2026,
          clusterId: 'cum-1',
          heldOn: '2026-12-15',
          place: 'Hội trường',
          chair: 'Trưởng cụm',
          attendees: ['A', 'B'],
          notes: '',
          recordedAt: '2026-12-15T03:00:00.000Z',
          recordedBy: 'x',
        };
        expect(await s.round.saveMinutes(minutes, entry('minutes-recorded'), 0)).toBe(true);
        expect(await s.round.saveMinutes({ ...minutes, place: 'Khác' }, entry('minutes-recorded'), 0)).toBe(false);
        expect(await s.round.saveMinutes({ ...minutes, place: 'Khác' }, entry('minutes-recorded'), 1)).toBe(true);
        expect(await s.round.getMinutes('c1', 2026, 'cum-1')).toMatchObject({ place: 'Khác', revision: 2 });
      });
    });

    describe('Tie decisions', () => {
      it("keeps one decision per award group and award, in the year's history", async () => {
        const d = {
          campaignId: 'c1',
          year: 2026,
          group: 'level:department',
          award: 'bang-khen' as const,
          unitIds: ['a'],
          reason: 'Theo biên bản họp Hội đồng',
          decidedAt: '2026-12-20T03:00:00.000Z',
          decidedBy: 'admin-1',
        };
        expect(await s.catalogue.saveTieDecision(d, entry('tie-decided'))).toBe(true);
        expect(await s.catalogue.saveTieDecision({ ...d, unitIds: ['b'] }, entry('tie-decided'))).toBe(false);
        expect(await s.catalogue.listTieDecisions('c1', 2026)).toEqual([d]);
        expect(await s.catalogue.listTieDecisions('c1', 2025)).toEqual([]);
        const history = await s.catalogue.campaignYearHistory('c1', 2026, { limit: 10 });
        expect(history.items.map((e) => e.action)).toEqual(['tie-decided']);
      });
    });
  });
}
