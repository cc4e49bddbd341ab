/**
 * Digital signatures in evidence over HTTP: a unit uploads PDFs signed under the suite's own CAs; the platform
 * reports each signature (signer, time, intact, trusted) with the file, against the trust anchors an admin added,
 * and checks a stored file again when asked.
 */
import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPem } from '../../adapters/pades/certificates.js';
import { plainPdf, signedBy, type TestPki, testPki } from '../fixtures/pki.js';
import { type Harness, ratioBody, startHarness } from './harness.js';

let h: Harness;
let pki: TestPki;
let admin: string;
let unit: string;
const UNIT = 'p-hong-bang';
beforeAll(async () => {
  h = await startHarness();
  pki = await testPki(h.clock.now());
  admin = await h.token('admin');
  unit = await h.token('unit', UNIT);
});
afterAll(() => h.close());

const fileOf = async (id: string) => (await h.call('GET', `/v1/evidence-files/${id}`, { token: admin })).body;

describe('signatures in uploaded PDFs', () => {
  it('unsigned: accepted, no signature; signed before the CA is trusted: intact, not trusted — until re-checked', async () => {
    const pdf = await plainPdf('Báo cáo 125/BC-UBND năm 2026');
    const unsigned = await fileOf(await h.storeFile(unit, UNIT, pdf, 'bao-cao-chua-ky.pdf'));
    expect([unsigned.status, unsigned.signatures]).toEqual(['stored', []]);

    const signed = await signedBy(pdf, pki.signer, [pki.intermediate], h.clock.now());
    const id = await h.storeFile(unit, UNIT, signed, 'bao-cao-125.pdf');
    const [before] = (await fileOf(id)).signatures;
    expect([before.signer, before.intact, before.trusted]).toEqual(['UBND phường Hồng Bàng', true, false]);

    const refusedAnchor = await h.call('POST', '/v1/trust-anchors', {
      token: admin,
      body: { certificate: toPem(pki.signer.certificate) },
    });
    expect([refusedAnchor.status, refusedAnchor.body.error.details[0].field]).toEqual([400, 'certificate']);
    const notACertificate = await h.call('POST', '/v1/trust-anchors', {
      token: admin,
      body: { certificate: 'x'.repeat(200) },
    });
    expect(notACertificate.status).toBe(400);
    const byUnit = await h.call('POST', '/v1/trust-anchors', {
      token: unit,
      body: { certificate: toPem(pki.root.certificate) },
    });
    expect(byUnit.status).toBe(403);

    const added = await h.call('POST', '/v1/trust-anchors', {
      token: admin,
      body: { certificate: toPem(pki.root.certificate) },
    });
    expect([added.status, added.body.subject]).toEqual([201, 'CA thử nghiệm gốc']);
    const again = await h.call('POST', '/v1/trust-anchors', {
      token: admin,
      body: { certificate: toPem(pki.root.certificate) },
    });
    expect(again.body.sha256).toBe(added.body.sha256);
    expect((await h.call('GET', '/v1/trust-anchors', { token: admin })).body.items).toHaveLength(1);

    const rechecked = await h.call('POST', `/v1/evidence-files/${id}/signature-check`, { token: admin });
    expect(rechecked.status).toBe(200);
    expect(rechecked.body.signatures[0]).toMatchObject({
      intact: true,
      trusted: true,
      coversWholeFile: true,
      problems: [],
    });
    expect((await fileOf(id)).signatures[0].trusted).toBe(true);
  });

  it('a PDF changed after signing, one from an untrusted CA, one updated after signing: each stored, each said', async () => {
    const pdf = await plainPdf('Báo cáo 126/BC-UBND năm 2026');
    const signed = await signedBy(pdf, pki.signer, [pki.intermediate], h.clock.now());
    const changed = Buffer.from(signed);
    const at = changed.indexOf('/Title') + 8;
    changed[at] = changed[at]! ^ 0x01;
    const stranger = await signedBy(pdf, pki.stranger, [], h.clock.now());
    const updated = Buffer.concat([signed, Buffer.from('\n9 0 obj\n<< /Note (them sau khi ky) >>\nendobj\n%%EOF\n')]);
    const seen = [];
    for (const [bytes, name] of [
      [changed, 'bi-sua.pdf'],
      [stranger, 'ca-la.pdf'],
      [updated, 'bo-sung.pdf'],
    ] as const)
      seen.push((await fileOf(await h.storeFile(unit, UNIT, bytes, name))).signatures[0]);
    expect(seen.map((s) => [s.intact, s.trusted, s.coversWholeFile])).toEqual([
      [false, true, true],
      [true, false, true],
      [true, true, false],
    ]);
    expect(seen.map((s) => s.problems[0])).toEqual([
      'chữ ký không khớp nội dung: tệp đã bị sửa sau khi ký',
      'chứng thư không thuộc tổ chức chứng thực được tin cậy',
      'tệp có phần thêm vào sau khi ký',
    ]);
  });
});

describe('signatures in the year-end bundle', () => {
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('the bundle records the signatures of the cited signed file only; the public scorecard says which had none', async () => {
    const [quiet] = await h.quietUnits('commune');
    const token = await h.token('unit', quiet);
    const plain = await plainPdf(`Báo cáo không ký của ${quiet}`);
    const signed = await signedBy(
      await plainPdf(`Báo cáo đã ký của ${quiet}`),
      pki.signer,
      [pki.intermediate],
      h.clock.now(),
    );
    const files = [
      await h.storeFile(token, quiet!, signed, 'da-ky.pdf'),
      await h.storeFile(token, quiet!, plain, 'chua-ky.pdf'),
    ];
    const report = await h.call('POST', '/v1/submissions', {
      token,
      body: {
        ...ratioBody(quiet!, 95, 100),
        evidence: files.map((fileId, i) => ({ title: `Minh chứng ${i + 1}`, fileId })),
      },
    });
    expect(report.status).toBe(201);
    const reviewer = await h.token('reviewer');
    const decided = await h.call('POST', `/v1/submissions/${report.body.submissionId}/decision`, {
      token: reviewer,
      body: { decision: 'approved', expectedVersion: report.body.version },
    });
    expect(decided.status).toBe(200);

    const { run } = await h.runToEnd(admin, '/v1/aggregations/2026');
    expect(run.status).toBe('succeeded');
    const link = await h.call('GET', '/v1/scorecards/2026/bundle', { token: admin });
    const bundle = unzipSync(new Uint8Array(await (await fetch(link.body.url)).arrayBuffer()));
    const recorded = JSON.parse(strFromU8(bundle['evidence-signatures.json']!));
    expect(recorded[sha256(signed)]).toEqual([
      expect.objectContaining({ signer: 'UBND phường Hồng Bàng', intact: true, coversWholeFile: true }),
    ]);
    expect(recorded[sha256(plain)]).toBeUndefined();

    const card = await h.call('GET', `/v1/scorecards/2026/units/${quiet}`);
    expect(card.status).toBe(200);
    expect(card.body.evidenceSignatures[sha256(plain)]).toEqual(['Tệp không có chữ ký số']);
    expect(card.body.evidenceSignatures[sha256(signed)].join(' ')).toContain('UBND phường Hồng Bàng');
  });
});
