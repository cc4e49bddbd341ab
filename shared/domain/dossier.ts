/**
 * The award dossier (hồ sơ đề nghị khen thưởng) a cluster head sends up, as documents in the official forms of
 * Decree 98/2023/NĐ-CP (Appendix I): the Tờ trình (Form 01), the unit's Báo cáo thành tích (Form 02) and the
 * biên bản of the cluster's bình xét with its ballot result. Pure content: the renderers (DOCX, PDF) lay it out.
 */
import { localParts } from './calendar.js';
import type { MeetingMinutes } from './round.js';
import type { Level } from './types.js';

export type DossierBlock =
  /**
   * The two-column heading of a Vietnamese administrative document: the issuer's block left, the national motto
   * right; `superior`: the governing body above the issuer (cơ quan chủ quản).
   */
  | { kind: 'heading'; superior?: string; issuer: string[]; number: string; dateline: string }
  | { kind: 'title'; lines: string[] }
  | { kind: 'paragraph'; text: string; bold?: boolean; italic?: boolean; center?: boolean }
  | { kind: 'table'; headers: string[]; rows: string[][]; widths: number[] }
  /**
   * The signature row (Decree 30/2020, Annex I): the signer's block centred in the right half; in the left half the
   * recipients (Nơi nhận) of a letter, or a second signer (the secretary, Thư ký, of a biên bản).
   */
  | {
      kind: 'signature';
      role: string;
      name: string;
      /** How it is signed: "(Ký, ghi rõ họ tên, đóng dấu)" by default. */
      note?: string;
      recipients?: string[];
      second?: { role: string; name: string; note: string };
    }
  /** The visible mark of a digital signature (chữ ký số) on the signed PDF: who signed, when, how to check it. */
  | { kind: 'digital-signature'; lines: string[] };

export interface DossierDocument {
  /** Each part starts on a new page. */
  parts: Array<{ name: string; blocks: DossierBlock[] }>;
}

/** The PDF's fonts, from the dejavu-fonts-ttf package (DejaVu Serif has every Vietnamese glyph). */
export const DOSSIER_FONTS = ['DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSerif-Italic.ttf'] as const;

export const NATIONAL_MOTTO = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];

/**
 * "Hải Phòng, ngày 02 tháng 12 năm 2026": the place and the date of a document (Decree 30/2020/NĐ-CP: a day below
 * 10 and the months 1 and 2 are written with a leading zero).
 */
export function dateline(place: string, instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const day = p.day < 10 ? `0${p.day}` : String(p.day);
  const month = p.month <= 2 ? `0${p.month}` : String(p.month);
  return `${place}, ngày ${day} tháng ${month} năm ${p.year}`;
}

/** The place a province's documents are dated at: "Thành phố Hải Phòng" → "Hải Phòng", "Tỉnh Khánh Hòa" → "Khánh Hòa". */
export const placeOf = (province: string) => province.replace(/^(thành phố|tỉnh)\s+/i, '').trim();

export interface DossierFacts {
  campaign: { name: string; documentNumber: string; issuedOn: string; issuer: string; province: string };
  /** The Ban Thi đua - Khen thưởng that appraises the dossier: a recipient (Nơi nhận) of the Tờ trình. */
  board: string;
  year: number;
  award: string;
  status: 'provisional' | 'final';
  /** The unit, with its official code (mã hành chính / mã số thuế) where it has one. */
  unit: { unitId: string; name: string; code: string | null; level: Level };
  cluster: { name: string; headName: string | null };
  score: {
    totalPoints: number;
    maxPoints: number;
    metAllTargets: boolean | null;
    clusterRank: number | null;
    levelRank: number;
  };
  /** How the award was decided (the ranking, the cluster's vote, the admin on a tie), as the results say. */
  decidedBy: string;
  /** The run whose results the dossier states: its figures are the ranking's. */
  run: { finishedAtLocal: string; digest: string };
  criteria: Array<{ title: string; result: string; target: string; met: string; points: string }>;
  vote: {
    members: number;
    turnout: number;
    quorumNeeded: number;
    tally: Array<{ name: string; votes: number }> | null;
    votesForUnit: number | null;
    elected: string[] | null;
  } | null;
  minutes: Pick<MeetingMinutes, 'heldOn' | 'place' | 'chair' | 'secretary' | 'attendees' | 'notes'> | null;
  dateline: string;
}

const points = (n: number) => n.toFixed(2).replace('.', ',');
const dayText = (isoDate: string) => isoDate.split('-').reverse().join('/');
/** The kind of a document by its number's symbol (175/KH-UBND: Kế hoạch), as a legal reference names it. */
const DOCUMENT_KINDS: Record<string, string> = {
  KH: 'Kế hoạch',
  QĐ: 'Quyết định',
  QD: 'Quyết định',
  CT: 'Chỉ thị',
  NQ: 'Nghị quyết',
  HD: 'Hướng dẫn',
  CV: 'Công văn',
};
/** A legal reference in full (Decree 30/2020: kind, number, date, issuer, title): "Kế hoạch số 175/KH-UBND ngày …". */
export function legalReference(c: DossierFacts['campaign']): string {
  const symbol = /\/([A-ZĐ]+)-/.exec(c.documentNumber)?.[1] ?? '';
  const [y, m, d] = c.issuedOn.split('-');
  return `${DOCUMENT_KINDS[symbol] ?? 'Văn bản'} số ${c.documentNumber} ngày ${Number(d)}/${Number(m)}/${y} của ${c.issuer} về ${c.name}`;
}

const LAWS = [
  'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;',
  'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
];

/** The three parts of the dossier from what the platform recorded. */
export function buildDossier(f: DossierFacts): DossierDocument {
  const heading = (issuer: string[], number: string, superior?: string): DossierBlock => ({
    kind: 'heading',
    ...(superior && { superior }),
    issuer,
    number,
    dateline: f.dateline,
  });
  // Decree 30/2020: a public body's report names its governing body above it, in capitals, not bold — the province's
  // people's committee (UBND, as headings abbreviate it) over its departments and, in two-tier government, its
  // communes; an enterprise names none.
  const unitSuperior =
    f.unit.level === 'enterprise' ? undefined : f.campaign.issuer.replace(/^Ủy ban nhân dân/i, 'UBND').toUpperCase();
  const clusterIssuer = [
    f.cluster.name.toUpperCase(),
    f.cluster.headName ? `(${f.cluster.headName} – Trưởng cụm)` : '',
  ];
  const voteLine = f.vote?.turnout
    ? `Kết quả bỏ phiếu kín: ${f.vote.turnout}/${f.vote.members} đơn vị thành viên bỏ phiếu` +
      (f.vote.votesForUnit !== null
        ? `, ${f.unit.name} đạt ${f.vote.votesForUnit}/${f.vote.turnout} phiếu (${percentOf(f.vote.votesForUnit, f.vote.turnout)}).`
        : '.')
    : 'Cụm, khối chưa bỏ phiếu bình xét trên nền tảng; đề nghị căn cứ kết quả chấm điểm, xếp hạng.';
  const provisional = f.status === 'provisional' ? ['(Kết quả tạm tính — chưa chốt chính thức)'] : [];
  const rank =
    f.score.clusterRank !== null ? `xếp thứ ${f.score.clusterRank} trong cụm, khối` : `xếp thứ ${f.score.levelRank}`;

  const toTrinh: DossierBlock[] = [
    heading(clusterIssuer, `Số:      /TTr-CTĐ`),
    { kind: 'title', lines: ['TỜ TRÌNH', `Về việc đề nghị tặng ${f.award} năm ${f.year}`, ...provisional] },
    { kind: 'paragraph', text: `Kính gửi: Chủ tịch ${f.campaign.issuer}`, center: true },
    ...LAWS.map((text): DossierBlock => ({ kind: 'paragraph', text, italic: true })),
    { kind: 'paragraph', text: `Căn cứ ${legalReference(f.campaign)};`, italic: true },
    {
      kind: 'paragraph',
      text: `Căn cứ kết quả chấm điểm, kiểm tra chéo và bình xét thi đua năm ${f.year} của ${f.cluster.name}, trưởng cụm kính đề nghị Chủ tịch ${f.campaign.issuer} xem xét, tặng ${f.award} cho:`,
    },
    { kind: 'paragraph', text: f.unit.name, bold: true, center: true },
    {
      kind: 'paragraph',
      text: `Đơn vị đạt ${points(f.score.totalPoints)}/${points(f.score.maxPoints)} điểm, ${rank}, ${targetsText(f.score.metAllTargets)}. ${voteLine}`,
    },
    {
      kind: 'paragraph',
      text: 'Hồ sơ kèm theo: Báo cáo thành tích của đơn vị (Mẫu số 02); Biên bản họp bình xét của cụm, khối.',
    },
    {
      kind: 'signature',
      role: 'TRƯỞNG CỤM, KHỐI',
      name: f.cluster.headName ?? '',
      recipients: ['Như trên;', `${f.board};`, 'Lưu: VT.'],
    },
  ];

  const baoCao: DossierBlock[] = [
    heading([f.unit.name.toUpperCase()], 'Số:      /BC', unitSuperior),
    {
      kind: 'title',
      lines: ['BÁO CÁO THÀNH TÍCH', `ĐỀ NGHỊ TẶNG ${f.award.toUpperCase()} NĂM ${f.year}`, ...provisional],
    },
    {
      kind: 'paragraph',
      text: `Tên đơn vị: ${f.unit.name}${f.unit.code ? ` (mã ${f.unit.code})` : ''}, thuộc ${f.cluster.name}.`,
    },
    { kind: 'paragraph', text: 'I. THÀNH TÍCH ĐẠT ĐƯỢC', bold: true },
    {
      kind: 'paragraph',
      text: `Kết quả thực hiện các tiêu chí của ${f.campaign.name} (${f.campaign.documentNumber}) năm ${f.year}, theo số liệu đã được thẩm định:`,
    },
    {
      kind: 'table',
      headers: ['STT', 'Tiêu chí', 'Kết quả', 'Chỉ tiêu', 'Đánh giá', 'Điểm'],
      rows: f.criteria.map((c, i) => [String(i + 1), c.title, c.result, c.target, c.met, c.points]),
      widths: [8, 42, 13, 13, 12, 12],
    },
    {
      kind: 'paragraph',
      text: `Tổng điểm: ${points(f.score.totalPoints)}/${points(f.score.maxPoints)}; ${rank}.`,
      bold: true,
    },
    {
      kind: 'paragraph',
      text: `Số liệu theo kết quả tổng hợp, xếp hạng hoàn thành lúc ${f.run.finishedAtLocal} (mã kiểm chứng ${f.run.digest.slice(0, 16)}, đối chiếu được với bảng điểm công khai của đơn vị).`,
      italic: true,
    },
    { kind: 'paragraph', text: 'II. ĐỀ NGHỊ KHEN THƯỞNG', bold: true },
    { kind: 'paragraph', text: `Đề nghị tặng ${f.award} năm ${f.year} (${f.decidedBy.toLowerCase()}). ${voteLine}` },
    { kind: 'signature', role: 'THỦ TRƯỞNG ĐƠN VỊ', name: '' },
  ];

  const m = f.minutes;
  const bienBan: DossierBlock[] = [
    heading(clusterIssuer, 'Số:      /BB-CTĐ'),
    { kind: 'title', lines: ['BIÊN BẢN', `Họp bình xét thi đua năm ${f.year} của ${f.cluster.name}`, ...provisional] },
    ...(m
      ? [
          { kind: 'paragraph', text: `Thời gian: ngày ${dayText(m.heldOn)}. Địa điểm: ${m.place}.` } as DossierBlock,
          {
            kind: 'paragraph',
            text: `Chủ trì: ${m.chair}.${m.secretary ? ` Thư ký: ${m.secretary}.` : ''}`,
          } as DossierBlock,
          { kind: 'paragraph', text: `Thành phần tham dự: ${m.attendees.join('; ')}.` } as DossierBlock,
          ...(m.notes ? [{ kind: 'paragraph', text: m.notes } as DossierBlock] : []),
        ]
      : [
          {
            kind: 'paragraph',
            text: 'Trưởng cụm chưa ghi biên bản cuộc họp trên nền tảng.',
            italic: true,
          } as DossierBlock,
        ]),
    { kind: 'paragraph', text: 'KẾT QUẢ BỎ PHIẾU KÍN', bold: true },
    ...(f.vote
      ? [
          {
            kind: 'paragraph',
            text: `Số đơn vị thành viên: ${f.vote.members}; số phiếu thu về: ${f.vote.turnout}; số phiếu tối thiểu để cuộc bỏ phiếu có giá trị: ${f.vote.quorumNeeded}.`,
          } as DossierBlock,
          ...(f.vote.tally
            ? [
                {
                  kind: 'table',
                  headers: ['STT', 'Đơn vị được đề xuất', 'Số phiếu', 'Tỷ lệ'],
                  rows: f.vote.tally.map((t, i) => [
                    String(i + 1),
                    t.name,
                    String(t.votes),
                    percentOf(t.votes, f.vote!.turnout),
                  ]),
                  widths: [8, 56, 16, 20],
                } as DossierBlock,
              ]
            : [{ kind: 'paragraph', text: 'Cuộc bỏ phiếu chưa kết thúc: kết quả chưa được công bố.' } as DossierBlock]),
          {
            kind: 'paragraph',
            text: f.vote.elected
              ? `Kết luận: cụm, khối thống nhất đề nghị tặng Cờ thi đua cho: ${f.vote.elected.join('; ') || '(không có đơn vị đạt số phiếu cần thiết)'}.`
              : 'Kết luận: chưa có.',
            bold: true,
          } as DossierBlock,
        ]
      : [{ kind: 'paragraph', text: 'Chưa có phiếu bầu.' } as DossierBlock]),
    {
      kind: 'signature',
      role: 'CHỦ TRÌ',
      name: m?.chair ?? '',
      second: { role: 'THƯ KÝ', name: m?.secretary ?? '', note: '(Ký, ghi rõ họ tên)' },
    },
  ];
  return {
    parts: [
      { name: 'Mẫu số 01 — Tờ trình', blocks: toTrinh },
      { name: 'Mẫu số 02 — Báo cáo thành tích', blocks: baoCao },
      { name: 'Biên bản họp bình xét', blocks: bienBan },
    ],
  };
}

const targetsText = (met: boolean | null) =>
  met === null
    ? 'không có chỉ tiêu áp dụng cho cấp của đơn vị'
    : met
      ? 'hoàn thành toàn bộ chỉ tiêu'
      : 'chưa hoàn thành toàn bộ chỉ tiêu';

const percentOf = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1).replace('.', ',')}%` : '—');

/** The dossier as the board signs it: its last page ends with the visible mark of the digital signature. */
export function withDigitalSignature(
  document: DossierDocument,
  signer: string,
  signedAtLocal: string,
): DossierDocument {
  const mark: DossierBlock = {
    kind: 'digital-signature',
    lines: [
      'VĂN BẢN ĐIỆN TỬ ĐÃ ĐƯỢC KÝ SỐ',
      `Người ký: ${signer}`,
      `Thời điểm ký: ${signedAtLocal}`,
      'Kiểm tra chữ ký tại mục Chữ ký của trình đọc PDF.',
    ],
  };
  const parts = document.parts.map((p, i) =>
    i === document.parts.length - 1 ? { ...p, blocks: [...p.blocks, mark] } : p,
  );
  return { ...document, parts };
}
