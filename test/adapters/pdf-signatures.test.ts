/**
 * Signatures in evidence PDFs, read as the platform reads them at upload: against the suite's own CAs (valid, changed
 * after signing, untrusted, expired, updated after signing, unsigned, signed twice). And a PDF the platform signs
 * verifies with OpenSSL on the CMS it carries, as a standard validator would.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toPem } from '../../adapters/pades/certificates.js';
import { firstSignatureParts, readPdfSignatures } from '../../adapters/pades/read.js';
import { signatureLine } from '../../shared/domain/signatures.js';
import { plainPdf, signedBy, type TestPki, testPki } from '../fixtures/pki.js';

const now = new Date('2026-11-20T03:00:00Z');
const signedAt = new Date('2026-11-10T02:30:00Z');
let pki: TestPki;
let anchors: Uint8Array[];
let pdf: Buffer;
let good: Buffer;
beforeAll(async () => {
  pki = await testPki(now);
  anchors = [new Uint8Array(pki.root.certificate.rawData)];
  pdf = await plainPdf('Báo cáo 125/BC-UBND');
  good = await signedBy(pdf, pki.signer, [pki.intermediate], signedAt);
}, 60_000);

describe('signatures in a PDF', () => {
  it('a PDF signed under a trusted CA: its signer, organisation, identifiers and time; intact and trusted', async () => {
    const [s, ...more] = await readPdfSignatures(good, anchors, now);
    expect(more).toEqual([]);
    expect(s).toEqual({
      signer: 'UBND phường Hồng Bàng',
      organisation: 'UBND thành phố Hải Phòng',
      identifiers: ['MST:0200000000'],
      issuer: 'CA thử nghiệm trung gian',
      signedAt: signedAt.toISOString(),
      coversWholeFile: true,
      intact: true,
      trusted: true,
      revocationChecked: false,
      problems: [],
    });
    expect(signatureLine(s!, 'Asia/Ho_Chi_Minh')).toBe(
      'Ký số bởi UBND phường Hồng Bàng (UBND thành phố Hải Phòng), 10/11/2026 09:30:00 — nguyên vẹn, chứng thư hợp lệ',
    );
  });

  it('one byte changed in the signed part: not intact', async () => {
    const changed = Buffer.from(good);
    const at = changed.indexOf('Báo cáo') > 0 ? changed.indexOf('/Title') + 8 : 200;
    changed[at] = changed[at]! ^ 0x01;
    const [s] = await readPdfSignatures(changed, anchors, now);
    expect([s!.intact, s!.problems]).toEqual([false, ['chữ ký không khớp nội dung: tệp đã bị sửa sau khi ký']]);
  });

  it('an untrusted CA, an expired certificate: each said, the signature itself intact', async () => {
    const [untrusted] = await readPdfSignatures(await signedBy(pdf, pki.stranger, [], signedAt), anchors, now);
    expect([untrusted!.intact, untrusted!.trusted, untrusted!.problems]).toEqual([
      true,
      false,
      ['chứng thư không thuộc tổ chức chứng thực được tin cậy'],
    ]);
    const [expired] = await readPdfSignatures(await signedBy(pdf, pki.expired, [pki.intermediate], now), anchors, now);
    expect([expired!.intact, expired!.trusted]).toEqual([true, false]);
    expect(expired!.problems).toContain('chứng thư đã hết hạn hoặc chưa có hiệu lực lúc ký');
  });

  it('bytes added after signing (an incremental update) are said; an unsigned PDF has no signature', async () => {
    const updated = Buffer.concat([good, Buffer.from('\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n')]);
    const [s] = await readPdfSignatures(updated, anchors, now);
    expect([s!.intact, s!.coversWholeFile, s!.problems]).toEqual([true, false, ['tệp có phần thêm vào sau khi ký']]);
    expect(await readPdfSignatures(pdf, anchors, now)).toEqual([]);
  });

  it('signed twice: both read, the first not covering what the second added', async () => {
    const twice = await signedBy(good, pki.signer, [pki.intermediate], now);
    const [first, second] = await readPdfSignatures(twice, anchors, now);
    expect([first!.intact, first!.coversWholeFile, second!.intact, second!.coversWholeFile]).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });

  it('reads a CMS that itself ends in zero bytes (the placeholder pads the gap with zeros too)', async () => {
    // About one signature in 256 ends in 0x00: signing times are tried until one does (4,000 tries: all but certain).
    for (let i = 1; i <= 4000; i++) {
      const signed = await signedBy(pdf, pki.signer, [pki.intermediate], new Date(signedAt.getTime() + i * 1000));
      if (firstSignatureParts(signed)!.cms.at(-1) !== 0) continue;
      const [s] = await readPdfSignatures(signed, anchors, now);
      expect([s!.intact, s!.trusted, s!.problems]).toEqual([true, true, []]);
      return;
    }
    throw new Error('no signature ending in a zero byte in 4,000 tries');
  }, 120_000);

  it('any bytes changed, cut or added anywhere in a signed PDF: read without throwing, good only when nothing is wrong', async () => {
    // Generated damage: overwritten bytes, a cut, bytes appended (including forged /ByteRange dictionaries).
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), at: fc.nat(good.length - 1), byte: fc.nat(255) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(good.length - 1) }),
      fc.record({
        kind: fc.constant('add' as const),
        text: fc.oneof(
          fc.string({ maxLength: 200 }),
          fc
            .tuple(fc.nat(10 ** 7), fc.nat(10 ** 7), fc.nat(10 ** 7))
            .map(([b, c, d]) => `/ByteRange [0 ${b} ${c} ${d}] /Contents <30820000${'0'.repeat(64)}>`),
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 4 }), async (changes) => {
        let bytes = Buffer.from(good);
        for (const c of changes)
          if (c.kind === 'set') bytes[c.at % bytes.length] = c.byte;
          else if (c.kind === 'cut') bytes = bytes.subarray(0, c.at % bytes.length);
          else bytes = Buffer.concat([bytes, Buffer.from(c.text, 'latin1')]);
        // No problem said means intact, whole and trusted; anything less names its problem.
        for (const sig of await readPdfSignatures(bytes, anchors, now))
          expect(sig.problems.length === 0).toBe(sig.intact && sig.coversWholeFile && sig.trusted);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('no trust anchor yet: intact, not trusted', async () => {
    const [s] = await readPdfSignatures(good, [], now);
    expect([s!.intact, s!.trusted]).toEqual([true, false]);
  });

  it('verifies with OpenSSL (cms -verify) on the CMS and the signed bytes the PDF carries', () => {
    const parts = firstSignatureParts(good)!;
    const dir = mkdtempSync(join(tmpdir(), 'cms-'));
    try {
      writeFileSync(join(dir, 'signed.bin'), parts.signed);
      writeFileSync(join(dir, 'sig.der'), parts.cms);
      writeFileSync(join(dir, 'ca.pem'), toPem(pki.root.certificate));
      const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'sig.der')];
      const r = spawnSync(
        'openssl',
        [
          ...args,
          '-content',
          join(dir, 'signed.bin'),
          '-CAfile',
          join(dir, 'ca.pem'),
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        { encoding: 'utf8' },
      );
      expect(r.stderr).toContain('Verification successful');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
