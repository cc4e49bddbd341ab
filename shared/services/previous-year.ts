/**
 * A report beside last year's figure for the same slot, following the lineage: the unit's own where it reported; for
 * a unit formed since (Phường Hồng Bàng, formed on 1/7/2025 from seven wards), its predecessors' — each named, with
 * its share — and their figures combined by the campaign's lineage rule.
 */
import { lineageShares, validDuring } from '../domain/lineage.js';
import type { Actor, FigureValue, Submission } from '../domain/types.js';
import type { Deps } from '../ports/index.js';
import { loadCampaign, loadUnit } from './context.js';
import { getSubmission } from './submission-reads.js';

/** The figure that counts of a version: the reviewer's correction where there is one. */
const counted = (s: Submission): FigureValue => s.review?.correctedValue ?? s.value;

const MICRO = 1_000_000;

/** A number a value stands for where values can be combined: a ratio's share, a count. */
function measureOf(v: FigureValue): number | null {
  if (v.kind === 'ratio') return v.denominator ? v.numerator / v.denominator : null;
  if (v.kind === 'count') return v.count;
  return null;
}

export async function previousYearFigure(deps: Deps, actor: Actor, submissionId: string) {
  const s = await getSubmission(deps, actor, submissionId);
  const campaign = await loadCampaign(deps, s.campaignId);
  const year = s.year - 1;
  const cy = year >= campaign.firstYear ? await deps.catalogue.getCampaignYear(campaign.campaignId, year) : null;
  const figureOf = async (unitId: string) => {
    const v = await deps.submissions.latestInSlot({ campaignId: campaign.campaignId, year, unitId, slotId: s.slotId });
    return v && v.status !== 'superseded' ? { value: counted(v), status: v.status } : null;
  };
  const base = { year, submissionId, criterionId: s.criterionId, hasYear: cy !== null };
  if (!cy) return { ...base, own: null, predecessors: [], combined: null };
  const unit = await loadUnit(deps, s.unitId);
  const own = validDuring(unit, year) ? await figureOf(unit.unitId) : null;
  // Formed since the start of last year and without a figure of its own then: its predecessors stood for it.
  if (own || unit.predecessors.length === 0 || unit.validFrom <= `${year}-01-01`)
    return { ...base, own, predecessors: [], combined: null };
  const all = await deps.catalogue.listUnits({});
  const names = new Map(all.map((u) => [u.unitId, u.name]));
  const shares = new Map((lineageShares(all).get(unit.unitId) ?? []).map((p) => [p.unitId, p.shareMicro]));
  const predecessors = await Promise.all(
    unit.predecessors.map(async (p) => ({
      unitId: p.unitId,
      name: names.get(p.unitId) ?? p.unitId,
      relation: p.relation,
      share: (shares.get(p.unitId) ?? 0) / MICRO,
      figure: await figureOf(p.unitId),
    })),
  );
  // Combined by the campaign's lineage rule, over the approved figures that can be combined.
  const rule = campaign.lineage?.rule ?? 'mean';
  const parts = predecessors.flatMap((p) => {
    const m = p.figure?.status === 'approved' ? measureOf(p.figure.value) : null;
    return m === null ? [] : [{ m, w: rule === 'weighted' ? p.share : 1, kind: p.figure!.value.kind }];
  });
  const weight = parts.reduce((a, p) => a + p.w, 0);
  const combined =
    rule !== 'none' && parts.length && weight > 0
      ? { rule, kind: parts[0]!.kind, value: parts.reduce((a, p) => a + p.m * p.w, 0) / weight, of: parts.length }
      : null;
  return { ...base, own: null, predecessors, combined };
}
