/** `npm start`: the platform on this machine. PORT (3000), HOST (127.0.0.1), DATA_DIR (.data), FIXED_NOW (optional ISO instant). */

import { buildConsole } from '../scripts/build-console.js';
import { formatDateTime } from '../shared/domain/calendar.js';
import { SCHEDULED_JOB_LABELS } from '../shared/domain/labels.js';
import { StartupError, startLocalServer } from './server.js';

buildConsole();
const host = process.env.HOST ?? '127.0.0.1';
const server = await startLocalServer({
  port: Number(process.env.PORT ?? 3000),
  host,
  dataDir: process.env.DATA_DIR ?? '.data',
  fixedNow: process.env.FIXED_NOW,
  progress: (line) => console.log(`Dữ liệu mẫu: ${line}`),
}).catch((e: unknown) => {
  // What a person can act on is said plainly; anything else keeps its stack for whoever debugs it.
  if (!(e instanceof StartupError)) throw e;
  console.error(`Không khởi động được máy chủ: ${e.message}`);
  process.exit(1);
});
// Before anything says the server is up: the first Ctrl-C lets requests, runs and scans under way end (bounded),
// a second one stops at once.
let stopping = false;
const stop = () => {
  if (stopping) process.exit(130);
  stopping = true;
  console.log('Đang dừng: chờ các yêu cầu và việc đang chạy kết thúc (nhấn Ctrl-C lần nữa để dừng ngay)…');
  server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
if (!/^(127\.|::1$|localhost$)/.test(host)) {
  console.warn(
    `CẢNH BÁO: máy chủ cục bộ nghe trên ${host}; /local/token cấp mọi vai trò cho bất kỳ ai. Chỉ dùng để thử nghiệm, không dùng cho dữ liệu thật.`,
  );
}
console.log(`Nền tảng chấm điểm thi đua chuyển đổi số đang chạy: ${server.url}`);
console.log(`  Bảng điều khiển:  ${server.url}/`);
console.log(
  `  Lấy mã truy cập:  curl -s -X POST ${server.url}/local/token -H 'content-type: application/json' -d '{"role":"unit","unitId":"p-hong-bang"}'`,
);
console.log(`  Thư gửi đi (hộp thư cục bộ): ${server.outbox.dir}`);
for (const job of server.scheduler?.nextJobs().slice(0, 5) ?? [])
  console.log(
    `  Lịch ${SCHEDULED_JOB_LABELS[job.kind]} ${job.year} (${job.campaignId}): ${formatDateTime(job.at, job.timeZone)} (${job.timeZone})`,
  );
