/**
 * A whole bình xét round over HTTP on a real store, its calendar moving stage by stage: reports → the head's
 * cross-check (and its refusal on its own unit) → a provisional ranking labelled so → an objection accepted and the
 * figure corrected → a secret ballot from every member (a second one refused), quorum and tally → finalize → every
 * write for the year refused → the award dossier as DOCX (its XML read) and PDF (rendered to an image to look at).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pemChain } from '../../adapters/board-signer.js';
import { firstSignatureParts, readPdfSignatures } from '../../adapters/pades/read.js';
import { evidence, type Harness, startHarness } from './harness.js';
import { C, criteria, reportFigure, setUpRoundCampaign, UNITS, unitToken } from './round-fixture.js';

let h: Harness;
let admin: string;
let reviewer: string;
const unit = (id: string) => unitToken(h, id);
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-25T03:00:00Z' });
  admin = await h.token('admin', undefined, 'quantri-bx');
  reviewer = await h.token('reviewer', undefined, 'thamdinh-bx');
});
afterAll(() => h.close());

const at = (iso: string) => h.clock.set(iso);
const expectStatus = (r: { status: number; body: unknown }, status: number, code?: string) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  if (code) expect((r.body as { error: { code: string } }).error.code).toBe(code);
};
const report = (unitId: string, numerator: number) => reportFigure(h, unitId, numerator);
const decide = (token: string, s: { submissionId: string; version: number }, decision = 'approved') =>
  h.call('POST', `/v1/submissions/${s.submissionId}/decision`, {
    token,
    body: { decision, expectedVersion: s.version, ...(decision === 'approved' ? {} : { comment: 'Thiếu minh chứng' }) },
  });
const submitted: Record<string, { submissionId: string; version: number }> = {};
let citedFile = '';
const ballot = async (unitId: string, candidates: string[]) =>
  h.call('POST', `/v1/clusters/khoi-so/years/2026/ballots`, {
    token: await unit(unitId),
    body: { campaignId: C, candidates },
  });

describe('a bình xét round from reports to the award dossier', () => {
  it('sets up a campaign whose calendar has the round, and units report', async () => {
    const { year, submitted: reports, fileId } = await setUpRoundCampaign(h, admin);
    Object.assign(submitted, reports);
    citedFile = fileId;
    expect(year.calendar.stages.map((s: { stage: string }) => s.stage)).toEqual([
      'cross-check',
      'objections',
      'meetings',
      'finalization',
    ]);
    // A round out of order is refused, naming the field; nothing changes.
    const instants = Object.fromEntries(Object.entries(year.calendar).filter(([k]) => k.endsWith('At')));
    const bad = await h.call('PUT', `/v1/campaigns/${C}/years/2026`, {
      token: admin,
      body: { criteria, calendar: { ...instants, meetingsCloseAt: year.calendar.meetingsOpenAt } },
    });
    expectStatus(bad, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(bad.body.error.details)).toContain('calendar.meetingsCloseAt');
    const after = await h.call('GET', `/v1/campaigns/${C}/years/2026`, { token: admin });
    expect(after.body.calendar.meetingsCloseAt).toBe(year.calendar.meetingsCloseAt);
  });

  it("the head cross-checks its members' reports as recommendations, not its own (its deputy checks those); a reviewer's confirmation is what counts", async () => {
    await at('2026-12-02T03:00:00Z');
    const head = await unit('bx-a');
    const queue = await h.call('GET', `/v1/submissions?campaignId=${C}&year=2026&cluster=khoi-so&status=submitted`, {
      token: head,
    });
    expectStatus(queue, 200);
    expect(queue.body.items.map((s: { unitId: string }) => s.unitId).sort()).toEqual(['bx-b', 'bx-c', 'bx-d']);
    // A member is not a head: no queue, and another member's report is not even visible to it.
    expectStatus(
      await h.call('GET', `/v1/submissions?campaignId=${C}&year=2026&cluster=khoi-so&status=submitted`, {
        token: await unit('bx-c'),
      }),
      403,
      'FORBIDDEN',
    );
    expectStatus(await decide(await unit('bx-c'), submitted['bx-d']!), 404, 'NOT_FOUND');

    const before = await h.snapshot();
    expectStatus(await decide(head, submitted['bx-a']!), 403, 'CONFLICT_OF_INTEREST');
    expect(await h.snapshot()).toBe(before);

    for (const id of ['bx-b', 'bx-c', 'bx-d']) {
      const d = await decide(head, submitted[id]!);
      expectStatus(d, 200);
      // A recommendation (đề xuất): the report still waits for the Ban Thi đua - Khen thưởng.
      expect(d.body).toMatchObject({
        status: 'submitted',
        review: null,
        recommendation: { decision: 'approved', capacity: 'cluster-head', unitId: 'bx-a', recommendedBy: 'nguoi-bx-a' },
      });
    }
    const deputy = await decide(await unit('bx-b'), submitted['bx-a']!);
    expectStatus(deputy, 200);
    expect(deputy.body.recommendation.capacity).toBe('cluster-deputy');
    const history = await h.call('GET', `/v1/submissions/${submitted['bx-a']!.submissionId}/history`, { token: admin });
    expect(JSON.stringify(history.body)).toContain('"capacity":"cluster-deputy"');
    // The head opens the evidence of the report it checks; another member gets nothing of it.
    const file = await h.call('GET', `/v1/evidence-files/${citedFile}`, { token: head });
    expectStatus(file, 200);
    expect(file.body.download.url).toEqual(expect.any(String));
    expectStatus(await h.call('GET', `/v1/evidence-files/${citedFile}`, { token: await unit('bx-c') }), 404);
    // Nothing counts yet: a run finds no approved figure, and proposes nothing.
    const { run } = await h.runToEnd(admin, `/v1/aggregations/2026?campaignId=${C}`);
    expect(run.status).toBe('succeeded');
    const none = (await h.call('GET', `/v1/rankings/2026?campaignId=${C}`, { token: admin })).body.items;
    expect(none.map((r: { approvedFigures: number; award: string | null }) => [r.approvedFigures, r.award])).toEqual(
      UNITS.map(() => [0, null]),
    );
    // The reviewer confirms each recommendation: from then on the figures count.
    for (const [id] of UNITS) {
      const confirmed = await decide(reviewer, submitted[id]!);
      expectStatus(confirmed, 200);
      expect(confirmed.body.review).toMatchObject({ capacity: 'reviewer', recommendation: 'confirmed' });
    }

    // Objections and ballots wait for their stages.
    expectStatus(
      await h.call('POST', '/v1/objections', {
        token: await unit('bx-c'),
        body: { campaignId: C, year: 2026, criterionId: 'ho-so-truc-tuyen', reason: 'Số liệu chưa đúng' },
      }),
      409,
      'STAGE_CLOSED',
    );
    expectStatus(await ballot('bx-a', ['bx-d']), 409, 'STAGE_CLOSED');
  });

  it('publishes a provisional ranking; an accepted objection reopens the unit, whose corrected figure is reviewed', async () => {
    // After the cross-check, a head's decision is out of its stage.
    await at('2026-12-09T02:00:00Z');
    const { accepted, run } = await h.runToEnd(admin, `/v1/aggregations/2026?campaignId=${C}`);
    expectStatus(accepted, 202);
    expect(run.status).toBe('succeeded');
    const provisional = await h.call('GET', `/v1/rankings/2026?campaignId=${C}`, { token: admin });
    expect(provisional.body).toMatchObject({ status: 'provisional', statusLabel: 'Kết quả tạm tính' });
    const c = provisional.body.items.find((r: { unitId: string }) => r.unitId === 'bx-c');
    expect(c.metAllTargets).toBe(false);
    const xlsx = await h.call('GET', `/v1/reports/2026?campaignId=${C}`, { token: admin });
    expect(xlsx.body.heading.join(' ')).toContain('TẠM TÍNH');

    // An objection's files are the unit's own stored files, as a report's are: not another unit's, not made up.
    const before = await h.snapshot();
    for (const fileId of [citedFile, 'f-khong-co'])
      expectStatus(
        await h.call('POST', '/v1/objections', {
          token: await unit('bx-c'),
          body: {
            campaignId: C,
            year: 2026,
            criterionId: 'ho-so-truc-tuyen',
            reason: 'Tệp mượn',
            evidence: [{ title: 'x', fileId }],
          },
        }),
        400,
        'VALIDATION_FAILED',
      );
    expect(await h.snapshot()).toBe(before);
    const filed = await h.call('POST', '/v1/objections', {
      token: await unit('bx-c'),
      body: {
        campaignId: C,
        year: 2026,
        criterionId: 'ho-so-truc-tuyen',
        reason: 'Mẫu số đã gồm cả hồ sơ rút, số đúng là 930/1000',
        evidence,
      },
    });
    expectStatus(filed, 201);
    expectStatus(
      await h.call('POST', '/v1/objections', {
        token: await unit('bx-c'),
        body: { campaignId: C, year: 2026, criterionId: 'ho-so-truc-tuyen', reason: 'Lần nữa' },
      }),
      409,
      'CONFLICT',
    );
    // A unit sees its own objections only; reviewers see all.
    const own = await h.call('GET', `/v1/objections?campaignId=${C}&year=2026`, { token: await unit('bx-c') });
    expect(own.body.items).toHaveLength(1);
    const other = await h.call('GET', `/v1/objections?campaignId=${C}&year=2026`, { token: await unit('bx-d') });
    expect(other.body.items).toHaveLength(0);
    expectStatus(
      await h.call('GET', `/v1/objections?campaignId=${C}&year=2026&unitId=bx-c`, { token: await unit('bx-d') }),
      403,
    );
    // Units do not answer objections.
    expectStatus(
      await h.call('POST', `/v1/objections/${filed.body.objectionId}/answer`, {
        token: await unit('bx-a'),
        body: { decision: 'accepted', comment: 'Đồng ý' },
      }),
      403,
    );
    const answered = await h.call('POST', `/v1/objections/${filed.body.objectionId}/answer`, {
      token: reviewer,
      body: { decision: 'accepted', comment: 'Đề nghị đơn vị nộp lại số liệu đúng' },
    });
    expectStatus(answered, 200);
    expect(answered.body.status).toBe('accepted');
    expect(answered.body.reopenedUntil).toBe('2026-12-14T01:00:00.000Z');

    // The unit corrects its figure after the deadline (reopened), the reviewer approves it after the review closed.
    const corrected = await report('bx-c', 930);
    expectStatus(corrected, 201);
    expectStatus(await decide(reviewer, corrected.body), 200);
    expectStatus(await decide(await unit('bx-a'), corrected.body), 409, 'ALREADY_DECIDED');
    expect((await h.runToEnd(admin, `/v1/aggregations/2026?campaignId=${C}`)).run.status).toBe('succeeded');
    const again = await h.call('GET', `/v1/rankings/2026?campaignId=${C}`, { token: admin });
    expect(again.body.items.find((r: { unitId: string }) => r.unitId === 'bx-c').metAllTargets).toBe(true);
    const history = await h.call('GET', `/v1/campaigns/${C}/years/2026/history`, { token: admin });
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['objection-filed', 'objection-accepted']),
    );
  });

  it('an admin reopens a closed stage with a reason; it then takes what it refused', async () => {
    await at('2026-12-13T03:00:00Z');
    const late = { campaignId: C, year: 2026, criterionId: 'ho-so-truc-tuyen', reason: 'Xin xem lại điểm' };
    expectStatus(
      await h.call('POST', '/v1/objections', { token: await unit('bx-b'), body: late }),
      409,
      'STAGE_CLOSED',
    );
    expectStatus(
      await h.call('POST', `/v1/years/2026/stages/objections/reopen`, {
        token: admin,
        body: { campaignId: C, until: '2026-12-13T10:00:00Z' },
      }),
      400,
    );
    const reopened = await h.call('POST', `/v1/years/2026/stages/objections/reopen`, {
      token: admin,
      body: { campaignId: C, until: '2026-12-13T10:00:00Z', reason: 'Sở B gửi văn bản đúng hạn qua bưu điện' },
    });
    expectStatus(reopened, 200);
    const b = await h.call('POST', '/v1/objections', { token: await unit('bx-b'), body: late });
    expectStatus(b, 201);
    expectStatus(
      await h.call('POST', `/v1/objections/${b.body.objectionId}/answer`, {
        token: reviewer,
        body: { decision: 'rejected', comment: 'Điểm đã tính đúng theo số liệu được duyệt' },
      }),
      200,
    );
  });

  it('every member casts one secret ballot; the tally shows only when the meetings close; the head records the minutes', async () => {
    await at('2026-12-15T03:00:00Z');
    const eligible = (await h.call('GET', `/v1/clusters/khoi-so/years/2026/vote?campaignId=${C}`, { token: admin }))
      .body.eligible;
    expect(eligible.map((e: { unitId: string }) => e.unitId).sort()).toEqual(['bx-a', 'bx-b', 'bx-c', 'bx-d']);
    expectStatus(await ballot('bx-a', ['bx-d', 'bx-c']), 400, 'VALIDATION_FAILED');
    expectStatus(await ballot('bx-a', ['so-khcn']), 400, 'VALIDATION_FAILED');
    expectStatus(await ballot('bx-a', ['bx-d']), 201);
    const before = await h.snapshot();
    expectStatus(await ballot('bx-a', ['bx-c']), 409, 'ALREADY_VOTED');
    expect(await h.snapshot()).toBe(before);
    expectStatus(await ballot('bx-b', ['bx-d']), 201);
    expectStatus(await ballot('bx-c', ['bx-c']), 201);
    const open = await h.call('GET', `/v1/clusters/khoi-so/years/2026/vote?campaignId=${C}`, {
      token: await unit('bx-d'),
    });
    expect(open.body).toMatchObject({
      turnout: 3,
      quorumNeeded: 3,
      quorumMet: true,
      tally: null,
      elected: null,
      closed: false,
    });
    expect(open.body.youVoted).toBe(false);
    expectStatus(await ballot('bx-d', ['bx-d']), 201);
    // Another unit is not a member: it cannot vote here.
    expectStatus(await ballot('so-khcn', []), 403, 'FORBIDDEN');

    const minutes = {
      campaignId: C,
      heldOn: '2026-12-15',
      place: 'Hội trường Sở A',
      chair: 'Nguyễn Văn An, Giám đốc Sở A (trưởng khối)',
      secretary: 'Trần Thị Bình, chuyên viên Sở A',
      attendees: UNITS.map(([, name]) => name),
    };
    expectStatus(
      await h.call('PUT', `/v1/clusters/khoi-so/years/2026/minutes`, { token: await unit('bx-c'), body: minutes }),
      403,
    );
    expectStatus(
      await h.call('PUT', `/v1/clusters/khoi-so/years/2026/minutes`, { token: await unit('bx-a'), body: minutes }),
      200,
    );
    // Finalizing waits for the meetings to end.
    expectStatus(
      await h.call('POST', `/v1/years/2026/finalize?campaignId=${C}`, { token: admin, body: { confirmYear: 2026 } }),
      409,
      'STAGE_CLOSED',
    );

    await at('2026-12-19T03:00:00Z');
    const vote = await h.call('GET', `/v1/clusters/khoi-so/years/2026/vote?campaignId=${C}`, {
      token: await unit('bx-c'),
    });
    expect(vote.body).toMatchObject({ closed: true, turnout: 4, quorumMet: true, elected: ['bx-d'] });
    expect(vote.body.tally.slice(0, 2)).toEqual([
      { unitId: 'bx-d', votes: 3 },
      { unitId: 'bx-c', votes: 1 },
    ]);
    expect(vote.body.minutes).toMatchObject({ place: 'Hội trường Sở A', heldOn: '2026-12-15' });
    // Secret: who voted is known, not for whom; the history says a unit voted, never its choice.
    expect(vote.body.members.every((m: { voted: boolean }) => m.voted)).toBe(true);
    const history = await h.call('GET', `/v1/campaigns/${C}/years/2026/history?limit=200`, { token: admin });
    const cast = history.body.items.filter((e: { action: string }) => e.action === 'ballot-cast');
    expect(cast).toHaveLength(4);
    for (const e of cast) expect(JSON.stringify(e)).not.toContain('candidates');
    expectStatus(
      await h.call('PUT', `/v1/clusters/khoi-so/years/2026/minutes`, { token: await unit('bx-a'), body: minutes }),
      409,
      'STAGE_CLOSED',
    );
  });

  it('finalizes with the vote in the awards, then refuses every write of the year', async () => {
    const fin = await h.runToEnd(admin, `/v1/years/2026/finalize?campaignId=${C}`, { confirmYear: 2026 });
    expectStatus(fin.accepted, 202);
    expect(fin.run.status).toBe('succeeded');
    const final = await h.call('GET', `/v1/rankings/2026?campaignId=${C}&cluster=khoi-so`, { token: admin });
    expect(final.body.status).toBe('final');
    const flags = final.body.items.filter((r: { award: string | null }) => r.award === 'co-thi-dua');
    expect(flags.map((r: { unitId: string }) => r.unitId)).toEqual(['bx-d']);

    const before = await h.snapshot();
    const refusals = [
      await report('bx-b', 999),
      await ballot('bx-b', []),
      await h.call('POST', '/v1/objections', {
        token: await unit('bx-d'),
        body: { campaignId: C, year: 2026, criterionId: 'ho-so-truc-tuyen', reason: 'Muộn' },
      }),
      await h.call('PUT', `/v1/clusters/khoi-so/years/2026/minutes`, {
        token: await unit('bx-a'),
        body: { campaignId: C, heldOn: '2026-12-15', place: 'x', chair: 'y', attendees: ['z'] },
      }),
      await decide(reviewer, submitted['bx-d']!),
      await h.call('PUT', `/v1/campaigns/${C}/years/2026`, { token: admin, body: { criteria } }),
      await h.call('POST', `/v1/aggregations/2026?campaignId=${C}`, { token: admin }),
    ];
    for (const r of refusals) expectStatus(r, 409, 'YEAR_FINALIZED');
    expect(await h.snapshot()).toBe(before);
  });

  it('gives the award dossier as a Word document naming the unit, its score and the vote, and as a PDF', async () => {
    const docx = await h.call('GET', `/v1/awards/2026/bx-d/dossier?campaignId=${C}&format=docx`, {
      token: await unit('bx-a'),
    });
    expectStatus(docx, 200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(docx.bytes))['word/document.xml']!);
    for (const text of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'TỜ TRÌNH',
      'BÁO CÁO THÀNH TÍCH',
      'BIÊN BẢN',
      'Sở D tỉnh Bình Xét',
      'Cờ thi đua',
      '10,00/10,00 điểm',
      'đạt 3/4 phiếu',
      'Bình Xét, ngày 19 tháng 12 năm 2026',
      // Decree 30/2020: the governing body above a department, the recipients of a Tờ trình, the secretary's block.
      'UBND TỈNH BÌNH XÉT',
      'Nơi nhận:',
      'THƯ KÝ',
      'Thư ký: Trần Thị Bình, chuyên viên Sở A.',
      'Trần Thị Bình, chuyên viên Sở A',
    ])
      expect(xml, text).toContain(text);
    // A unit not proposed has no dossier; another unit's dossier is not a member's to read.
    expectStatus(await h.call('GET', `/v1/awards/2026/bx-c/dossier?campaignId=${C}`, { token: admin }), 409);
    expectStatus(
      await h.call('GET', `/v1/awards/2026/bx-d/dossier?campaignId=${C}`, { token: await unit('bx-c') }),
      403,
    );

    const pdf = await h.call('GET', `/v1/awards/2026/bx-d/dossier?campaignId=${C}&format=pdf`, { token: admin });
    expectStatus(pdf, 200);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const out = join('test-artifacts', 'dossier');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'ho-so-bx-d.pdf'), pdf.bytes);
    writeFileSync(join(out, 'ho-so-bx-d.docx'), docx.bytes);
    // Three pages (Forms 01, 02 and the biên bản), rendered for a person to look at where poppler is installed.
    try {
      execFileSync('pdftoppm', ['-r', '70', '-png', join(out, 'ho-so-bx-d.pdf'), join(out, 'ho-so-bx-d')]);
    } catch {
      // poppler-utils absent: the PDF is kept, the images are not made.
    }
    expect(pdf.bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(3);
  });

  it("signed by the board: the PDF's signature is intact and covers it, by the platform's check and by OpenSSL", async () => {
    const path = `/v1/awards/2026/bx-d/dossier?campaignId=${C}&format=pdf&signed=true`;
    const signed = await h.call('GET', path, { token: admin });
    expectStatus(signed, 200);
    expect(signed.headers.get('content-disposition')).toContain('-ky-so.pdf');
    const text = signed.bytes.toString('latin1');
    expect(text).toContain('/SubFilter /adbe.pkcs7.detached');
    const chain = readFileSync(join(h.server.dataDir, 'board-signing', 'chain.pem'), 'utf8');
    // The local CA's root (the chain's last certificate) as the trust anchor.
    const [s, ...more] = await readPdfSignatures(signed.bytes, pemChain(chain).slice(-1), h.clock.now());
    expect(more).toEqual([]);
    expect(s).toMatchObject({
      signer: 'Ban Thi đua - Khen thưởng (máy cục bộ)',
      intact: true,
      coversWholeFile: true,
      trusted: true,
      problems: [],
    });
    writeFileSync(join('test-artifacts', 'dossier', 'ho-so-bx-d-ky-so.pdf'), signed.bytes);
    // A standard validator on the CMS the PDF carries and the bytes it signs.
    const parts = firstSignatureParts(signed.bytes)!;
    const dir = mkdtempSync(join(tmpdir(), 'dossier-cms-'));
    try {
      writeFileSync(join(dir, 'signed.bin'), parts.signed);
      writeFileSync(join(dir, 'sig.der'), parts.cms);
      writeFileSync(join(dir, 'chain.pem'), chain);
      const r = spawnSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          join(dir, 'sig.der'),
          '-content',
          join(dir, 'signed.bin'),
        ].concat(['-CAfile', join(dir, 'chain.pem'), '-purpose', 'any', '-out', '/dev/null']),
        { encoding: 'utf8' },
      );
      expect(r.stderr).toContain('Verification successful');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Poppler's pdfsig, where installed (poppler-utils): the signature valid and the whole document signed.
    const pdfsig = spawnSync('pdfsig', [join('test-artifacts', 'dossier', 'ho-so-bx-d-ky-so.pdf')], {
      encoding: 'utf8',
    });
    if (!pdfsig.error) expect(pdfsig.stdout).toMatch(/Total document signed[\s\S]*Signature is Valid/);
    // Only a PDF is signed.
    expectStatus(await h.call('GET', path.replace('format=pdf', 'format=docx'), { token: admin }), 400);
  });
});
