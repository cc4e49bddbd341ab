/**
 * Sheet imports too large for one request (nhập tệp lớn). A file of a few hundred rows is checked and stored within
 * the request; a larger one is kept in the blob store, recorded, and done as a job by the function that took it: the
 * request answers 202 with the job's status URL, and the status says how it ended with the same answer a small file
 * gets at once (every row, or every problem). A job run twice (Lambda retries an asynchronous invocation) does the
 * work once: an ended job is left as it is, and an import stores nothing twice (see importFigures).
 */
import { randomUUID } from 'node:crypto';
import { notFound } from '../domain/errors.js';
import { IMPORT_STATUS_LABELS } from '../domain/labels.js';
import { IMPORT_ROWS_IN_REQUEST } from '../domain/tables.js';
import type { Actor } from '../domain/types.js';
import type { BlobStore, Deps, ImportJob, JobRunner } from '../ports/index.js';

/** How long a job's record and its answer are kept for the status route. */
const KEEP_DAYS = 30;
/** A job neither ended nor heard of after this long died with its function (a timeout): said so, not "running". */
const STALLED_AFTER_MS = 60 * 60_000;

const sheetKey = (importId: string) => `imports/${importId}/sheet`;
const answerKey = (importId: string) => `imports/${importId}/answer.json`;

/** What a queued import is asked for: the job's own fields, and the sheet's bytes to keep. */
export type ImportRequest = Pick<
  ImportJob,
  'kind' | 'campaignId' | 'year' | 'dryRun' | 'format' | 'fileSha256' | 'rows'
> & { bytes: Uint8Array };

/** How an import ended: the status a request would have answered with, and its body. */
export interface ImportAnswer {
  status: number;
  body: unknown;
}

const jobWork = (deps: Deps): { blobs: BlobStore; jobs: JobRunner } | null =>
  deps.blobs && deps.jobs ? { blobs: deps.blobs, jobs: deps.jobs } : null;

/** Whether this file goes as a job: more rows than a request should carry, where the function has a job runner. */
export const importsAsJob = (deps: Deps, rows: number) => rows > IMPORT_ROWS_IN_REQUEST && jobWork(deps) !== null;

/** Keeps the sheet, records the job and starts it; the record is what the caller is answered with. */
export async function queueImport(deps: Deps, actor: Actor, request: ImportRequest) {
  const work = jobWork(deps);
  if (!work) throw new Error('imports as jobs need a blob store and a job runner');
  const now = deps.clock.now();
  const { bytes, ...asked } = request;
  const job: ImportJob = {
    importId: randomUUID(),
    ...asked,
    startedBy: actor,
    status: 'queued',
    createdAt: now.toISOString(),
    finishedAt: null,
    answerStatus: null,
    expiresAt: Math.ceil(now.getTime() / 1000) + KEEP_DAYS * 86_400,
  };
  // The bytes first, under a new id nothing else names (the bucket's lifecycle removes them if the record never comes).
  await work.blobs.put(sheetKey(job.importId), bytes, 'application/octet-stream');
  await deps.imports.createImport(job);
  await work.jobs.start({ kind: 'import', importId: job.importId });
  return presentImport(job, now);
}

/**
 * Does a queued job: `run` imports the sheet's bytes as the job's sender would have; its answer (or refusal) is kept
 * whole in the blob store, then the record says the job ended, then the sheet goes. Returns the job as it ended.
 */
export async function executeImport(
  deps: Deps,
  importId: string,
  run: (job: ImportJob, sheet: Uint8Array) => Promise<ImportAnswer>,
) {
  const work = jobWork(deps);
  if (!work) throw new Error('imports as jobs need a blob store and a job runner');
  const queued = await deps.imports.getImport(importId);
  if (!queued) throw new Error(`no import ${importId}`);
  if (queued.status === 'succeeded' || queued.status === 'failed') return queued;
  const running: ImportJob = { ...queued, status: 'running' };
  if (!(await deps.imports.moveImport(running, ['queued', 'running']))) return deps.imports.getImport(importId);
  const sheet = await work.blobs.read(sheetKey(importId));
  if (!sheet) throw new Error(`import ${importId} has no sheet`);
  // A fault of the platform (not a refusal of the file) is thrown: Lambda retries the job, then the dead-letter queue.
  const answer = await run(running, sheet);
  await work.blobs.put(answerKey(importId), new TextEncoder().encode(JSON.stringify(answer.body)), 'application/json');
  const ended: ImportJob = {
    ...running,
    status: answer.status < 300 ? 'succeeded' : 'failed',
    finishedAt: deps.clock.now().toISOString(),
    answerStatus: answer.status,
  };
  if (!(await deps.imports.moveImport(ended, ['running']))) return deps.imports.getImport(importId);
  await work.blobs.remove(sheetKey(importId));
  return ended;
}

/**
 * A job as its sender (or an admin) sees it, with the whole answer once it has ended. Anybody else is told there is
 * no such import, as for an id that was never given.
 */
export async function getImport(deps: Deps, actor: Actor, importId: string) {
  const job = await deps.imports.getImport(importId);
  const now = deps.clock.now();
  if (!job || job.expiresAt * 1000 < now.getTime() || !(actor.role === 'admin' || actor.sub === job.startedBy.sub))
    throw notFound('lượt nhập tệp', 'importId');
  const ended = job.status === 'succeeded' || job.status === 'failed';
  const bytes = ended ? await deps.blobs?.read(answerKey(importId)) : null;
  return { ...presentImport(job, now), ...(bytes && { answer: JSON.parse(new TextDecoder().decode(bytes)) }) };
}

function presentImport(job: ImportJob, now: Date) {
  const stalled =
    (job.status === 'queued' || job.status === 'running') &&
    now.getTime() - Date.parse(job.createdAt) > STALLED_AFTER_MS;
  return {
    importId: job.importId,
    kind: job.kind,
    campaignId: job.campaignId,
    year: job.year,
    dryRun: job.dryRun,
    fileSha256: job.fileSha256,
    rows: job.rows,
    status: job.status,
    statusLabel: stalled
      ? 'Bị gián đoạn: hãy gửi lại tệp (những dòng đã lưu không bị lưu hai lần)'
      : IMPORT_STATUS_LABELS[job.status],
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    answerStatus: job.answerStatus,
    statusUrl: `/v1/imports/${job.importId}`,
  };
}
