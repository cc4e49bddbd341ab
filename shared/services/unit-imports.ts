/**
 * Imports of units and of a year's clusters from a sheet: a whole file checked before anything is stored, every error
 * named by its row and column; the same file imported again stores nothing.
 */

import { assertAllCampaigns, assertMayActOnCampaign } from '../domain/auth.js';
import { sameData } from '../domain/canonical.js';
import { forEachAtMost } from '../domain/concurrency.js';
import { DomainError, type FieldIssue, invalid } from '../domain/errors.js';
import { LEVEL_LABELS } from '../domain/levels.js';
import { validOn } from '../domain/lineage.js';
import { sheetDate } from '../domain/tables.js';
import { type Actor, UNIT_KIND_LABELS, type Unit, type YearCluster } from '../domain/types.js';
import type { Deps } from '../ports/index.js';
import {
  assertNotFinalized,
  auditEntry,
  cutOffOf,
  type ImportOptions,
  importSource,
  loadCampaign,
  loadCampaignYear,
  sheetRefused,
} from './context.js';
import { newProblems, parseUnitBody, UNIT_ID, unitFrom } from './units.js';

/** "hb-minh-khai:merged:1; hb-gia-vien:split:0.3" → predecessors (the weight may be left out: an equal share). */
function predecessorsCell(text: string) {
  if (!text) return [];
  return text
    .split(/[;|]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [unitId = '', relation = 'merged', weight] = part.split(':').map((x) => x.trim());
      return {
        unitId,
        relation,
        weight: weight === undefined || weight === '' ? null : Number(weight.replace(',', '.')),
      };
    });
}

/** A cell that should be a date: yyyy-mm-dd as stored, or the text itself so the schema names what is wrong. */
const dateCell = (text: string) => sheetDate(text) ?? text;

/** A level or a kind as a sheet may write it: its code, or its name in the office's words (any case). */
const codeOf = (labels: Record<string, string>, cell: string) =>
  Object.entries(labels).find(([code, label]) =>
    [code, label].some((w) => w.toLowerCase() === cell.toLowerCase()),
  )?.[0] ?? cell;

function unitRowBody(values: Record<string, string>) {
  const v = (k: string) => values[k] ?? '';
  return {
    name: v('name'),
    level: codeOf(LEVEL_LABELS, v('level')),
    ...(v('kind') ? { kind: codeOf(UNIT_KIND_LABELS, v('kind')) } : {}),
    code: v('code') || null,
    validFrom: v('validFrom') ? dateCell(v('validFrom')) : '1990-01-01',
    validTo: v('validTo') ? dateCell(v('validTo')) : null,
    predecessors: predecessorsCell(v('predecessors')),
    parentId: v('parentId') || null,
    cluster: v('cluster') || null,
    ...(v('contactEmail') ? { contactEmail: v('contactEmail') } : {}),
  };
}

/**
 * Imports units and their lineage from a sheet (columns IMPORT_COLUMNS.units): every row checked alone and then the whole
 * lineage with the stored units; nothing is stored unless every row passes, and a row equal to what is stored
 * changes nothing, so importing the same file again stores nothing.
 */
export async function importUnits(deps: Deps, actor: Actor, options: ImportOptions) {
  assertAllCampaigns(actor);
  const { rows, sha256 } = await options.sheet();
  const issues: FieldIssue[] = [];
  const stored = await deps.catalogue.listUnits({});
  const storedById = new Map(stored.map((u) => [u.unitId, u]));
  const imported = new Map<string, { row: number; unit: Unit }>();
  for (const { row, values } of rows) {
    const unitId = values.unitId ?? '';
    if (!UNIT_ID.test(unitId)) {
      issues.push({
        row,
        field: 'unitId',
        // A missing id and a malformed one are told apart: "là bắt buộc" for an id that is there would mislead.
        message: unitId ? 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang' : 'là bắt buộc',
      });
      continue;
    }
    if (imported.has(unitId)) {
      issues.push({ row, field: 'unitId', message: `trùng với dòng ${imported.get(unitId)!.row}` });
      continue;
    }
    try {
      const body = parseUnitBody(unitRowBody(values));
      imported.set(unitId, { row, unit: unitFrom(unitId, body, storedById.get(unitId) ?? null) });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      for (const d of e.details) issues.push({ row, field: d.field.split('.')[0]!, message: d.message });
    }
  }
  const after = [...stored.filter((u) => !imported.has(u.unitId)), ...[...imported.values()].map((i) => i.unit)];
  const known = new Set(after.map((u) => u.unitId));
  for (const { row, unit } of imported.values()) {
    if (unit.parentId && !known.has(unit.parentId))
      issues.push({ row, field: 'parentId', message: `đơn vị cấp trên ${unit.parentId} không tồn tại` });
  }
  // Problems of the lineage as a whole, named on the row of the unit they concern (or the first row naming it).
  const rowOf = (unitId: string) =>
    imported.get(unitId)?.row ??
    [...imported.values()].find((i) => i.unit.predecessors.some((p) => p.unitId === unitId))?.row;
  for (const problem of newProblems(stored, after))
    issues.push({
      row: rowOf(problem.unitId),
      field: problem.field.replace(/^predecessors\.\d+\..*$/, 'predecessors'),
      message: problem.message,
    });
  if (issues.length) throw sheetRefused(issues);
  const plan = [...imported.values()].map(({ row, unit }) => {
    const existing = storedById.get(unit.unitId);
    const action = !existing ? 'created' : sameData(existing, unit) ? 'unchanged' : 'updated';
    return { row, unit, existing, action } as const;
  });
  if (!options.dryRun) {
    const now = deps.clock.now();
    await forEachAtMost(
      plan.filter((p) => p.action !== 'unchanged'),
      8,
      async ({ row, unit, existing }) => {
        const revision = (await deps.catalogue.getUnit(unit.unitId))?.revision ?? 0;
        const entry = auditEntry(actor, now, 'unit-imported', {
          before: existing ?? null,
          after: unit,
          comment: `${importSource(options, sha256)}, dòng ${row}`,
        });
        if (!(await deps.catalogue.saveUnit(unit, entry, revision)))
          throw new DomainError('CONFLICT', `Đơn vị ${unit.unitId} vừa được người khác thay đổi: hãy nhập lại tệp`);
      },
    );
  }
  const count = (action: string) => plan.filter((p) => p.action === action).length;
  return {
    dryRun: options.dryRun,
    fileSha256: sha256,
    rows: plan.length,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    items: plan.map(({ row, unit, action }) => ({ row, unitId: unit.unitId, action })),
  };
}

const ROLE_WORDS: Record<string, 'head' | 'deputy' | 'member'> = {
  head: 'head',
  'trưởng cụm': 'head',
  'trưởng khối': 'head',
  deputy: 'deputy',
  'phó cụm': 'deputy',
  'phó khối': 'deputy',
  member: 'member',
  'thành viên': 'member',
  '': 'member',
};
const MAX_CLUSTERS = 200;
const MAX_MEMBERS = 3_000;

/**
 * A year's clusters/blocks from a sheet (columns IMPORT_COLUMNS.clusters, one row per member): each unit valid in that
 * year, in one cluster only, one head and at most one deputy per cluster. Replaces the year's clusters whole.
 */
export async function importClusters(
  deps: Deps,
  actor: Actor,
  campaignId: string | undefined,
  year: number,
  options: ImportOptions,
) {
  const campaign = await loadCampaign(deps, campaignId);
  assertMayActOnCampaign(actor, campaign.campaignId);
  const cy = await loadCampaignYear(deps, campaign, year);
  await assertNotFinalized(deps, campaign, year);
  const { rows, sha256 } = await options.sheet();
  // Any unit valid on the year's cut-off day may join: the clusters being replaced do not limit who.
  const stored = await deps.catalogue.listUnits({});
  const all = new Set(stored.map((u) => u.unitId));
  const units = new Map(stored.filter((u) => validOn(u, cutOffOf(cy))).map((u) => [u.unitId, u]));
  const issues: FieldIssue[] = [];
  const clusters = new Map<string, YearCluster & { row: number }>();
  const placed = new Map<string, number>();
  if (rows.length > MAX_MEMBERS)
    throw invalid('(file)', `tối đa ${MAX_MEMBERS} thành viên trong các cụm, khối của một năm`);
  for (const { row, values } of rows) {
    const clusterId = values.clusterId ?? '';
    const unitId = values.unitId ?? '';
    const role = ROLE_WORDS[(values.role ?? '').toLowerCase()];
    if (!UNIT_ID.test(clusterId))
      issues.push({ row, field: 'clusterId', message: 'là bắt buộc, chữ thường không dấu' });
    if (!role)
      issues.push({
        row,
        field: 'role',
        message: 'phải là head, deputy hoặc member (trưởng cụm, phó cụm, thành viên)',
      });
    if (!all.has(unitId)) issues.push({ row, field: 'unitId', message: `đơn vị ${unitId || '(trống)'} không tồn tại` });
    else if (!units.has(unitId))
      issues.push({ row, field: 'unitId', message: `đơn vị ${unitId} không hoạt động vào ngày chốt ${cutOffOf(cy)}` });
    else if (placed.has(unitId))
      issues.push({ row, field: 'unitId', message: `đã thuộc một cụm ở dòng ${placed.get(unitId)}` });
    if (!UNIT_ID.test(clusterId) || !role || !units.has(unitId) || placed.has(unitId)) continue;
    placed.set(unitId, row);
    let cluster = clusters.get(clusterId);
    if (!cluster) {
      const name = values.clusterName ?? '';
      if (!name) issues.push({ row, field: 'clusterName', message: 'là bắt buộc ở dòng đầu tiên của mỗi cụm' });
      cluster = { clusterId, name, head: null, deputy: null, members: [], row };
      clusters.set(clusterId, cluster);
    } else if (values.clusterName && values.clusterName !== cluster.name)
      issues.push({ row, field: 'clusterName', message: `khác tên đã ghi ở dòng ${cluster.row}` });
    cluster.members.push(unitId);
    if (role !== 'member') {
      if (cluster[role])
        issues.push({
          row,
          field: 'role',
          message: `cụm ${clusterId} đã có ${role === 'head' ? 'trưởng cụm' : 'phó cụm'}`,
        });
      else cluster[role] = unitId;
    }
  }
  if (clusters.size > MAX_CLUSTERS) issues.push({ field: '(file)', message: `tối đa ${MAX_CLUSTERS} cụm, khối` });
  for (const c of clusters.values())
    if (!c.head) issues.push({ row: c.row, field: 'role', message: `cụm ${c.clusterId} chưa có trưởng cụm (head)` });
  if (issues.length) throw sheetRefused(issues);
  const next = [...clusters.values()]
    .map(({ row: _row, ...c }) => ({ ...c, members: [...c.members].sort() }))
    .sort((a, b) => a.clusterId.localeCompare(b.clusterId));
  const current = await deps.catalogue.getYearClusters(campaign.campaignId, year);
  const unchanged = current !== null && sameData(current.clusters, next);
  if (!options.dryRun && !unchanged) {
    const saved = await deps.catalogue.saveYearClusters(
      { campaignId: campaign.campaignId, year, clusters: next },
      auditEntry(actor, deps.clock.now(), 'clusters-imported', {
        before: current?.clusters ?? null,
        after: next,
        comment: importSource(options, sha256),
      }),
      current?.revision ?? 0,
    );
    if (!saved) throw new DomainError('CONFLICT', 'Các cụm của năm vừa được người khác thay đổi: hãy nhập lại tệp');
  }
  return {
    dryRun: options.dryRun,
    fileSha256: sha256,
    campaignId: campaign.campaignId,
    year,
    rows: rows.length,
    unchanged,
    clusters: next,
  };
}
