/**
 * npm run verify -- <bundle.zip> [thư-mục-tệp-minh-chứng]: recomputes every score and the ranking of a scorecard
 * bundle (GET /v1/scorecards/{year}/bundle) with the platform's own scoring, checks the board's signature of its
 * manifest, and — given a folder of the evidence files — checks their signatures again against what the bundle
 * recorded. Exit code 0 when everything matches, 1 when something does not, 2 when a file cannot be read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CERT_OID, cmsRead, nameValue } from '../adapters/pades/cms.js';
import { readPdfSignatures } from '../adapters/pades/read.js';
import { sha256Hex } from '../shared/domain/evidence-files.js';
import { bundleSignatures, verifyScorecardBundle } from '../shared/services/scorecard.js';

const [file, evidenceDir] = process.argv.slice(2);
if (!file) {
  console.error('Cách dùng: npm run verify -- <gói-bảng-điểm.zip> [thư-mục-tệp-minh-chứng]');
  process.exit(2);
}
let zip: Uint8Array;
try {
  zip = readFileSync(file);
} catch {
  console.error(`Không đọc được tệp ${file}`);
  process.exit(2);
}
const started = performance.now();
const v = verifyScorecardBundle(zip);
const ms = Math.round(performance.now() - started);
if (v.run) console.log(`Gói: ${v.run.campaignName} (${v.run.campaignId}) năm ${v.run.year}, lượt chạy ${v.run.runId}`);
console.log(
  `Đã tính lại: ${v.counts.units} đơn vị, ${v.counts.figures} số liệu, ${v.counts.criteria} tiêu chí (${ms} ms)`,
);
const problems = [...v.problems];

// The board's signature of the manifest: it binds every file of the bundle (the manifest lists their SHA-256).
const signed = v.run ? bundleSignatures(zip) : null;
if (signed?.manifest && signed.signature) {
  const reading = await cmsRead(signed.signature, signed.manifest).catch(() => null);
  const signer = reading?.signerCert ? nameValue(reading.signerCert.subject, CERT_OID.commonName) : null;
  if (reading?.intact)
    console.log(
      `Chữ ký số của manifest: hợp lệ, ký bởi ${signer ?? 'không rõ'}${reading.signedAt ? ` lúc ${reading.signedAt.toISOString()}` : ''}`,
    );
  else problems.push('manifest.p7s: chữ ký số không khớp manifest.json (gói đã bị sửa hoặc chữ ký hỏng)');
} else if (signed) console.log('Chữ ký số của manifest: không có (nền tảng chưa cấu hình chứng thư ký số khi chạy)');

// The evidence files, when given: each cited one's signatures as they verify today, beside what the run recorded.
if (signed && evidenceDir) {
  let checked = 0;
  for (const name of readdirSync(evidenceDir)) {
    const path = join(evidenceDir, name);
    if (!statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    const sha = sha256Hex(bytes);
    if (!v.citedFiles.has(sha)) continue;
    // A cited file the record does not list had no signature when the run counted it.
    const recorded = signed.evidence[sha] ?? [];
    checked++;
    const now = await readPdfSignatures(bytes, [], new Date());
    if (now.length !== recorded.length) {
      problems.push(`${name}: gói ghi ${recorded.length} chữ ký, tệp hiện có ${now.length}`);
      continue;
    }
    for (const [i, s] of now.entries())
      if (s.intact !== recorded[i]!.intact || s.coversWholeFile !== recorded[i]!.coversWholeFile)
        problems.push(`${name}: chữ ký ${i + 1} (${s.signer}) không còn như lúc tính điểm: ${s.problems.join('; ')}`);
  }
  console.log(`Đã kiểm tra lại chữ ký số của ${checked} tệp minh chứng có trong gói`);
}

if (problems.length === 0) {
  console.log(`KHỚP: mọi điểm, hạng và đề nghị khen thưởng tính lại đúng như trong gói. Mã băm xếp hạng ${v.digest}`);
  process.exit(0);
}
console.log(`KHÔNG KHỚP: ${problems.length} chỗ khác`);
for (const p of problems) console.log(`  - ${p}`);
process.exit(1);
