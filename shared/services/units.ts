/**
 * Units over time: the units of a year, a unit with its lineage both ways, admin changes checked as a whole lineage,
 * and a year's clusters/blocks with their heads. Sheet imports of units and clusters are in unit-imports.ts, a unit's
 * results over the years in unit-results.ts.
 */

import { assertAllCampaigns } from '../domain/auth.js';
import { sameData } from '../domain/canonical.js';
import { DomainError, type FieldIssue, invalid, invalidFields } from '../domain/errors.js';
import { DEFAULT_KIND, lineageProblems, lineageShares, RELATION_LABELS, withUnitDefaults } from '../domain/lineage.js';
import { unitBodySchema } from '../domain/schemas.js';
import { type Actor, type Level, UNIT_KIND_LABELS, type Unit } from '../domain/types.js';
import { parseOrThrow } from '../domain/validation.js';
import type { Deps, PageQuery } from '../ports/index.js';
import {
  auditEntry,
  currentYearOf,
  cutOffOf,
  loadCampaign,
  loadCampaignYear,
  loadUnit,
  presentHistory,
  unitsOfYear,
  yearClustersOf,
} from './context.js';

export const UNIT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

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
export function unitFrom(unitId: string, body: ReturnType<typeof parseUnitBody>, existing: Unit | null): Unit {
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
export const parseUnitBody = (raw: unknown) => ({ unitId: '', ...parseOrThrow(unitBodySchema, raw) });

/**
 * Problems a change brings into the lineage (the stored lineage's own problems are not this change's to answer
 * for), and the parent check: the unit above must exist.
 */
export function newProblems(before: Unit[], after: Unit[]) {
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
