/**
 * Units over time (the two-tier reform of 1/7/2025 and whatever comes next): each unit is valid from a date to a
 * date, and names the predecessors it was formed from with the share of each that went into it. Checks of a
 * lineage, the effective shares, and results derived from predecessors for years before a unit existed.
 */
import type { FieldIssue } from './errors.js';
import { centi } from './exact.js';
import type { UnitScore } from './scoring.js';
import type { Level, Relation, Unit, UnitKind } from './types.js';

/** The kind a unit of a level has unless it says otherwise. */
export const DEFAULT_KIND: Record<Level, UnitKind> = {
  department: 'so',
  district: 'huyen',
  commune: 'xa',
  enterprise: 'doanh-nghiep',
};

/** A unit with its lifetime fields filled in where left out: no code, the level's kind, valid since 1990, no lineage. */
export const withUnitDefaults = (u: Pick<Unit, 'unitId' | 'name' | 'level'> & Partial<Unit>): Unit => ({
  parentId: null,
  cluster: null,
  code: null,
  kind: DEFAULT_KIND[u.level],
  validFrom: '1990-01-01',
  validTo: null,
  predecessors: [],
  ...u,
});

export const RELATION_LABELS: Record<Relation, string> = {
  merged: 'sáp nhập',
  split: 'một phần (chia tách)',
  renamed: 'đổi tên',
  absorbed: 'nhập vào',
};

export const LINEAGE_RULES = ['mean', 'weighted', 'none'] as const;
/** How a unit's results before it existed are derived from its predecessors' (a campaign setting). */
export type LineageRule = (typeof LINEAGE_RULES)[number];
export const LINEAGE_RULE_LABELS: Record<LineageRule, string> = {
  mean: 'trung bình cộng',
  weighted: 'bình quân theo tỷ trọng',
  none: 'không kế thừa',
};

const MICRO = 1_000_000;

/** Whether the unit exists at some time in the year (it may report for it). */
export const validDuring = (unit: Pick<Unit, 'validFrom' | 'validTo'>, year: number): boolean =>
  unit.validFrom <= `${year}-12-31` && (unit.validTo === null || unit.validTo >= `${year}-01-01`);

/** Whether the unit exists on `date` (yyyy-mm-dd): from validFrom to validTo, both included. */
export const validOn = (unit: Pick<Unit, 'validFrom' | 'validTo'>, date: string): boolean =>
  unit.validFrom <= date && (unit.validTo === null || date <= unit.validTo);

/** Whether two units' validity overlaps. */
const overlap = (a: Unit, b: Unit) =>
  a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');

/** A problem of one unit's row, named by its field. */
export interface LineageIssue extends FieldIssue {
  unitId: string;
}

/**
 * Every problem of a set of units taken together: unknown predecessors, cycles, a successor valid before its
 * predecessor ended, the shares of one predecessor over its successors above 1, a unit that went whole into one
 * successor named by another, a code held by two units at once.
 */
export function lineageProblems(units: Unit[]): LineageIssue[] {
  const byId = new Map(units.map((u) => [u.unitId, u]));
  const issues: LineageIssue[] = [];
  const add = (unitId: string, field: string, message: string) => issues.push({ unitId, field, message });

  for (const u of units) {
    if (u.validTo !== null && u.validTo < u.validFrom) add(u.unitId, 'validTo', 'không được trước ngày bắt đầu');
    const seen = new Set<string>();
    u.predecessors.forEach((p, i) => {
      const pred = byId.get(p.unitId);
      if (seen.has(p.unitId)) add(u.unitId, `predecessors.${i}.unitId`, `đơn vị ${p.unitId} bị lặp lại`);
      seen.add(p.unitId);
      if (p.unitId === u.unitId) add(u.unitId, `predecessors.${i}.unitId`, 'không được là chính đơn vị');
      else if (!pred) add(u.unitId, `predecessors.${i}.unitId`, `đơn vị tiền thân ${p.unitId} không tồn tại`);
      else if (pred.validTo === null)
        add(
          u.unitId,
          `predecessors.${i}.unitId`,
          `đơn vị tiền thân ${p.unitId} vẫn đang hoạt động (chưa có ngày kết thúc)`,
        );
      else if (u.validFrom <= pred.validTo)
        add(u.unitId, 'validFrom', `phải sau ngày đơn vị tiền thân ${p.unitId} kết thúc (${pred.validTo})`);
    });
  }

  // Cycles: a walk back through predecessors that comes round to where it started.
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      const cycle = [...path.slice(path.indexOf(id)), id];
      add(cycle[0]!, 'predecessors', `tạo thành vòng lặp tiền thân: ${cycle.join(' → ')}`);
      return;
    }
    state.set(id, 'open');
    for (const p of byId.get(id)?.predecessors ?? []) if (byId.has(p.unitId)) visit(p.unitId, [...path, id]);
    state.set(id, 'done');
  };
  for (const u of units) visit(u.unitId, []);

  // Shares: what of one predecessor went into all its successors together is at most the whole of it.
  const given = new Map<string, number>();
  for (const u of units)
    for (const p of u.predecessors)
      if (p.weight !== null) given.set(p.unitId, (given.get(p.unitId) ?? 0) + toMicro(p.weight));
  for (const u of units)
    u.predecessors.forEach((p, i) => {
      if (p.weight !== null && (given.get(p.unitId) ?? 0) > MICRO)
        add(u.unitId, `predecessors.${i}.weight`, `tổng tỷ trọng của ${p.unitId} ở các đơn vị kế thừa vượt quá 1`);
    });

  // Whole: a predecessor that went whole into a successor (merged, renamed, absorbed) went into no other.
  const wholeInto = new Map<string, string[]>();
  for (const u of units)
    for (const p of u.predecessors)
      if (p.relation !== 'split') wholeInto.set(p.unitId, [...(wholeInto.get(p.unitId) ?? []), u.unitId]);
  for (const u of units)
    u.predecessors.forEach((p, i) => {
      const taker = wholeInto.get(p.unitId)?.find((w) => w !== u.unitId);
      if (taker)
        add(
          u.unitId,
          `predecessors.${i}.unitId`,
          `đơn vị ${p.unitId} đã nhập toàn bộ vào ${taker}, không chia cho đơn vị khác`,
        );
    });

  // Codes: one code, one unit at a time (a renamed unit keeps its code only after the old one ended).
  const byCode = new Map<string, Unit[]>();
  for (const u of units) if (u.code) byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
  for (const holders of byCode.values())
    for (const [i, a] of holders.entries())
      for (const b of holders.slice(i + 1))
        if (overlap(a, b)) add(b.unitId, 'code', `mã ${b.code} đã dùng cho đơn vị ${a.unitId} trong cùng thời gian`);
  return issues;
}

const toMicro = (weight: number) => Math.round(weight * MICRO);

/**
 * The share (in millionths) of each predecessor that went into each successor: the stated weight, or else an
 * equal part of what the stated weights leave of that predecessor.
 */
export function lineageShares(units: Unit[]): Map<string, Array<{ unitId: string; shareMicro: number }>> {
  const stated = new Map<string, number>();
  const unstated = new Map<string, number>();
  for (const u of units)
    for (const p of u.predecessors)
      if (p.weight === null) unstated.set(p.unitId, (unstated.get(p.unitId) ?? 0) + 1);
      else stated.set(p.unitId, (stated.get(p.unitId) ?? 0) + toMicro(p.weight));
  return new Map(
    units.map((u) => [
      u.unitId,
      u.predecessors.map((p) => ({
        unitId: p.unitId,
        shareMicro:
          p.weight !== null
            ? toMicro(p.weight)
            : Math.floor(Math.max(0, MICRO - (stated.get(p.unitId) ?? 0)) / unstated.get(p.unitId)!),
      })),
    ]),
  );
}

/** One predecessor's result in a year, as integer hundredths of a point, with its share in the successor. */
export interface PredecessorResult {
  unitId: string;
  totalCenti: number;
  maxCenti: number;
  metAllTargets: boolean | null;
  shareMicro: number;
}

/** Targets of several results together: any not met is not met; none with targets is none (null). */
export const allTargetsMet = (parts: Array<boolean | null>): boolean | null =>
  parts.some((m) => m === false) ? false : parts.some((m) => m === true) ? true : null;

/**
 * A result derived from predecessors' under the campaign's rule, exactly: `mean` is the arithmetic mean (as the
 * national DTI 2024 ranking did for merged provinces), `weighted` the mean weighted by the shares, both rounded
 * half up to the hundredth; `none` derives nothing. Null when nothing can be derived.
 */
export function deriveResult(
  rule: LineageRule,
  parts: PredecessorResult[],
): { totalCenti: number; maxCenti: number; metAllTargets: boolean | null } | null {
  if (rule === 'none' || parts.length === 0) return null;
  const weightOf = (p: PredecessorResult) => (rule === 'mean' ? 1 : p.shareMicro);
  const weights = parts.reduce((sum, p) => sum + weightOf(p), 0);
  if (weights === 0) return null;
  const total = BigInt(weights);
  // Σ wᵢ·vᵢ / Σ wᵢ in BigInt, rounded half up once at the end: no intermediate is ever rounded.
  const meanOf = (value: (p: PredecessorResult) => number) =>
    Number((2n * parts.reduce((sum, p) => sum + BigInt(value(p)) * BigInt(weightOf(p)), 0n) + total) / (2n * total));
  return {
    totalCenti: meanOf((p) => p.totalCenti),
    maxCenti: meanOf((p) => p.maxCenti),
    metAllTargets: allTargetsMet(parts.map((p) => p.metAllTargets)),
  };
}

/**
 * The score of a unit formed during the year that has no approved figure of its own: the scores of its
 * predecessors that ceased during the year and had figures, carried by the rule. Null when there are none.
 */
export function carriedScore(
  unitId: string,
  year: number,
  rule: LineageRule,
  shares: Array<{ unitId: string; shareMicro: number }>,
  ceasedScores: Map<string, UnitScore>,
): (UnitScore & { carriedFrom: string[] }) | null {
  const parts = shares.flatMap((p) => {
    const s = ceasedScores.get(p.unitId);
    return s
      ? [
          {
            unitId: p.unitId,
            totalCenti: s.totalCenti,
            maxCenti: centi(s.maxPoints),
            metAllTargets: s.metAllTargets,
            shareMicro: p.shareMicro,
          },
        ]
      : [];
  });
  const derived = deriveResult(rule, parts);
  if (!derived) return null;
  return {
    unitId,
    year,
    totalPoints: derived.totalCenti / 100,
    maxPoints: derived.maxCenti / 100,
    metAllTargets: derived.metAllTargets,
    approvedFigures: parts.reduce((n, p) => n + ceasedScores.get(p.unitId)!.approvedFigures, 0),
    criteria: [],
    missing: [],
    totalCenti: derived.totalCenti,
    ratioSumMicro: 0,
    indexMicro: derived.maxCenti ? Math.round((derived.totalCenti * 1_000_000) / derived.maxCenti) : 0,
    carriedFrom: parts.map((p) => p.unitId),
  };
}
