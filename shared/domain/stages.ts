/**
 * The stages of a year's bình xét round on its calendar (Law 06/2022/QH15, Decree 98/2023/NĐ-CP): units score
 * themselves with evidence, the cluster heads cross-check (kiểm tra chéo), provisional results are published and
 * units may object (kiến nghị), the clusters meet and vote (bình xét), the Ban Thi đua - Khen thưởng finalizes.
 * The first two windows are the calendar's reporting and review windows; the round's later stages are optional
 * instants of the calendar (a year without them has no objections or votes, as before the round was modelled).
 */
import type { Calendar } from './types.js';

export const ROUND_STAGES = ['cross-check', 'objections', 'meetings', 'finalization'] as const;
/** cross-check = kiểm tra chéo của trưởng cụm, objections = kiến nghị, meetings = họp cụm bình xét, finalization = chốt */
export type RoundStage = (typeof ROUND_STAGES)[number];

export const ROUND_STAGE_LABELS: Record<RoundStage, string> = {
  'cross-check': 'Kiểm tra chéo của trưởng cụm, khối',
  objections: 'Tiếp nhận kiến nghị về kết quả tạm tính',
  meetings: 'Họp cụm, khối bình xét (bỏ phiếu kín)',
  finalization: 'Ban Thi đua - Khen thưởng chốt kết quả',
};

/** The calendar fields of the round, in their order on the calendar. */
export const ROUND_FIELDS = [
  'crossCheckClosesAt',
  'objectionsOpenAt',
  'objectionsCloseAt',
  'meetingsOpenAt',
  'meetingsCloseAt',
] as const;
export type RoundField = (typeof ROUND_FIELDS)[number];
/** The round's calendar fields as the admin's calendar form names them. */
export const ROUND_FIELD_LABELS: Record<RoundField, string> = {
  crossCheckClosesAt: 'Kết thúc kiểm tra chéo của trưởng cụm',
  objectionsOpenAt: 'Mở nhận kiến nghị',
  objectionsCloseAt: 'Hạn gửi kiến nghị',
  meetingsOpenAt: 'Bắt đầu họp cụm bình xét',
  meetingsCloseAt: 'Kết thúc họp cụm bình xét',
};

export const hasRound = (c: Calendar): c is Calendar & Record<RoundField, string> =>
  ROUND_FIELDS.every((f) => typeof c[f] === 'string');

/**
 * When a stage is open: [opens, closes) as instants (null: no bound). Heads cross-check while reports come in and
 * until their deadline (the review window where the year has no round); objections and meetings only in a round;
 * finalization after the meetings (any time in a year without a round).
 */
export function stageWindow(
  c: Calendar,
  stage: RoundStage,
): { opensAt: string | null; closesAt: string | null } | null {
  const round = hasRound(c);
  switch (stage) {
    case 'cross-check':
      return { opensAt: c.submissionOpensAt, closesAt: round ? c.crossCheckClosesAt! : c.reviewClosesAt };
    case 'objections':
      return round ? { opensAt: c.objectionsOpenAt!, closesAt: c.objectionsCloseAt! } : null;
    case 'meetings':
      return round ? { opensAt: c.meetingsOpenAt!, closesAt: c.meetingsCloseAt! } : null;
    case 'finalization':
      return { opensAt: round ? c.meetingsCloseAt! : null, closesAt: null };
  }
}

/** Whether an instant falls in the stage's window (an admin's reopening, until its end, counts as open). */
export function stageOpenAt(c: Calendar, stage: RoundStage, now: Date, reopenedUntil: string | null = null): boolean {
  if (reopenedUntil && Date.parse(reopenedUntil) > now.getTime()) return true;
  const w = stageWindow(c, stage);
  if (!w) return false;
  const t = now.getTime();
  return (w.opensAt === null || t >= Date.parse(w.opensAt)) && (w.closesAt === null || t < Date.parse(w.closesAt));
}

/** Whether the stage has ended (the vote's tally and result are shown only then). */
export function stageEnded(c: Calendar, stage: RoundStage, now: Date): boolean {
  const closesAt = stageWindow(c, stage)?.closesAt;
  return !!closesAt && now.getTime() >= Date.parse(closesAt);
}

/** The round's order: reporting closes ≤ cross-check ends ≤ review ends; objections, then the meetings, in the year. */
export function roundProblems(c: Calendar): Array<{ field: string; message: string }> {
  const given = ROUND_FIELDS.filter((f) => c[f] !== undefined);
  if (given.length === 0) return [];
  if (given.length < ROUND_FIELDS.length)
    return ROUND_FIELDS.filter((f) => c[f] === undefined).map((f) => ({
      field: `calendar.${f}`,
      message: 'là bắt buộc khi lịch có vòng bình xét (kiểm tra chéo, kiến nghị, họp cụm)',
    }));
  const t = (f: keyof Calendar) => Date.parse(c[f]!);
  const rules: Array<[RoundField, boolean, string]> = [
    ['crossCheckClosesAt', t('submissionClosesAt') <= t('crossCheckClosesAt'), 'phải sau hạn nộp báo cáo'],
    ['crossCheckClosesAt', t('crossCheckClosesAt') <= t('reviewClosesAt'), 'phải trước khi kết thúc thẩm định'],
    ['objectionsOpenAt', t('crossCheckClosesAt') <= t('objectionsOpenAt'), 'phải sau khi kết thúc kiểm tra chéo'],
    ['objectionsCloseAt', t('objectionsOpenAt') < t('objectionsCloseAt'), 'phải sau thời điểm mở nhận kiến nghị'],
    ['meetingsOpenAt', t('objectionsCloseAt') <= t('meetingsOpenAt'), 'phải sau hạn nhận kiến nghị'],
    ['meetingsCloseAt', t('meetingsOpenAt') < t('meetingsCloseAt'), 'phải sau thời điểm bắt đầu họp cụm'],
  ];
  return rules.filter(([, ok]) => !ok).map(([f, , message]) => ({ field: `calendar.${f}`, message }));
}
