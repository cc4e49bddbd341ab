/**
 * Evidence files over HTTP: announced, sent to the signed link, checked and stored under their hash, cited by a
 * report, downloaded by a reviewer as the same bytes; wrong hashes and disguised files refused and not kept;
 * uncited files given up; and the year's scorecard bundle recomputed by `npm run verify`.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { verifyScorecardBundle } from '../../shared/services/scorecard.js';
import { type Harness, ratioBody, startHarness } from './harness.js';

let h: Harness;
let unit: string;
let otherUnit: string;
let reviewer: string;
let admin: string;
const UNIT = 'so-khcn-2025';
beforeAll(async () => {
  h = await startHarness();
  unit = await h.token('unit', UNIT, 'canbo-so-khcn');
  otherUnit = await h.token('unit', 'so-nn-mt', 'canbo-so-nn-mt');
  reviewer = await h.token('reviewer', undefined, 'thamdinh-1');
  admin = await h.token('admin', undefined, 'quantri-1');
});
afterAll(() => h.close());

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** A small but real PDF (one empty page): what a scanner's output starts like. */
const pdf = (note: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n% ${note}\ntrailer <</Root 1 0 R>>\n%%EOF\n`,
  );
const announce = (bytes: Buffer, o: { token?: string; sha?: string; type?: string; name?: string } = {}) =>
  h.call('POST', '/v1/evidence-files', {
    token: o.token ?? unit,
    body: {
      unitId: UNIT,
      fileName: o.name ?? 'Báo cáo 125-BC-UBND.pdf',
      contentType: o.type ?? 'application/pdf',
      size: bytes.length,
      sha256: o.sha ?? sha256(bytes),
    },
  });
const send = (upload: { url: string; method: string; headers: Record<string, string> }, bytes: Buffer) =>
  fetch(upload.url, { method: upload.method, headers: upload.headers, body: new Uint8Array(bytes) });
const uploaded = () => {
  const dir = join(h.server.dataDir, 'blobs', 'uploads');
  return existsSync(dir) ? readdirSync(dir) : [];
};

/** Announce, send, complete: a stored file's id. */
async function storeFile(bytes: Buffer, name?: string) {
  const a = await announce(bytes, { name });
  expect(a.status).toBe(201);
  expect((await send(a.body.upload, bytes)).status).toBe(200);
  const done = await h.call('POST', `/v1/evidence-files/${a.body.file.fileId}/complete`, { token: unit });
  expect([done.status, done.body.status]).toEqual([200, 'stored']);
  await h.server.scanner.idle();
  return a.body.file.fileId as string;
}

describe('evidence files', () => {
  it('upload a PDF, cite it in a report; a reviewer downloads the same bytes; another unit gets 404', async () => {
    const bytes = pdf('bao cao 125');
    const fileId = await storeFile(bytes);
    const report = await h.call('POST', '/v1/submissions', {
      token: unit,
      body: {
        ...ratioBody(UNIT, 930, 1000),
        evidence: [{ title: 'Báo cáo 125/BC-UBND', documentNumber: '125/BC-UBND', fileId }],
      },
    });
    expect(report.status).toBe(201);
    expect(report.body.evidence[0]).toMatchObject({ fileId, sha256: sha256(bytes) });

    const seen = await h.call('GET', `/v1/evidence-files/${fileId}`, { token: reviewer });
    expect(seen.body).toMatchObject({ status: 'stored', scan: 'clean', citedBy: report.body.submissionId });
    const download = await fetch(seen.body.download.url);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''B%C3%A1o");
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    expect((await h.call('GET', `/v1/evidence-files/${fileId}`, { token: otherUnit })).status).toBe(404);
    // Another unit cannot cite it either, and a cited file cannot be deleted.
    const foreign = await h.call('POST', '/v1/submissions', {
      token: otherUnit,
      body: { ...ratioBody('so-nn-mt', 1, 2), evidence: [{ title: 'Mượn tệp', fileId }] },
    });
    expect([foreign.status, foreign.body.error.details[0].field]).toEqual([400, 'evidence.0.fileId']);
    const del = await h.call('DELETE', `/v1/evidence-files/${fileId}`, { token: unit });
    expect([del.status, del.body.error.code]).toEqual([409, 'FILE_IN_USE']);

    // The decision's audit entry names the files it was based on, by hash.
    const decided = await h.call('POST', `/v1/submissions/${report.body.submissionId}/decision`, {
      token: reviewer,
      body: { decision: 'approved', expectedVersion: report.body.version },
    });
    expect(decided.status).toBe(200);
    const history = await h.call('GET', `/v1/submissions/${report.body.submissionId}/history`, { token: reviewer });
    const approval = history.body.items.find((e: { action: string }) => e.action === 'approved');
    expect(approval.after.files).toEqual([{ fileId, sha256: sha256(bytes) }]);
    // The file's own life is in the unit's history.
    const unitHistory = await h.call('GET', `/v1/units/${UNIT}/history`, { token: admin });
    expect(unitHistory.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['file-announced', 'file-stored', 'file-cited']),
    );
  });

  it('refuses bytes that do not match the declared SHA-256, and keeps nothing', async () => {
    const bytes = pdf('khac');
    const a = await announce(bytes, { sha: sha256(pdf('da khai')) });
    expect(a.status).toBe(201);
    const sent = await send(a.body.upload, bytes);
    expect(sent.status).toBe(400);
    expect(uploaded()).not.toContain(a.body.file.fileId);
    const done = await h.call('POST', `/v1/evidence-files/${a.body.file.fileId}/complete`, { token: unit });
    expect([done.status, done.body.error.code]).toEqual([409, 'FILE_NOT_UPLOADED']);
  });

  it('refuses a disguised executable (a .pdf that is not one): the bytes are removed and it cannot be cited', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200, 0x41)]);
    const a = await announce(exe, { name: 'bao-cao.pdf' });
    expect((await send(a.body.upload, exe)).status).toBe(200);
    const done = await h.call('POST', `/v1/evidence-files/${a.body.file.fileId}/complete`, { token: unit });
    expect([done.status, done.body.error.code]).toEqual([422, 'FILE_REFUSED']);
    expect(done.body.error.details[0].message).toContain('không phải');
    expect(uploaded()).not.toContain(a.body.file.fileId);
    const seen = await h.call('GET', `/v1/evidence-files/${a.body.file.fileId}`, { token: unit });
    expect([seen.body.status, seen.body.download]).toEqual(['refused', null]);
    const cite = await h.call('POST', '/v1/submissions', {
      token: unit,
      body: { ...ratioBody(UNIT, 1, 2), evidence: [{ title: 'x', fileId: a.body.file.fileId }] },
    });
    expect(cite.status).toBe(400);
  });

  it('a file of the wrong type for its declaration (a PNG declared as PDF) is refused', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const a = await announce(png);
    await send(a.body.upload, png);
    const done = await h.call('POST', `/v1/evidence-files/${a.body.file.fileId}/complete`, { token: unit });
    expect([done.status, done.body.error.details[0].message]).toEqual([422, expect.stringContaining('Ảnh PNG')]);
  });

  it('an uploaded but uncited file can be given up: its bytes are removed, its record says so', async () => {
    const bytes = pdf('bo di');
    const fileId = await storeFile(bytes, 'Nháp.pdf');
    const stored = join(h.server.dataDir, 'blobs', 'evidence', UNIT, sha256(bytes));
    expect(existsSync(stored)).toBe(true);
    const del = await h.call('DELETE', `/v1/evidence-files/${fileId}`, { token: unit });
    expect(del.status).toBe(204);
    expect(existsSync(stored)).toBe(false);
    const seen = await h.call('GET', `/v1/evidence-files/${fileId}`, { token: unit });
    expect([seen.body.status, seen.body.download]).toEqual(['deleted', null]);
    expect((await h.call('DELETE', `/v1/evidence-files/${fileId}`, { token: unit })).status).toBe(204);
  });

  it('a file the scanner finds malware in is quarantined: no link, not citable, deletable, and it says so', async () => {
    // The EICAR test string inside a PDF: the local scanner stand-in takes it for malware, as GuardDuty would.
    const bytes = pdf(['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join(''));
    const fileId = await storeFile(bytes, 'Nhiễm.pdf');
    const seen = await h.call('GET', `/v1/evidence-files/${fileId}`, { token: unit });
    expect(seen.body).toMatchObject({ status: 'stored', scan: 'infected', download: null });
    expect(seen.body.scanLabel).toContain('cách ly');
    const cite = await h.call('POST', '/v1/submissions', {
      token: unit,
      body: { ...ratioBody(UNIT, 1, 2), evidence: [{ title: 'x', fileId }] },
    });
    expect([cite.status, cite.body.error.details[0].message]).toEqual([400, expect.stringContaining('mã độc')]);
    expect((await h.call('DELETE', `/v1/evidence-files/${fileId}`, { token: unit })).status).toBe(204);
  });

  it('the same bytes announced again are the same file, already there: no second upload', async () => {
    const bytes = pdf('hai lan');
    const fileId = await storeFile(bytes);
    const again = await announce(bytes, { name: 'Bản sao.pdf' });
    expect([again.status, again.body.file.fileId, again.body.upload]).toEqual([200, fileId, null]);
    const list = await h.call('GET', '/v1/evidence-files', { token: unit });
    expect(list.body.items.filter((f: { fileId: string }) => f.fileId === fileId)).toHaveLength(1);
  });

  it('refuses bad announcements by field, storing nothing; the link refuses a changed header or size', async () => {
    const before = await h.snapshot();
    const bad = await h.call('POST', '/v1/evidence-files', {
      token: unit,
      body: { unitId: UNIT, fileName: 'a/b.pdf', contentType: 'application/x-msdownload', size: 0, sha256: 'xyz' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'contentType',
      'fileName',
      'sha256',
      'size',
    ]);
    const tooBig = await h.call('POST', '/v1/evidence-files', {
      token: unit,
      body: {
        unitId: UNIT,
        fileName: 'a.pdf',
        contentType: 'application/pdf',
        size: 20 * 1024 * 1024 + 1,
        sha256: sha256(pdf('')),
      },
    });
    expect(tooBig.status).toBe(400);
    const foreign = await h.call('POST', '/v1/evidence-files', {
      token: otherUnit,
      body: { unitId: UNIT, fileName: 'a.pdf', contentType: 'application/pdf', size: 10, sha256: sha256(pdf('')) },
    });
    expect(foreign.status).toBe(403);
    expect(await h.snapshot()).toBe(before);

    const bytes = pdf('tieu de');
    const a = await announce(bytes);
    const retyped = await fetch(a.body.upload.url, {
      method: 'PUT',
      headers: { ...a.body.upload.headers, 'content-type': 'image/png' },
      body: bytes,
    });
    expect(retyped.status).toBe(403);
    const longer = await send(
      { ...a.body.upload, headers: { ...a.body.upload.headers, 'content-length': String(bytes.length + 1) } },
      Buffer.concat([bytes, Buffer.from(' ')]),
    );
    expect(longer.status).toBe(400);
    expect(uploaded()).not.toContain(a.body.file.fileId);
  });
});

describe('the verifiable scorecard', () => {
  let zip: Uint8Array;
  beforeAll(async () => {
    const { run } = await h.runToEnd(admin, '/v1/aggregations/2026');
    expect(run.status).toBe('succeeded');
    const link = await h.call('GET', '/v1/scorecards/2026/bundle', { token: unit });
    expect(link.status).toBe(200);
    expect(link.body.digest).toBe(run.counts.rankingDigest);
    zip = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
    expect(sha256(zip)).toBe(link.body.sha256);
  });

  it('recomputes every score and the ranking from the bundle alone', () => {
    const v = verifyScorecardBundle(zip);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.counts.units).toBeGreaterThan(5);
    expect(v.counts.figures).toBeGreaterThan(0);
    const page = JSON.parse(strFromU8(unzipSync(zip)[`units/${UNIT}.json`]!));
    const cited = page.figures.find((f: { fileHashes: string[] }) => f.fileHashes.length);
    expect(cited).toMatchObject({ status: 'approved', decidedBy: 'thamdinh-1' });
  });

  it('`npm run verify` passes on the bundle, and fails naming the figure when one number is edited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const good = join(dir, 'good.zip');
    writeFileSync(good, zip);
    const run = (file: string) =>
      promisify(execFile)('npx', ['tsx', 'scripts/verify.ts', file]).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const ok = await run(good);
    expect([ok.code, ok.out]).toEqual([0, expect.stringContaining('KHỚP')]);
    // The board signed the manifest (the local server's key); the cited PDF has no signature, so none is recorded.
    expect(ok.out).toContain('Chữ ký số của manifest: hợp lệ, ký bởi Ban Thi đua - Khen thưởng (máy cục bộ)');
    const recorded = JSON.parse(strFromU8(unzipSync(zip)['evidence-signatures.json']!));
    expect(recorded[sha256(pdf('bao cao 125'))]).toBeUndefined();
    // Given the evidence files, their signatures are checked again against the record.
    const evidenceDir = join(dir, 'minh-chung');
    mkdirSync(evidenceDir);
    writeFileSync(join(evidenceDir, 'bao-cao-125.pdf'), pdf('bao cao 125'));
    const withFiles = await promisify(execFile)('npx', ['tsx', 'scripts/verify.ts', good, evidenceDir]);
    expect(withFiles.stdout).toContain('Đã kiểm tra lại chữ ký số của 1 tệp minh chứng');

    // A manifest changed after signing: its signature no longer matches.
    const resigned = unzipSync(zip);
    resigned['manifest.json'] = strToU8(strFromU8(resigned['manifest.json']!).replace('"digest":"', '"digest":"0'));
    const tampered = join(dir, 'tampered.zip');
    writeFileSync(tampered, zipSync(resigned));
    const refused = await run(tampered);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('manifest.p7s: chữ ký số không khớp manifest.json');

    const files = unzipSync(zip);
    const name = `units/${UNIT}.json`;
    const page = JSON.parse(strFromU8(files[name]!));
    const figure = page.figures.find((f: { criterionId: string }) => f.criterionId === 'ho-so-truc-tuyen');
    figure.value.numerator = 10;
    files[name] = strToU8(JSON.stringify(page, null, 1));
    const edited = join(dir, 'edited.zip');
    writeFileSync(edited, zipSync(files));
    const bad = await run(edited);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`${name}: SHA-256 khác với manifest`);
    expect(bad.out).toContain(`${UNIT}, tiêu chí ho-so-truc-tuyen`);
    expect(bad.out).toContain(figure.submissionId);

    // An award written into the results for a unit at zero points: the rules themselves fail, naming the unit.
    const awarded = unzipSync(zip);
    const results = JSON.parse(strFromU8(awarded['results.json']!));
    const zero = results.rankings.find(
      (r: { totalPoints: number; award: string | null }) => r.totalPoints === 0 && !r.award,
    );
    expect(zero).toBeDefined();
    zero.award = 'co-thi-dua';
    awarded['results.json'] = strToU8(JSON.stringify(results));
    const forged = join(dir, 'forged.zip');
    writeFileSync(forged, zipSync(awarded));
    const caught = await run(forged);
    expect(caught.code).toBe(1);
    expect(caught.out).toContain(`quy tắc khen thưởng: ${zero.unitId} (${zero.name}): đề nghị Cờ thi đua nhưng`);
  });

  it("a unit's public scorecard shows how each point was earned, without signing in", async () => {
    const r = await h.call('GET', `/v1/scorecards/2026/units/${UNIT}`);
    expect(r.status).toBe(200);
    const criterion = r.body.score.criteria.find((c: { criterionId: string }) => c.criterionId === 'ho-so-truc-tuyen');
    expect(criterion).toMatchObject({ status: 'approved', title: expect.any(String) });
    expect(r.body.figures.every((f: object) => !('decidedBy' in f))).toBe(true);
    expect((await h.call('GET', '/v1/scorecards/2026/units/khong-co')).status).toBe(404);
  });
});
