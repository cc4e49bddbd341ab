/**
 * The three sheet imports (units, a year's clusters, figures): the file read in the request; a file of more rows than
 * a request should carry kept and done as a job of this same function (shared/services/imports.ts).
 */
import { assertAllCampaigns, assertMayActOnCampaign } from '../../shared/domain/auth.js';
import { DomainError, invalid } from '../../shared/domain/errors.js';
import {
  csvText,
  IMPORT_COLUMNS,
  parseCsv,
  REQUIRED_COLUMNS,
  type SheetRow,
  sheetRows,
} from '../../shared/domain/tables.js';
import type { Actor, ImportKind } from '../../shared/domain/types.js';
import type { Deps, ImportJob } from '../../shared/ports/index.js';
import { type ImportOptions, loadCampaign } from '../../shared/services/context.js';
import { executeImport, importsAsJob, queueImport } from '../../shared/services/imports.js';
import { importFigures } from '../../shared/services/submissions.js';
import { importClusters, importUnits } from '../../shared/services/unit-imports.js';
import { errorResult, json, type SheetBody } from '../http.js';
import { importQuery, parseOrThrow } from '../params.js';

type Target = Pick<ImportJob, 'campaignId' | 'year'>;
interface SheetImport {
  columns: readonly string[];
  required: readonly string[];
  /**
   * Who may import, checked before the file is read (the use case checks again): a caller without the right is told
   * so, whatever the file; the target as the job records it (the campaign named, or the default one).
   */
  admit(deps: Deps, actor: Actor, target: Target): Promise<Target>;
  run(deps: Deps, actor: Actor, target: Target, options: ImportOptions): Promise<unknown>;
}
/** The campaign the import names (or the default one), where the caller may act. */
async function campaignTarget(deps: Deps, actor: Actor, target: Target): Promise<Target> {
  const campaign = await loadCampaign(deps, target.campaignId ?? undefined);
  assertMayActOnCampaign(actor, campaign.campaignId);
  return { ...target, campaignId: campaign.campaignId };
}
const IMPORTS: Record<ImportKind, SheetImport> = {
  units: {
    columns: IMPORT_COLUMNS.units,
    required: REQUIRED_COLUMNS.units,
    admit: async (_deps, actor, target) => {
      assertAllCampaigns(actor);
      return target;
    },
    run: (deps, actor, _target, options) => importUnits(deps, actor, options),
  },
  clusters: {
    columns: IMPORT_COLUMNS.clusters,
    required: REQUIRED_COLUMNS.clusters,
    admit: campaignTarget,
    run: (deps, actor, t, options) => importClusters(deps, actor, t.campaignId ?? undefined, t.year!, options),
  },
  figures: {
    columns: IMPORT_COLUMNS.figures,
    required: REQUIRED_COLUMNS.figures,
    admit: campaignTarget,
    run: (deps, actor, t, options) => importFigures(deps, actor, t.campaignId ?? undefined, options),
  },
};

/** The rows of an uploaded sheet: CSV read here, XLSX by exceljs, loaded only when an XLSX comes. */
async function rowsOf(sheet: SheetBody, kind: ImportKind): Promise<SheetRow[]> {
  const cells =
    sheet.format === 'csv'
      ? parseCsv(csvText(sheet.bytes))
      : await (await import('./xlsx-read.js')).xlsxCells(sheet.bytes);
  return sheetRows(cells, IMPORTS[kind].required, IMPORTS[kind].columns);
}

/** POST /v1/imports/{kind}: the answer at once (200), or for a large file its job (202 and where to ask). */
export async function sheetImport(deps: Deps, actor: Actor, kind: ImportKind, query: unknown, body: unknown) {
  const q = parseOrThrow(importQuery, query);
  if (kind === 'clusters' && q.year === undefined) throw invalid('year', 'là bắt buộc: năm của các cụm, khối');
  const target = await IMPORTS[kind].admit(deps, actor, { campaignId: q.campaignId ?? null, year: q.year ?? null });
  const sheet = body as SheetBody | undefined;
  if (!sheet?.bytes) throw invalid('(body)', 'cần gửi tệp CSV hoặc XLSX');
  const rows = await rowsOf(sheet, kind);
  const dryRun = q.dryRun === 'true';
  if (!importsAsJob(deps, rows.length)) {
    const options = { dryRun, sheet: async () => ({ rows, sha256: sheet.sha256 }) };
    return json(200, await IMPORTS[kind].run(deps, actor, target, options));
  }
  const job = await queueImport(deps, actor, {
    kind,
    ...target,
    dryRun,
    format: sheet.format,
    bytes: sheet.bytes,
    fileSha256: sheet.sha256,
    rows: rows.length,
  });
  return json(202, job, { location: job.statusUrl });
}

/** The job: the kept sheet imported as its sender's request would have been, refusals kept as that request's answer. */
export const runImportJob = (deps: Deps, importId: string) =>
  executeImport(deps, importId, async (job, bytes) => {
    try {
      const sheet = { format: job.format, bytes: Buffer.from(bytes), sha256: job.fileSha256 };
      const rows = await rowsOf(sheet, job.kind);
      const options = { dryRun: job.dryRun, sheet: async () => ({ rows, sha256: job.fileSha256 }) };
      return { status: 200, body: await IMPORTS[job.kind].run(deps, job.startedBy, job, options) };
    } catch (e) {
      if (!(e instanceof DomainError) || e.code === 'INTERNAL') throw e;
      const refused = errorResult(e);
      return { status: refused.statusCode, body: JSON.parse(refused.body!) };
    }
  });
