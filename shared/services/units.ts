/**
 * Units over time: the units of a year, a unit with its lineage both ways, admin changes and imports checked as a
 * whole lineage, a year's clusters/blocks with their heads, and a unit's results over the years — derived from its
 * predecessors' for years before it existed.
 */

import { assertAllCampaigns, assertMayActOnCampaign } from '../domain/auth.js';
import { sameData } from '../domain/canonical.js';
import { forEachAtMost } from '../domain/concurrency.js';
import { DomainError, type FieldIssue, invalid, invalidFields } from '../domain/errors.js';
import { LEVEL_LABELS } from '../domain/levels.js';
import {
  DEFAULT_KIND,
  deriveResult,
  lineageProblems,
  lineageShares,
  RELATION_LABELS,
  validOn,
  withUnitDefaults,
} from '../domain/lineage.js';
import { AWARD_NAMES, type Award, type RankingEntry } from '../domain/ranking.js';
import { unitBodySchema } from '../domain/schemas.js';
import { sheetDate } from '../domain/tables.js';
import { type Actor, type Level, UNIT_KIND_LABELS, type Unit, type YearCluster } from '../domain/types.js';
import { parseOrThrow } from '../domain/validation.js';
import type { Deps, PageQuery } from '../ports.js';
import {
  assertNotFinalized,
  auditEntry,
  currentYearOf,
  cutOffOf,
  type ImportOptions,
  importSource,
  loadCampaign,
  loadCampaignYear,
  loadUnit,
  presentHistory,
  sheetRefused,
  unitsOfYear,
  yearClustersOf,
} from './context.js';

const UNIT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const DEFAULT_LINEAGE = { rule: 'mean', inheritAwards: false } as const;

/** A unit as people read it: its kind's label beside it. */
const presentUnit = (u: Unit) => ({ ...u, kindLabel: UNIT_KIND_LABELS[u.kind] });

/** The units of a year (default: the current one) with the year's cluster and the head and deputy of each. */
export async function listUnits(
  deps: Deps,
  params: { year?: number; campaignId?: string; level?: Level; cluster?: string },
) {
  const campaign = await loadCampaign(deps, params.campaignId);
  const cy = await loadCampaignYear(deps, campaign, params.year ?? (await currentYearOf(deps, campaign)));
  const [units, year] = await Promise.all([
    unitsOfYear(deps, campaign.campaignId, cy),
    yearClustersOf(deps, campaign.campaignId, cy.year),
  ]);
  const roleOf = new Map<string, 'head' | 'deputy'>();
  for (const c of year.clusters) {
    if (c.head) roleOf.set(c.head, 'head');
    if (c.deputy) roleOf.set(c.deputy, 'deputy');
  }
  const items = units
    .filter((u) => (!params.level || u.level === params.level) && (!params.cluster || u.cluster === params.cluster))
    .sort((a, b) => a.unitId.localeCompare(b.unitId))
    .map((u) => ({ ...presentUnit(u), clusterRole: roleOf.get(u.unitId) ?? null }));
  return { campaignId: campaign.campaignId, year: cy.year, cutOff: cutOffOf(cy), items };
}

/** A unit with its lineage both ways: what it was formed from ("thành lập từ") and what it went into. */
export async function getUnit(deps: Deps, unitId: string) {
  const [unit, all] = await Promise.all([loadUnit(deps, unitId), deps.catalogue.listUnits({})]);
  const byId = new Map(all.map((u) => [u.unitId, u]));
  const shares = lineageShares(all);
  const share = (successor: string, predecessor: string) =>
    (shares.get(successor)?.find((s) => s.unitId === predecessor)?.shareMicro ?? 0) / 1_000_000;
  const { revision: _r, ...rest } = unit;
  return {
    ...presentUnit(rest),
    predecessors: unit.predecessors.map((p) => ({
      ...p,
      name: byId.get(p.unitId)?.name ?? p.unitId,
      relationLabel: RELATION_LABELS[p.relation],
      share: share(unitId, p.unitId),
    })),
    successors: all
      .flatMap((s) =>
        s.predecessors
          .filter((p) => p.unitId === unitId)
          .map((p) => ({
            unitId: s.unitId,
            name: s.name,
            relation: p.relation,
            relationLabel: RELATION_LABELS[p.relation],
            share: share(s.unitId, unitId),
          })),
      )
      .sort((a, b) => a.unitId.localeCompare(b.unitId)),
  };
}

/** The recorded changes of a unit and of its reopenings. */
export async function unitHistory(deps: Deps, unitId: string, page: PageQuery) {
  await loadUnit(deps, unitId);
  const campaign = await loadCampaign(deps);
  return presentHistory(await deps.catalogue.unitHistory(unitId, page), campaign);
}

const issueKey = (i: FieldIssue & { unitId: string }) => `${i.unitId}|${i.field}|${i.message}`;

/** A unit as stored after a change: the body's fields over the stored ones, defaults for a new unit. */
function unitFrom(unitId: string, body: ReturnType<typeof parseUnitBody>, existing: Unit | null): Unit {
  const base = existing ?? withUnitDefaults({ unitId, name: body.name, level: body.level });
  return {
    ...base,
    unitId,
    name: body.name,
    level: body.level,
    kind: body.kind ?? (existing && existing.level === body.level ? existing.kind : DEFAULT_KIND[body.level]),
    ...(body.parentId !== undefined ? { parentId: body.parentId } : {}),
    ...(body.cluster !== undefined ? { cluster: body.cluster } : {}),
    ...(body.code !== undefined ? { code: body.code } : {}),
    ...(body.validFrom !== undefined ? { validFrom: body.validFrom } : {}),
    ...(body.validTo !== undefined ? { validTo: body.validTo } : {}),
    ...(body.predecessors !== undefined
      ? { predecessors: body.predecessors.map((p) => ({ ...p, weight: p.weight ?? null })) }
      : {}),
    ...(body.contactEmail !== undefined ? { contactEmail: body.contactEmail } : {}),
  };
}
const parseUnitBody = (raw: unknown) => ({ unitId: '', ...parseOrThrow(unitBodySchema, raw) });

/**
 * Problems a change brings into the lineage (the stored lineage's own problems are not this change's to answer
 * for), and the parent check: the unit above must exist.
 */
function newProblems(before: Unit[], after: Unit[]) {
  const known = new Set(lineageProblems(before).map(issueKey));
  return lineageProblems(after).filter((i) => !known.has(issueKey(i)));
}

export async function saveUnit(deps: Deps, actor: Actor, unitId: string, raw: unknown): Promise<Unit> {
  assertAllCampaigns(actor);
  const body = parseUnitBody(raw);
  if (!UNIT_ID.test(unitId)) throw invalid('unitId', 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang');
  const [existing, all] = await Promise.all([deps.catalogue.getUnit(unitId), deps.catalogue.listUnits({})]);
  const { revision, ...before } = existing ?? { revision: 0 };
  const unit = unitFrom(unitId, body, existing ? (before as Unit) : null);
  if (unit.parentId) {
    if (unit.parentId === unitId) throw invalid('parentId', 'không được là chính đơn vị');
    // Read by its key (a strongly consistent read), not from the listing's index: on AWS the index lags, and a
    // child saved right after its parent would be refused.
    if (!all.some((u) => u.unitId === unit.parentId) && !(await deps.catalogue.getUnit(unit.parentId)))
      throw invalid('parentId', `đơn vị cấp trên ${unit.parentId} không tồn tại`);
  }
  // The same unit again changes nothing: no new revision, no entry in the history.
  if (existing && sameData(before, unit)) return unit;
  const problems = newProblems(all, [...all.filter((u) => u.unitId !== unitId), unit]);
  if (problems.length) throw invalidFields(problems.map(({ field, message }) => ({ field, message })));
  const entry = auditEntry(actor, deps.clock.now(), existing ? 'unit-updated' : 'unit-created', {
    before: existing ? before : null,
    after: unit,
  });
  if (!(await deps.catalogue.saveUnit(unit, entry, revision)))
    throw new DomainError('CONFLICT', 'Đơn vị vừa được người khác thay đổi, vui lòng thử lại');
  return unit;
}

// ---------------------------------------------------------------------------------------------------------------
// Imports: a whole file checked before anything is stored, every error named by its row and column.

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

/** A year's clusters/blocks with their members, head and deputy (the unit's default cluster where none is set). */
export async function yearClusters(deps: Deps, campaignId: string, year: number) {
  const campaign = await loadCampaign(deps, campaignId);
  const cy = await loadCampaignYear(deps, campaign, year);
  const stored = await deps.catalogue.getYearClusters(campaign.campaignId, year);
  if (stored) return { campaignId: campaign.campaignId, year, source: 'year', clusters: stored.clusters };
  // No clusters set for the year: the units' own clusters, with the names the campaign gives them.
  const units = await unitsOfYear(deps, campaign.campaignId, cy);
  const clusters = campaign.clusters
    .map((c) => ({
      clusterId: c.clusterId,
      name: c.name,
      head: null,
      deputy: null,
      members: units.filter((u) => u.cluster === c.clusterId).map((u) => u.unitId),
    }))
    .filter((c) => c.members.length);
  return { campaignId: campaign.campaignId, year, source: 'units', clusters };
}

// ---------------------------------------------------------------------------------------------------------------
// Results over the years, following lineage.

const AWARD_ORDER: Award[] = ['co-thi-dua', 'bang-khen', null];
const MAX_RESULT_YEARS = 30;

export async function unitResults(
  deps: Deps,
  unitId: string,
  params: { from?: number; to?: number; campaignId?: string },
) {
  const campaign = await loadCampaign(deps, params.campaignId);
  const [unit, all] = await Promise.all([loadUnit(deps, unitId), deps.catalogue.listUnits({})]);
  const from = params.from ?? campaign.firstYear;
  const to = params.to ?? (await currentYearOf(deps, campaign));
  if (from > to) throw invalid('from', 'không được sau năm kết thúc (to)');
  if (to - from + 1 > MAX_RESULT_YEARS) throw invalid('to', `tối đa ${MAX_RESULT_YEARS} năm một lần`);
  const lineage = campaign.lineage ?? DEFAULT_LINEAGE;
  const byId = new Map(all.map((u) => [u.unitId, u]));
  const shares = lineageShares(all);
  const results = new Map<number, Promise<{ cutOff: string; byUnit: Map<string, RankingEntry> } | null>>();
  const yearResults = (year: number) => {
    if (!results.has(year))
      results.set(
        year,
        Promise.all([
          deps.catalogue.getCampaignYear(campaign.campaignId, year),
          deps.results.readResults(campaign.campaignId, year),
        ]).then(([cy, r]) =>
          r
            ? {
                cutOff: cutOffOf({ year, cutOff: cy?.cutOff }),
                byUnit: new Map(r.rankings.map((e) => [e.unitId, e])),
              }
            : null,
        ),
      );
    return results.get(year)!;
  };

  interface YearResult {
    year: number;
    derived: boolean;
    totalCenti: number | null;
    maxCenti: number | null;
    metAllTargets: boolean | null;
    levelRank: number | null;
    clusterRank: number | null;
    award: Award;
    awardInherited: boolean;
    /** Its own result in a year it was formed, carried from predecessors that ceased that year. */
    carriedFrom: string[] | null;
    predecessors: Array<{ unitId: string; name: string; share: number; totalPoints: number | null; derived: boolean }>;
  }
  const none = (year: number): YearResult => ({
    year,
    derived: false,
    totalCenti: null,
    maxCenti: null,
    metAllTargets: null,
    levelRank: null,
    clusterRank: null,
    award: null,
    awardInherited: false,
    carriedFrom: null,
    predecessors: [],
  });
  // A unit's own result where it was ranked; before it existed, its predecessors' (their own or derived in turn).
  const resultOf = async (id: string, year: number): Promise<YearResult> => {
    const r = await yearResults(year);
    const own = r?.byUnit.get(id);
    if (own)
      return {
        ...none(year),
        totalCenti: Math.round(own.totalPoints * 100),
        maxCenti: Math.round(own.maxPoints * 100),
        metAllTargets: own.metAllTargets,
        levelRank: own.levelRank,
        clusterRank: own.clusterRank,
        award: own.award,
        carriedFrom: own.carriedFrom ?? null,
      };
    const u = byId.get(id);
    const day = r?.cutOff ?? `${year}-12-31`;
    if (!u || day >= u.validFrom || u.predecessors.length === 0 || lineage.rule === 'none') return none(year);
    const parts = await Promise.all(
      (shares.get(id) ?? []).map(async (s) => ({ share: s, result: await resultOf(s.unitId, year) })),
    );
    const counted = parts.filter((p) => p.result.totalCenti !== null);
    const derived = deriveResult(
      lineage.rule,
      counted.map((p) => ({
        unitId: p.share.unitId,
        totalCenti: p.result.totalCenti!,
        maxCenti: p.result.maxCenti!,
        metAllTargets: p.result.metAllTargets,
        shareMicro: p.share.shareMicro,
      })),
    );
    const inherited = lineage.inheritAwards
      ? (AWARD_ORDER.find((a) => a && counted.some((p) => p.result.award === a)) ?? null)
      : null;
    return {
      ...none(year),
      derived: derived !== null,
      totalCenti: derived?.totalCenti ?? null,
      maxCenti: derived?.maxCenti ?? null,
      metAllTargets: derived?.metAllTargets ?? null,
      award: inherited,
      awardInherited: inherited !== null,
      predecessors: parts.map((p) => ({
        unitId: p.share.unitId,
        name: byId.get(p.share.unitId)?.name ?? p.share.unitId,
        share: p.share.shareMicro / 1_000_000,
        totalPoints: p.result.totalCenti === null ? null : p.result.totalCenti / 100,
        derived: p.result.derived,
      })),
    };
  };
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const items = await Promise.all(years.map((y) => resultOf(unitId, y)));
  return {
    campaignId: campaign.campaignId,
    unitId,
    name: unit.name,
    lineageRule: lineage.rule,
    inheritAwards: lineage.inheritAwards,
    items: items.map(({ totalCenti, maxCenti, ...r }) => ({
      ...r,
      totalPoints: totalCenti === null ? null : totalCenti / 100,
      maxPoints: maxCenti === null ? null : maxCenti / 100,
      awardName: r.award ? AWARD_NAMES[r.award] : null,
    })),
  };
}
