/**
 * Units report figures with evidence (báo cáo, minh chứng), one at a time or a file of them; a later report for the same
 * slot supersedes the earlier one. Reading reports back is in submission-reads.ts.
 */

import { assertMayAccessUnit, assertMayActOnCampaign } from '../domain/auth.js';
import { isoDateIn } from '../domain/calendar.js';
import { forEachAtMost } from '../domain/concurrency.js';
import { appliesTo } from '../domain/criteria.js';
import { DomainError, type FieldIssue, invalid, invalidFields } from '../domain/errors.js';
import { moduleOf } from '../domain/kinds/index.js';
import { levelLabelsOn } from '../domain/levels.js';
import { type SubmissionBody, submissionBodySchema } from '../domain/schemas.js';
import { encodeSubmissionId } from '../domain/submission-id.js';
import type {
  Actor,
  Campaign,
  Criterion,
  Evidence,
  FigureSource,
  FigureValue,
  Submission,
  Unit,
} from '../domain/types.js';
import { parseOrThrow } from '../domain/validation.js';
import {
  type CampaignYearRecord,
  type Deps,
  type EvidenceFileRecord,
  type SlotKey,
  VersionTaken,
  YearLocked,
} from '../ports/index.js';
import {
  assertNotFinalized,
  assertUnitActive,
  assignedTasks,
  auditEntry,
  boardOf,
  currentYearOf,
  cutOffOf,
  type ImportOptions,
  isReopened,
  loadCampaign,
  loadCampaignYear,
  localTime,
  sheetRefused,
  withCatalogueMemo,
  yearClustersOf,
  yearLockedNow,
} from './context.js';
import { markCited, resolveEvidenceFiles } from './evidence-files.js';

/** Validates a value against its criterion's kind: its shape, then the kind's own checks (e.g. tasks assigned). */
export async function parseValue(
  deps: Deps,
  campaign: Campaign,
  criterion: Criterion,
  unit: Unit,
  year: number,
  raw: unknown,
  field: string,
  now: Date,
): Promise<FigureValue> {
  const kind = moduleOf(criterion);
  const value = parseOrThrow(kind.valueSchema, raw, field);
  if (!kind.checkValue) return value;
  const issues = kind.checkValue(criterion, value, {
    year,
    assignedTasks: await assignedTasks(deps, campaign.campaignId, criterion, unit, year),
    today: isoDateIn(now, campaign.timeZone),
    campaignStart: `${campaign.firstYear}-01-01`,
  });
  if (issues.length) throw invalidFields(issues.map((i) => ({ field: `${field}.${i.field}`, message: i.message })));
  return value;
}

/**
 * A unit outside the year's clusters still reports if it ceased during the year, before the cut-off, and a unit it
 * went into takes part: its figures pass to that successor (the year of a reorganisation).
 */
async function passesToParticipant(
  deps: Deps,
  unit: Unit,
  cy: { year: number; cutOff?: string },
  takesPart: (unitId: string) => boolean,
): Promise<boolean> {
  if (unit.validTo === null || unit.validTo < `${cy.year}-01-01` || unit.validTo >= cutOffOf(cy)) return false;
  const units = await deps.catalogue.listUnits({});
  return units.some((u) => takesPart(u.unitId) && u.predecessors.some((p) => p.unitId === unit.unitId));
}

/** Stores a report; returns it with its campaign (which the caller needs to present it). */
export async function submitFigure(
  deps: Deps,
  actor: Actor,
  raw: unknown,
): Promise<{ submission: Submission; campaign: Campaign }> {
  const now = deps.clock.now();
  let body: SubmissionBody;
  try {
    body = parseOrThrow(submissionBodySchema, raw);
  } catch (refusal) {
    throw await withFigureIssues(deps, actor, raw, refusal, now);
  }
  const report = await checkReport(deps, actor, body, now);
  return { submission: await storeReport(deps, actor, report, now), campaign: report.campaign };
}

/**
 * A form's errors all at once: a report refused for its evidence (a title left empty) is still checked for its
 * figure where it names its unit and criterion, so the person sees the figure's error beside the title's, not after.
 */
async function withFigureIssues(deps: Deps, actor: Actor, raw: unknown, refusal: unknown, now: Date) {
  if (!(refusal instanceof DomainError) || refusal.code !== 'VALIDATION_FAILED') return refusal;
  const figureField = (field: string) => field === 'value' || field.startsWith('value.');
  if (refusal.details.some((d) => figureField(d.field)) || !raw || typeof raw !== 'object') return refusal;
  // The same report with evidence that passes: what checkReport says of its figure (it stores nothing).
  const stand = submissionBodySchema.safeParse({ ...raw, evidence: [{ title: 'minh chứng' }] });
  if (!stand.success) return refusal;
  try {
    await checkReport(deps, actor, stand.data, now);
    return refusal;
  } catch (e) {
    const figure = e instanceof DomainError ? e.details.filter((d) => figureField(d.field)) : [];
    return figure.length ? invalidFields([...refusal.details, ...figure]) : refusal;
  }
}

/** A report that passed every check a report gets, ready to be stored. */
interface CheckedReport {
  campaign: Campaign;
  cy: CampaignYearRecord;
  unit: Unit;
  criterion: Criterion;
  value: FigureValue;
  evidence: Evidence[];
  /** The evidence files it cites, checked: stored files of its unit. */
  files: EvidenceFileRecord[];
  /** The figure slot it goes to (unit, year, criterion, and the task for task criteria). */
  slot: SlotKey;
}

/** Every check of a report (who, which unit and year, the criterion, the value, the calendar), storing nothing. */
async function checkReport(deps: Deps, actor: Actor, body: SubmissionBody, now: Date): Promise<CheckedReport> {
  assertMayAccessUnit(actor, body.unitId);
  const campaign = await deps.catalogue.getCampaign(body.campaignId ?? deps.defaultCampaignId);
  if (!campaign) throw invalid('campaignId', `phong trào ${body.campaignId} không tồn tại`);
  const year = body.year ?? (await currentYearOf(deps, campaign));
  const [stored, cy, clusters] = await Promise.all([
    deps.catalogue.getUnit(body.unitId),
    loadCampaignYear(deps, campaign, year),
    yearClustersOf(deps, campaign.campaignId, year),
  ]);
  if (!stored) throw invalid('unitId', `đơn vị ${body.unitId} không tồn tại`);
  await assertNotFinalized(deps, campaign, year);
  assertUnitActive(stored, cy);
  if (!clusters.takesPart(stored.unitId) && !(await passesToParticipant(deps, stored, cy, clusters.takesPart)))
    throw new DomainError(
      'UNIT_NOT_ACTIVE',
      `${stored.name} không tham gia ${campaign.name} năm ${year} (không thuộc cụm, khối thi đua nào của năm)`,
      [{ field: 'unitId', message: `không tham gia phong trào năm ${year}` }],
    );
  // The report carries the unit's cluster of that year: the queue filters and the year's ranking use it.
  const unit = clusters.place(stored);
  const criterion = cy.criteria.find((c) => c.criterionId === body.criterionId);
  if (!criterion) throw invalid('criterionId', `tiêu chí ${body.criterionId} không có trong bộ tiêu chí năm ${year}`);
  if (!appliesTo(criterion, unit.level))
    throw invalid(
      'criterionId',
      `tiêu chí ${body.criterionId} không áp dụng cho cấp ${levelLabelsOn(cutOffOf(cy))[unit.level].toLowerCase()}`,
    );
  const value = await parseValue(deps, campaign, criterion, unit, year, body.value, 'value', now);

  if (now.getTime() < Date.parse(cy.calendar.submissionOpensAt)) {
    throw new DomainError(
      'SUBMISSION_NOT_OPEN',
      `Chưa đến thời gian nhận báo cáo năm ${year} (từ ${localTime(cy.calendar.submissionOpensAt, campaign)})`,
    );
  }
  if (
    now.getTime() > Date.parse(cy.calendar.submissionClosesAt) &&
    !(await isReopened(deps, campaign.campaignId, unit.unitId, year, now))
  ) {
    throw new DomainError(
      'DEADLINE_PASSED',
      `Đã hết hạn nộp báo cáo năm ${year} (hạn cuối ${localTime(cy.calendar.submissionClosesAt, campaign)}): Ban Thi đua - Khen thưởng có thể mở lại báo cáo năm ${year} cho đơn vị — hãy liên hệ ${boardOf(campaign)}`,
      [{ field: 'year', message: 'đã hết hạn nộp' }],
    );
  }

  const today = isoDateIn(now, campaign.timeZone);
  const futureEvidence = body.evidence.flatMap((e, i) =>
    e.issuedOn && e.issuedOn > today
      ? [{ field: `evidence.${i}.issuedOn`, message: 'không được sau ngày hôm nay' }]
      : [],
  );
  if (futureEvidence.length) throw invalidFields(futureEvidence);
  const slot = {
    campaignId: campaign.campaignId,
    year: cy.year,
    unitId: unit.unitId,
    slotId: moduleOf(criterion).slotOf(criterion, value),
  };
  const { evidence, files } = await resolveEvidenceFiles(deps, unit.unitId, body.evidence);
  return { campaign, cy, unit, criterion, value, evidence, files, slot };
}

/** Stores a checked report as the slot's next version, superseding the previous one; `source` when not typed. */
async function storeReport(
  deps: Deps,
  actor: Actor,
  { campaign, cy, unit, criterion, value, evidence, files, slot }: CheckedReport,
  now: Date,
  source?: FigureSource,
): Promise<Submission> {
  const year = cy.year;
  // The year's first report locks its rules, but only if they are still the ones this report was checked
  // against: an admin's change in between makes the unit send it again.
  if (!cy.reported && !(await deps.catalogue.markReported(campaign.campaignId, year, cy.revision))) {
    throw new DomainError('CONFLICT', `Bộ tiêu chí năm ${year} vừa được thay đổi; vui lòng gửi lại báo cáo`);
  }

  const signedEvidence = [...new Set(files.filter((f) => f.signatures?.length).map((f) => f.sha256))];
  // Concurrent reports for one slot each get their own version: the store's conditional put serialises them.
  for (let attempt = 0; attempt < 8; attempt++) {
    const latest = await deps.submissions.latestInSlot(slot);
    const version = (latest?.version ?? 0) + 1;
    const submittedAt = now.toISOString();
    const submission: Submission = {
      submissionId: encodeSubmissionId({ ...slot, version }),
      ...slot,
      criterionId: criterion.criterionId,
      value,
      evidence,
      ...(signedEvidence.length ? { signedEvidence } : {}),
      ...(source && { source }),
      status: 'submitted',
      version,
      submittedAt,
      submittedBy: actor.sub,
      review: null,
      audit: [auditEntry(actor, now, 'submitted', { after: { value, evidence, ...(source && { source }) } })],
      unitName: unit.name,
      unitLevel: unit.level,
      unitCluster: unit.cluster,
    };
    await markCited(deps, actor, files, submission.submissionId);
    const supersedes =
      latest && latest.status !== 'superseded'
        ? {
            previous: latest,
            entry: auditEntry(actor, now, 'superseded', {
              before: { status: latest.status },
              after: { status: 'superseded', by: submission.submissionId },
            }),
          }
        : undefined;
    try {
      await deps.submissions.create(submission, supersedes);
    } catch (e) {
      if (e instanceof VersionTaken) continue;
      if (e instanceof YearLocked) await yearLockedNow(deps, submission);
      throw e;
    }
    return submission;
  }
  throw new DomainError('CONFLICT', 'Có quá nhiều báo cáo đồng thời cho cùng tiêu chí, vui lòng thử lại');
}

// A figures file has the shape a provincial TTHC system exports: the unit's code (or its id), the criterion, the year
// (kỳ báo cáo), numerator and denominator, and a note naming the source (the evidence).

/** A number cell as a number; anything else stays text, so the value's schema names the column. */
const numberCell = (v: string | undefined) => (v !== undefined && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v);
/** A report's field as the file's column. */
const columnOf = (field: string) =>
  field.startsWith('value.')
    ? field.slice('value.'.length).split('.')[0]!
    : field === 'unitId'
      ? 'unitCode'
      : field.startsWith('evidence')
        ? 'sourceNote'
        : field;

/**
 * Imports figures from a file: every row checked as a report is (the unit may be only the caller's own), nothing
 * stored unless every row passes; each stored report records its file and row. A row whose slot already holds this
 * file's figure is left as is, so the same file twice, or a retry after an interruption, stores nothing twice.
 */
export async function importFigures(store: Deps, actor: Actor, campaignId: string | undefined, options: ImportOptions) {
  // The catalogue is read once per file, not once per row (the same campaign, year, units and tasks every row).
  const deps = withCatalogueMemo(store);
  const campaign = await loadCampaign(deps, campaignId);
  assertMayActOnCampaign(actor, campaign.campaignId);
  const { rows, sha256 } = await options.sheet();
  const units = await deps.catalogue.listUnits({});
  const byCode = new Map(units.flatMap((u) => (u.code ? [[u.code.toLowerCase(), u] as const] : [])));
  const byId = new Map(units.map((u) => [u.unitId, u]));
  const now = deps.clock.now();
  const issues: FieldIssue[] = [];
  const checked: Array<{ row: number; report: CheckedReport }> = [];
  const slots = new Map<string, number>();
  // Each row checked as a report, sixteen at a time; then, in row order, the issues and the slots named twice.
  const outcomes: Array<{ row: number; report?: CheckedReport; issues?: FieldIssue[] }> = [];
  await forEachAtMost([...rows.entries()], 16, async ([i, { row, values }]) => {
    const code = (values.unitCode ?? '').trim();
    const unit = byCode.get(code.toLowerCase()) ?? byId.get(code);
    if (!unit) {
      outcomes[i] = {
        row,
        issues: [{ row, field: 'unitCode', message: code ? `không có đơn vị mã ${code}` : 'là bắt buộc' }],
      };
      return;
    }
    const note = (values.sourceNote ?? '').trim();
    try {
      const body = parseOrThrow(submissionBodySchema, {
        campaignId: campaign.campaignId,
        unitId: unit.unitId,
        year: numberCell(values.year),
        criterionId: (values.criterionId ?? '').trim(),
        value: { numerator: numberCell(values.numerator), denominator: numberCell(values.denominator) },
        evidence: [{ title: note || `Số liệu nhập từ tệp ${sha256.slice(0, 12)}…, dòng ${row}` }],
      });
      outcomes[i] = { row, report: await checkReport(deps, actor, body, now) };
    } catch (e) {
      // A year that is final refuses the whole file (409), as it refuses one report; other refusals name the row.
      if (!(e instanceof DomainError) || e.code === 'INTERNAL' || e.code === 'YEAR_FINALIZED') throw e;
      const details = e.details.length ? e.details : [{ field: 'year', message: e.message }];
      outcomes[i] = { row, issues: details.map((d) => ({ row, field: columnOf(d.field), message: d.message })) };
    }
  });
  for (const { row, report, issues: found } of outcomes) {
    if (found) issues.push(...found);
    if (!report) continue;
    const key = `${report.unit.unitId}#${report.cy.year}#${report.slot.slotId}`;
    if (slots.has(key)) {
      issues.push({ row, field: 'criterionId', message: `trùng đơn vị, năm và tiêu chí với dòng ${slots.get(key)}` });
      continue;
    }
    slots.set(key, row);
    checked.push({ row, report });
  }
  if (issues.length) throw sheetRefused(issues);
  const plan = checked.map((c) => ({
    ...c,
    action: 'created' as 'created' | 'unchanged',
    submissionId: null as string | null,
  }));
  // A slot whose latest figure came from this very file keeps it; the reads go as the writes do, a few at a time.
  await forEachAtMost(plan, 8, async (p) => {
    const latest = await deps.submissions.latestInSlot(p.report.slot);
    if (latest?.source?.fileSha256 === sha256)
      Object.assign(p, { action: 'unchanged', submissionId: latest.submissionId });
  });
  if (!options.dryRun)
    await forEachAtMost(
      plan.filter((p) => p.action === 'created'),
      8,
      async (p) => {
        const stored = await storeReport(deps, actor, p.report, now, {
          kind: 'import',
          fileSha256: sha256,
          row: p.row,
        });
        p.submissionId = stored.submissionId;
      },
    );
  return {
    dryRun: options.dryRun,
    fileSha256: sha256,
    rows: plan.length,
    created: plan.filter((p) => p.action === 'created').length,
    unchanged: plan.filter((p) => p.action === 'unchanged').length,
    items: plan.map(({ row, report, action, submissionId }) => ({
      row,
      unitId: report.unit.unitId,
      criterionId: report.criterion.criterionId,
      year: report.cy.year,
      action,
      submissionId,
    })),
  };
}
