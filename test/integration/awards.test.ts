/**
 * Award proposals a province can sign, over HTTP: no award without approved figures; units tied exactly at a quota
 * get none from the platform and go to the cluster's vote, whose winner is awarded; where no vote decides, the
 * admin's recorded decision does; a run racing the finalization cannot change the final ranking; twenty ballots one
 * unit casts at once count once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';
import { criteria, campaign as roundCampaign } from './round-fixture.js';

let h: Harness;
let admin: string;
let reviewer: string;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('admin', undefined, 'quantri-khen-thuong');
  reviewer = await h.token('reviewer', undefined, 'thamdinh-khen-thuong');
});
afterAll(() => h.close());

const C = 'tinh-dong-hang';
/** Four departments of one block, three of them equal at the top, and two departments outside any block. */
const BLOCK = [
  ['dh-a', 950],
  ['dh-b', 950],
  ['dh-c', 950],
  ['dh-d', 700],
] as const;
const unitToken = (unitId: string) => h.token('unit', unitId, `nguoi-${unitId}`);
const rankingsOf = async () =>
  (await h.call('GET', `/v1/rankings/2026?campaignId=${C}`, { token: admin })).body.items as Array<{
    unitId: string;
    award: string | null;
    tiedAtQuota: boolean;
    tiedFor: string | null;
    basis: { decidedBy: string } | null;
    notProposed: string[];
  }>;
const byId = async () => Object.fromEntries((await rankingsOf()).map((r) => [r.unitId, r]));

/** The block as one cluster of a campaign's 2026 (`cluster`: its id and name), each unit's figure reported and approved. */
async function blockReported(campaignId: string, cluster: string, roleOf: (i: number) => string) {
  const rows = BLOCK.map(([id], i) => `${cluster},${id},${roleOf(i)}`).join('\n');
  const clusters = await fetch(`${h.url}/v1/imports/clusters?campaignId=${campaignId}&year=2026`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
    body: `clusterId,clusterName,unitId,role\n${rows}\n`,
  });
  expect(clusters.status, await clusters.text()).toBe(200);
  for (const [unitId, numerator] of BLOCK) {
    const r = await h.call('POST', '/v1/submissions', {
      token: await unitToken(unitId),
      body: {
        campaignId,
        unitId,
        year: 2026,
        criterionId: 'ho-so-truc-tuyen',
        value: { numerator, denominator: 1000 },
        evidence: [{ title: 'Báo cáo' }],
      },
    });
    expect(r.status).toBe(201);
    const d = await h.call('POST', `/v1/submissions/${r.body.submissionId}/decision`, {
      token: reviewer,
      body: { decision: 'approved', expectedVersion: 1 },
    });
    expect(d.status).toBe(200);
  }
}

describe('ties and the vote', () => {
  it('sets up a block where three units tie at the top for one flag', async () => {
    const put = await h.call('PUT', `/v1/campaigns/${C}`, {
      token: admin,
      body: { ...roundCampaign, name: 'Phong trào thử đồng hạng', awards: { flagPerGroup: 1, meritShare: 0.5 } },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await h.call('PUT', `/v1/campaigns/${C}/years/2026`, { token: admin, body: { criteria } })).status).toBe(
      200,
    );
    for (const [unitId] of BLOCK)
      expect(
        (
          await h.call('PUT', `/v1/units/${unitId}`, {
            token: admin,
            body: { name: `Sở ${unitId}`, level: 'department' },
          })
        ).status,
      ).toBe(200);
    await blockReported(C, 'khoi-dong-hang,Khối đồng hạng', (i) => ['head', 'deputy'][i] ?? 'member');
  });

  it('gives the flag to none of the tied units, lists them as tied, and gives each the Bằng khen the quota holds', async () => {
    h.clock.set('2026-12-09T02:00:00Z');
    expect((await h.runToEnd(admin, `/v1/aggregations/2026?campaignId=${C}`)).run.status).toBe('succeeded');
    const r = await byId();
    for (const id of ['dh-a', 'dh-b', 'dh-c'])
      expect(r[id]).toMatchObject({ tiedAtQuota: true, tiedFor: 'co-thi-dua', award: null });
    // The Bằng khen's quota (half of four) is too small for the three: they are tied at it too, and d is outside.
    expect(r['dh-d']).toMatchObject({ award: null, tiedAtQuota: false });
    expect(r['dh-d']!.notProposed).toEqual(['targets-not-met']);
    // The vote is on the units that meet the flag's conditions: the tied three (d missed its target).
    const vote = await h.call('GET', `/v1/clusters/khoi-dong-hang/years/2026/vote?campaignId=${C}`, { token: admin });
    expect(vote.body.eligible.map((e: { unitId: string }) => e.unitId).sort()).toEqual(['dh-a', 'dh-b', 'dh-c']);
    // The admin cannot decide a cluster's flag: the cluster votes.
    const refused = await h.call('POST', `/v1/awards/2026/tie-decisions?campaignId=${C}`, {
      token: admin,
      body: { group: 'khoi-dong-hang', award: 'co-thi-dua', unitIds: ['dh-a'], reason: 'Thử' },
    });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'CONFLICT']);
  });

  it('counts once the twenty ballots one unit casts at once', async () => {
    h.clock.set('2026-12-15T03:00:00Z');
    const token = await unitToken('dh-d');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.call('POST', '/v1/clusters/khoi-dong-hang/years/2026/ballots', {
          token,
          body: { campaignId: C, candidates: [['dh-a', 'dh-b', 'dh-c'][i % 3]] },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'ALREADY_VOTED')).toBe(true);
    expect(answers.length).toBe(20);
    const vote = await h.call('GET', `/v1/clusters/khoi-dong-hang/years/2026/vote?campaignId=${C}`, { token: admin });
    expect(vote.body.turnout).toBe(1);
  });

  it("ends with the vote's winner awarded the flag, the other tied units the Bằng khen, once the meetings close", async () => {
    for (const [voter, choice] of [
      ['dh-a', 'dh-b'],
      ['dh-b', 'dh-b'],
      ['dh-c', 'dh-b'],
    ] as const) {
      const b = await h.call('POST', '/v1/clusters/khoi-dong-hang/years/2026/ballots', {
        token: await unitToken(voter),
        body: { campaignId: C, candidates: [choice] },
      });
      expect(b.status).toBe(201);
    }
    h.clock.set('2026-12-19T03:00:00Z');
    const fin = await h.runToEnd(admin, `/v1/years/2026/finalize?campaignId=${C}`, { confirmYear: 2026 });
    expect([fin.accepted.status, fin.run.status]).toEqual([202, 'succeeded']);
    const r = await byId();
    expect(r['dh-b']).toMatchObject({ award: 'co-thi-dua', basis: { decidedBy: 'vote' } });
    // With the flag decided, the Bằng khen's two go to the two other tied units: they fit the quota together.
    expect([r['dh-a']!.award, r['dh-c']!.award]).toEqual(['bang-khen', 'bang-khen']);
    expect(r['dh-d']!.award).toBeNull();
  });
});

describe('where no vote decides', () => {
  const N = 'tinh-khong-binh-xet';
  it("a tie at a quota is the admin's to decide, with a reason recorded; the next run applies it", async () => {
    h.clock.set('2026-11-20T03:00:00Z');
    // The same block, in a movement whose calendar has no bình xét round: no meeting, no vote.
    const {
      crossCheckCloses: _c,
      objectionsOpen: _o,
      objectionsClose: _oc,
      meetingsOpen: _m,
      meetingsClose: _mc,
      ...plain
    } = roundCampaign.calendarTemplate;
    const put = await h.call('PUT', `/v1/campaigns/${N}`, {
      token: admin,
      body: {
        ...roundCampaign,
        name: 'Phong trào không bình xét',
        calendarTemplate: plain,
        awards: { flagPerGroup: 1, meritShare: 0 },
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await h.call('PUT', `/v1/campaigns/${N}/years/2026`, { token: admin, body: { criteria } })).status).toBe(
      200,
    );
    await blockReported(N, 'khoi-khong-bau,Khối không bầu', (i) => (i ? 'member' : 'head'));
    expect((await h.runToEnd(admin, `/v1/aggregations/2026?campaignId=${N}`)).run.status).toBe('succeeded');
    const ranking = async () =>
      Object.fromEntries(
        (await h.call('GET', `/v1/rankings/2026?campaignId=${N}`, { token: admin })).body.items.map(
          (r: { unitId: string }) => [r.unitId, r],
        ),
      );
    expect((await ranking())['dh-a']).toMatchObject({ tiedFor: 'co-thi-dua', award: null });
    const tie = (unitIds: string[], reason?: string) =>
      h.call('POST', `/v1/awards/2026/tie-decisions?campaignId=${N}`, {
        token: admin,
        body: { group: 'khoi-khong-bau', award: 'co-thi-dua', unitIds, ...(reason ? { reason } : {}) },
      });
    const before = await h.snapshot();
    // Without a reason, a unit outside the tie, or more units than the quota: refused, nothing stored.
    expect((await tie(['dh-a'])).body.error.details[0].field).toBe('reason');
    expect((await tie(['dh-d'], 'x')).body.error.details[0].field).toBe('unitIds');
    expect((await tie(['dh-a', 'dh-b'], 'x')).body.error.details[0].field).toBe('unitIds');
    expect(await h.snapshot()).toBe(before);
    const reason =
      'Theo Biên bản họp Hội đồng Thi đua - Khen thưởng ngày 20/11/2026: Sở dh-c có sáng kiến được công nhận';
    const decided = await tie(['dh-c'], reason);
    expect(decided.status, JSON.stringify(decided.body)).toBe(201);
    expect(decided.body.run.status).toBe('queued');
    await h.server.jobs.idle();
    expect((await ranking())['dh-c']).toMatchObject({ award: 'co-thi-dua', basis: { decidedBy: 'admin' } });
    expect((await tie(['dh-a'], reason)).status).toBe(409);
    const history = await h.call('GET', `/v1/campaigns/${N}/years/2026/history`, { token: admin });
    expect(history.body.items.find((e: { action: string }) => e.action === 'tie-decided')).toMatchObject({
      actor: 'quantri-khen-thuong',
      comment: reason,
    });
  });
});

describe('the final ranking', () => {
  it('a run started before the finalization and finishing after it leaves the final ranking as it is', async () => {
    // The demo's 2026 after its clusters' meetings (18/12 17:00), when the board may finalize.
    h.clock.set('2026-12-19T03:00:00Z');
    const before = await h.call('POST', '/v1/aggregations/2026', { token: admin });
    expect(before.status).toBe(202);
    // The finalization comes while that run is queued: it locks the year before the run can publish.
    const fin = await h.call('POST', '/v1/years/2026/finalize', { token: admin, body: { confirmYear: 2026 } });
    expect(fin.status).toBe(202);
    await h.server.jobs.idle();
    const early = await h.call('GET', before.body.statusUrl, { token: admin });
    expect(early.body).toMatchObject({ status: 'discarded', error: expect.stringContaining('chốt') });
    const runs = await h.call('GET', '/v1/aggregations/2026', { token: admin });
    expect(runs.body.publishedRunId).toBe(fin.body.run.runId);
    const final = await h.call('GET', '/v1/rankings/2026', { token: admin });
    expect(final.body.status).toBe('final');
    // The demo's enterprises with no approved figure are proposed for nothing, and each says why.
    const enterprises = final.body.items.filter(
      (i: { level: string; approvedFigures: number }) => i.level === 'enterprise' && i.approvedFigures === 0,
    );
    expect(enterprises.length).toBeGreaterThan(0);
    for (const e of enterprises)
      expect(e).toMatchObject({
        award: null,
        metAllTargets: null,
        approvedFigures: 0,
        notProposed: expect.arrayContaining(['no-approved-figures']),
      });
  });
});
