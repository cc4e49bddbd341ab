/**
 * The submission store as every implementation must behave: versions by slot, decisions under their optimistic lock,
 * the year's current figures. Run by memory.test.ts, dynalite.test.ts and dynamodb-local.test.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/domain/errors.js';
import { type Stores, VersionTaken, YearLocked } from '../../shared/ports/index.js';
import { entry, listAll, review, type StoresUnderTest, version } from './fixtures.js';

export function submissionStoreContract(name: string, under: StoresUnderTest) {
  describe(`Submission store contract: ${name}`, () => {
    let s: Stores;
    beforeEach(async () => {
      s = await under.fresh();
    });

    describe('SubmissionStore', () => {
      it.runIf(under.transactions)(
        'refuses a report or a decision into a finalized year inside the write',
        async () => {
          const v1 = version('a', 'k', 1);
          await s.submissions.create(v1);
          const final = {
            campaignId: 'c1',
            year: 2026,
            state: 'final' as const,
            finalizedAt: '2026-12-29T03:00:00.000Z',
            finalizedBy: 'admin-1',
            runId: null,
            rankingDigest: null,
            reopenedAt: null,
            reopenReason: null,
          };
          expect(await s.catalogue.saveFinalization(final, entry('year-finalized'), 0)).toBe(true);
          await expect(
            s.submissions.create(version('a', 'k', 2), { previous: v1, entry: entry('superseded') }),
          ).rejects.toBeInstanceOf(YearLocked);
          const approval = review('approved', { decidedAt: final.finalizedAt });
          await expect(s.submissions.decide(v1, approval, entry('approved'), 1)).rejects.toBeInstanceOf(YearLocked);
          expect(await s.submissions.get(v1.submissionId)).toEqual(v1);
          expect(await s.submissions.get(version('a', 'k', 2).submissionId)).toBeNull();
          // Another year is not locked by this one.
          await s.submissions.create(version('a', 'k', 1, {}, 2027));
          // Reopened: taken again.
          expect(await s.catalogue.saveFinalization({ ...final, state: 'reopened' }, entry('year-reopened'), 1)).toBe(
            true,
          );
          expect(await s.submissions.decide(v1, approval, entry('approved'), 1)).toBe(true);
        },
      );

      it('stores a version once: a second write of the same version is VersionTaken', async () => {
        const v1 = version('a', 'k', 1);
        await s.submissions.create(v1);
        await expect(
          s.submissions.create({ ...v1, value: { kind: 'boolean', achieved: true } }),
        ).rejects.toBeInstanceOf(VersionTaken);
        expect(await s.submissions.get(v1.submissionId)).toEqual(v1);
        expect(await s.submissions.get(version('a', 'k', 2).submissionId)).toBeNull();
      });

      it('gives a slot its versions oldest first and its latest', async () => {
        for (const v of [1, 2, 3]) await s.submissions.create(version('a', 'k', v));
        await s.submissions.create(version('a', 'other', 1));
        const key = { campaignId: 'c1', year: 2026, unitId: 'a', slotId: 'k' };
        expect((await s.submissions.slotVersions(key, { limit: 10 })).items.map((x) => x.version)).toEqual([1, 2, 3]);
        const first = await s.submissions.slotVersions(key, { limit: 2 });
        expect(first.items.map((x) => x.version)).toEqual([1, 2]);
        const rest = await s.submissions.slotVersions(key, { limit: 2, nextToken: first.nextToken! });
        expect(rest.items.map((x) => x.version)).toEqual([3]);
        expect((await s.submissions.latestInSlot(key))?.version).toBe(3);
        expect(await s.submissions.latestInSlot({ ...key, slotId: 'none' })).toBeNull();
      });

      it('supersedes once and appends the audit entry', async () => {
        const v1 = version('a', 'k', 1);
        await s.submissions.create(v1);
        await s.submissions.supersede(v1, entry('superseded'));
        await s.submissions.supersede(v1, entry('superseded'));
        const stored = await s.submissions.get(v1.submissionId);
        expect(stored?.status).toBe('superseded');
        expect(stored?.audit.map((e) => e.action)).toEqual(['submitted', 'superseded']);
      });

      it('stores a new version and supersedes the previous in one call; a lost race leaves both as they were', async () => {
        const v1 = version('a', 'k', 1);
        await s.submissions.create(v1);
        const v2 = version('a', 'k', 2);
        await s.submissions.create(v2, { previous: v1, entry: entry('superseded') });
        expect((await s.submissions.get(v1.submissionId))?.status).toBe('superseded');
        expect((await s.submissions.get(v2.submissionId))?.status).toBe('submitted');
        const figures = await s.submissions.currentFigures('c1', 2026, 'a');
        expect(figures.figures.map((f) => f.slotId)).toEqual(['k']);
        // Another writer that also read v1 as the latest loses, and changes nothing.
        const rival = { ...version('a', 'k', 2), value: { kind: 'boolean' as const, achieved: true } };
        await expect(s.submissions.create(rival, { previous: v1, entry: entry('superseded') })).rejects.toBeInstanceOf(
          VersionTaken,
        );
        expect((await s.submissions.get(v2.submissionId))?.value).toEqual(v2.value);
        expect((await s.submissions.get(v1.submissionId))?.audit.map((e) => e.action)).toEqual([
          'submitted',
          'superseded',
        ]);
      });

      it('records a decision only on a submitted report at the expected version', async () => {
        const v1 = version('a', 'k', 1);
        await s.submissions.create(v1);
        expect(await s.submissions.decide(v1, review('approved'), entry('approved'), 2)).toBe(false);
        expect(await s.submissions.decide(v1, review('returned'), entry('returned'), 1)).toBe(true);
        expect(await s.submissions.decide(v1, review('approved'), entry('approved'), 1)).toBe(false);
        const stored = await s.submissions.get(v1.submissionId);
        expect(stored).toMatchObject({ status: 'returned', review: review('returned') });
        expect(stored?.audit.map((e) => e.action)).toEqual(['submitted', 'returned']);
      });

      it("lists a unit's reports page by page, each once, and filters by status", async () => {
        for (const slot of ['a1', 'a2', 'a3', 'a4', 'a5']) await s.submissions.create(version('u', slot, 1));
        await s.submissions.create(version('u', 'a2', 2));
        await s.submissions.create(version('other', 'a1', 1));
        const seen = await listAll(s, { campaignId: 'c1', year: 2026, unitId: 'u', limit: 2, oldestFirst: false });
        expect(seen.map((x) => `${x.slotId}/${x.version}`)).toEqual(['a1/1', 'a2/1', 'a2/2', 'a3/1', 'a4/1', 'a5/1']);
        await s.submissions.decide(version('u', 'a3', 1), review('approved'), entry('approved'), 1);
        const approved = await s.submissions.list({
          campaignId: 'c1',
          year: 2026,
          unitId: 'u',
          status: 'approved',
          limit: 50,
          oldestFirst: false,
        });
        expect(approved.items.map((x) => x.slotId)).toEqual(['a3']);
      });

      it('gives the review queue by status in time order, either way, with filters', async () => {
        await s.submissions.create(version('x', 'k', 1));
        await s.submissions.create(version('y', 'k', 1, { unitLevel: 'department', unitCluster: null }));
        await s.submissions.create(version('z', 'h', 1));
        const queue = (oldestFirst: boolean, extra = {}) =>
          s.submissions
            .list({ campaignId: 'c1', year: 2026, status: 'submitted', limit: 50, oldestFirst, ...extra })
            .then((p) => p.items.map((x) => x.unitId));
        expect(await queue(true)).toEqual(['x', 'y', 'z']);
        expect(await queue(false)).toEqual(['z', 'y', 'x']);
        expect(await queue(true, { level: 'commune' })).toEqual(['x', 'z']);
        expect(await queue(true, { cluster: 'cum-1', criterionId: 'k' })).toEqual(['x']);
        const first = await s.submissions.list({
          campaignId: 'c1',
          year: 2026,
          status: 'submitted',
          limit: 1,
          oldestFirst: true,
        });
        const rest = await s.submissions.list({
          campaignId: 'c1',
          year: 2026,
          status: 'submitted',
          limit: 5,
          oldestFirst: true,
          nextToken: first.nextToken ?? '',
        });
        expect([...first.items, ...rest.items].map((x) => x.unitId)).toEqual(['x', 'y', 'z']);
      });

      it('pages the queue of many units in time order, each report once, either way and filtered', async () => {
        // 30 units spread over every shard of the queue; every third a department.
        const reports = Array.from({ length: 30 }, (_, i) =>
          version(`don-vi-${i}`, 'k', 1, i % 3 === 0 ? { unitLevel: 'department', unitCluster: null } : {}),
        );
        for (const r of [...reports].reverse()) await s.submissions.create(r);
        const all = async (oldestFirst: boolean, extra: { level?: 'department' } = {}) =>
          (
            await listAll(s, { campaignId: 'c1', year: 2026, status: 'submitted', limit: 4, oldestFirst, ...extra })
          ).map((x) => x.unitId);
        const inTime = reports.map((r) => r.unitId);
        expect(await all(true)).toEqual(inTime);
        expect(await all(false)).toEqual([...inTime].reverse());
        expect(await all(true, { level: 'department' })).toEqual(inTime.filter((_, i) => i % 3 === 0));
      });

      it('refuses a token from another listing or a forged one (400 nextToken)', async () => {
        for (const slot of ['a1', 'a2', 'a3']) await s.submissions.create(version('u', slot, 1));
        const page = await s.submissions.list({
          campaignId: 'c1',
          year: 2026,
          unitId: 'u',
          limit: 1,
          oldestFirst: false,
        });
        expect(page.nextToken).toBeTruthy();
        const edited = (t: string) => {
          const i = Math.floor(t.length / 2);
          return `${t.slice(0, i)}${t[i] === 'A' ? 'B' : 'A'}${t.slice(i + 1)}`;
        };
        for (const nextToken of [page.nextToken!, 'bm90LWEtdG9rZW4', '%%%', edited(page.nextToken!)]) {
          const other = s.submissions.list({
            campaignId: 'c1',
            year: 2026,
            // The real token, in another unit's listing; every other token, in its own.
            unitId: nextToken === page.nextToken ? 'v' : 'u',
            limit: 1,
            nextToken,
            oldestFirst: false,
          });
          await expect(other).rejects.toBeInstanceOf(DomainError);
          await expect(other).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'nextToken' }] });
        }
      });

      it('gives current figures: the latest version of each slot, with the correction and points', async () => {
        await s.submissions.create(version('a', 'k', 1));
        const v2 = version('a', 'k', 2);
        await s.submissions.create(v2);
        await s.submissions.supersede(version('a', 'k', 1), entry('superseded'));
        const corrected = { kind: 'ratio' as const, numerator: 1, denominator: 10 };
        await s.submissions.decide(v2, review('approved', { correctedValue: corrected }), entry('approved'), 2);
        await s.submissions.create(version('a', 'p', 1, { value: { kind: 'assessed', summary: 'Tốt' } }));
        await s.submissions.decide(version('a', 'p', 1), review('approved', { points: 7.5 }), entry('approved'), 1);
        await s.submissions.create(version('b', 'k', 1));
        await s.submissions.create(version('b', 'k', 1, {}, 2025));
        const all = await s.submissions.currentFigures('c1', 2026);
        const sorted = all.figures.sort((x, y) => `${x.unitId}${x.slotId}`.localeCompare(`${y.unitId}${y.slotId}`));
        const decided = { decidedBy: 'reviewer-1', decidedAt: '2026-12-01T03:00:00.000Z', fileHashes: [] };
        expect(sorted).toEqual([
          {
            unitId: 'a',
            slotId: 'k',
            criterionId: 'k',
            status: 'approved',
            value: corrected,
            points: null,
            version: 2,
            ...decided,
          },
          {
            unitId: 'a',
            slotId: 'p',
            criterionId: 'p',
            status: 'approved',
            value: { kind: 'assessed', summary: 'Tốt' },
            points: 7.5,
            version: 1,
            ...decided,
          },
          {
            unitId: 'b',
            slotId: 'k',
            criterionId: 'k',
            status: 'submitted',
            value: { kind: 'ratio', numerator: 1, denominator: 10 },
            points: null,
            version: 1,
            decidedBy: null,
            decidedAt: null,
            fileHashes: [],
          },
        ]);
        expect(all.itemsRead).toBeGreaterThanOrEqual(3);
        expect((await s.submissions.currentFigures('c1', 2026, 'b')).figures.map((f) => f.unitId)).toEqual(['b']);
      });

      it("names the current figures' signed evidence files, and not those of a superseded version", async () => {
        const [older, signed] = ['1'.repeat(64), '2'.repeat(64)];
        await s.submissions.create(version('a', 'k', 1, { signedEvidence: [older] }));
        await s.submissions.create(version('a', 'k', 2, { signedEvidence: [signed] }));
        await s.submissions.supersede(version('a', 'k', 1), entry('superseded'));
        await s.submissions.create(version('b', 'k', 1));
        const all = await s.submissions.currentFigures('c1', 2026);
        expect(all.signedFiles).toEqual([{ unitId: 'a', sha256: signed }]);
      });

      it('takes the newest version where a write stopped before superseding the older one', async () => {
        const [older, newer] = ['3'.repeat(64), '4'.repeat(64)];
        await s.submissions.create(version('a', 'k', 2, { signedEvidence: [newer] }));
        await s.submissions.create(version('a', 'k', 1, { signedEvidence: [older] }));
        const all = await s.submissions.currentFigures('c1', 2026);
        expect(all.figures.map((f) => [f.unitId, f.slotId, f.version])).toEqual([['a', 'k', 2]]);
        expect(all.signedFiles).toEqual([{ unitId: 'a', sha256: newer }]);
      });
    });
  });
}
