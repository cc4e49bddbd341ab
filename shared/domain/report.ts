/** The year-end report (báo cáo tổng kết): city summary per level and ranking tables, with Vietnamese headers. */

import { AWARD_DECIDED_BY_LABELS, AWARD_NAMES, NOT_PROPOSED_LABELS } from './awards.js';
import { criteriaForLevel } from './criteria.js';
import { targetFor, targetText } from './kinds/index.js';
import { LEVEL_LABELS, levelLabelsOn } from './levels.js';
import type { RankingEntry } from './ranking.js';
import type { UnitScore } from './scoring.js';
import { type CampaignYear, LEVELS, type Level, type Unit } from './types.js';

export interface CriterionSummary {
  criterionId: string;
  title: string;
  target: number | null;
  /** The target in words ("90%", "≥ 2 lớp"). */
  targetText: string | null;
  /** Units of the level the criterion applied to. */
  applicable: number;
  met: number;
  shareMet: number | null;
  /** Mean of the approved ratios (ratio criteria only). */
  averageRatio: number | null;
}
export interface LevelSummary {
  level: Level;
  levelName: string;
  units: number;
  metAllTargets: number;
  criteria: CriterionSummary[];
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function summarize(units: Unit[], scores: UnitScore[], cy: CampaignYear): LevelSummary[] {
  const labels = levelLabelsOn(cy.cutOff ?? `${cy.year}-12-31`);
  const levelOf = new Map(units.map((u) => [u.unitId, u.level]));
  const byLevel = new Map<Level, UnitScore[]>();
  for (const s of scores) {
    const level = levelOf.get(s.unitId)!;
    const list = byLevel.get(level);
    if (list) list.push(s);
    else byLevel.set(level, [s]);
  }
  return LEVELS.flatMap((level) => {
    const levelScores = byLevel.get(level) ?? [];
    if (levelScores.length === 0) return [];
    // One pass over the level's scores, tallied per criterion.
    const tally = new Map<string, { applicable: number; met: number; ratioMicroSum: number; ratios: number }>();
    for (const s of levelScores) {
      for (const c of s.criteria) {
        let t = tally.get(c.criterionId);
        if (!t) {
          t = { applicable: 0, met: 0, ratioMicroSum: 0, ratios: 0 };
          tally.set(c.criterionId, t);
        }
        t.applicable++;
        if (c.met === true) t.met++;
        if (c.ratio !== null) {
          t.ratioMicroSum += c.ratioMicro;
          t.ratios++;
        }
      }
    }
    const criteria = criteriaForLevel(cy, level).map((c) => {
      const t = tally.get(c.criterionId) ?? { applicable: 0, met: 0, ratioMicroSum: 0, ratios: 0 };
      const target = targetFor(c, level);
      return {
        criterionId: c.criterionId,
        title: c.title,
        target,
        targetText: targetText(c, level),
        applicable: t.applicable,
        met: t.met,
        shareMet: t.applicable && target !== null ? round4(t.met / t.applicable) : null,
        averageRatio: t.ratios ? round4(t.ratioMicroSum / t.ratios / 1_000_000) : null,
      };
    });
    return [
      {
        level,
        levelName: labels[level],
        units: levelScores.length,
        metAllTargets: levelScores.filter((s) => s.metAllTargets).length,
        criteria,
      },
    ];
  });
}

export const percent = (x: number | null): string =>
  x === null ? '' : `${(Math.round(x * 1000) / 10).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;

/** How a column's numbers read: whole counts, points (2 decimals), a share (0..1, as a percentage), an index. */
export type ColumnFormat = 'text' | 'count' | 'points' | 'percent' | 'index';

export interface ReportTable {
  title: string;
  headers: string[];
  /** One per column; numbers stay numbers (a spreadsheet shows them by this), null is an empty cell. */
  formats: ColumnFormat[];
  rows: Array<Array<string | number | null>>;
}

/** A cell as text, the way CSV and JSON readers see it: shares as percentages, an index with 4 decimals. */
export function cellText(value: string | number | null, format: ColumnFormat): string | number {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (format === 'percent') return percent(value);
  if (format === 'index') return value.toFixed(4).replace('.', ',');
  return value;
}

/** Whether a unit met its targets, as a table says it: a level without targets says so, never "Có". */
export const targetsMetText = (met: boolean | null) => (met === null ? 'Không có chỉ tiêu' : met ? 'Có' : 'Không');

/** The award column: the award, and a tie at a quota the vote or the admin decides. */
export const awardText = (r: Pick<RankingEntry, 'award' | 'tiedFor'>) =>
  [
    r.award ? AWARD_NAMES[r.award] : '',
    r.tiedFor ? `Đồng hạng ở ngưỡng ${AWARD_NAMES[r.tiedFor]} — đề nghị bình xét` : '',
  ]
    .filter(Boolean)
    .join('; ');

export function reportTables(
  summary: LevelSummary[],
  rankings: RankingEntry[],
  clusterNames: Record<string, string> = {},
  options: { codes?: boolean; levelLabels?: Record<Level, string> } = {},
): ReportTable[] {
  const levelLabel = options.levelLabels ?? LEVEL_LABELS;
  // Internal codes (criterion and unit ids) only when asked for: a secretary's table names things.
  const code = <T>(x: T[]): T[] => (options.codes ? x : []);
  const summaryTable: ReportTable = {
    title: 'Tổng hợp kết quả theo cấp',
    headers: [
      'Cấp',
      ...code(['Mã tiêu chí']),
      'Tiêu chí',
      'Chỉ tiêu',
      'Số đơn vị áp dụng',
      'Số đơn vị đạt',
      'Tỷ lệ đơn vị đạt',
      'Tỷ lệ trung bình',
    ],
    formats: ['text', ...code<ColumnFormat>(['text']), 'text', 'text', 'count', 'count', 'percent', 'percent'],
    rows: summary.flatMap((s) =>
      s.criteria.map((c) => [
        s.levelName,
        ...code([c.criterionId]),
        c.title,
        c.targetText ?? '',
        c.applicable,
        c.met,
        c.shareMet,
        c.averageRatio,
      ]),
    ),
  };
  // Index-style campaigns rank by the index: it leads the figures, with 4 decimals as the DTI shows it.
  const byIndex = rankings.some((r) => r.index !== undefined);
  const rankingTable: ReportTable = {
    title: 'Bảng xếp hạng thi đua',
    headers: [
      'Cấp',
      'Cụm/Khối thi đua',
      'Hạng trong cụm/khối',
      'Hạng trong cấp',
      ...code(['Mã đơn vị']),
      'Tên đơn vị',
      ...(byIndex ? ['Chỉ số'] : []),
      'Tổng điểm',
      'Điểm tối đa',
      'Đạt tất cả chỉ tiêu',
      'Đề nghị khen thưởng',
      'Căn cứ, lý do',
    ],
    formats: [
      'text',
      'text',
      'count',
      'count',
      ...code<ColumnFormat>(['text']),
      'text',
      ...(byIndex ? (['index'] as const) : []),
      'points',
      'points',
      'text',
      'text',
      'text',
    ],
    rows: [...rankings]
      .sort(
        (a, b) =>
          LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
          (a.cluster ?? '').localeCompare(b.cluster ?? '') ||
          (a.clusterRank ?? a.levelRank) - (b.clusterRank ?? b.levelRank),
      )
      .map((r) => [
        levelLabel[r.level],
        r.cluster ? (clusterNames[r.cluster] ?? r.cluster) : '',
        r.clusterRank,
        r.levelRank,
        ...code([r.unitId]),
        r.name,
        ...(byIndex ? [r.index ?? 0] : []),
        r.totalPoints,
        r.maxPoints,
        targetsMetText(r.metAllTargets),
        awardText(r),
        r.award && r.basis
          ? AWARD_DECIDED_BY_LABELS[r.basis.decidedBy]
          : r.notProposed.map((n) => NOT_PROPOSED_LABELS[n]).join('; '),
      ]),
  };
  return [summaryTable, rankingTable];
}

/**
 * A text a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage return) gets a
 * leading apostrophe, as OWASP's CSV-injection guidance says; numbers stay numbers, negative ones included.
 */
export const neutraliseFormula = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const csvCell = (v: string | number) => {
  const s =
    typeof v === 'number'
      ? v.toLocaleString('vi-VN', { useGrouping: false, maximumFractionDigits: 2 })
      : neutraliseFormula(v);
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * CSV with a BOM so spreadsheet programs read UTF-8; tables one after another, each under its title. `;` is what
 * Excel expects in Vietnamese regional settings (where `,` is the decimal mark).
 */
export function toCsv(heading: string[], tables: ReportTable[], separator: ',' | ';' = ','): string {
  const lines = heading.map((h) => csvCell(h));
  for (const t of tables) {
    lines.push(
      '',
      csvCell(t.title),
      t.headers.map(csvCell).join(separator),
      ...t.rows.map((r) => r.map((v, i) => csvCell(cellText(v, t.formats[i] ?? 'text'))).join(separator)),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
