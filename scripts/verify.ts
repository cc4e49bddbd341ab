/**
 * npm run verify -- <bundle.zip>: recomputes every score and the ranking of a scorecard bundle
 * (GET /v1/scorecards/{year}/bundle) with the platform's own scoring, and says whether they match.
 * Exit code 0 when everything matches, 1 when something does not, 2 when the file cannot be read.
 */
import { readFileSync } from 'node:fs';
import { verifyScorecardBundle } from '../shared/services/scorecard.js';

const file = process.argv[2];
if (!file) {
  console.error('Cách dùng: npm run verify -- <gói-bảng-điểm.zip>');
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
if (v.ok) {
  console.log(`KHỚP: mọi điểm, hạng và đề nghị khen thưởng tính lại đúng như trong gói. Mã băm xếp hạng ${v.digest}`);
  process.exit(0);
}
console.log(`KHÔNG KHỚP: ${v.problems.length} chỗ khác`);
for (const p of v.problems) console.log(`  - ${p}`);
process.exit(1);
