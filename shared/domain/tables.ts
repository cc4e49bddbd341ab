/**
 * Sheets an admin uploads (CSV, or XLSX read by the handler into the same cells): rows keyed by their header,
 * numbered as a spreadsheet numbers them (the header is row 1), so every error can name its row.
 */
import { DomainError } from './errors.js';

/**
 * A CSV file's text: UTF-8 only (with or without a BOM). A file saved in another encoding (Windows-1258, TCVN3,
 * UTF-16) is refused by name, never read as mangled text.
 */
export function csvText(bytes: Uint8Array): string {
  let text: string | null = null;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {}
  // U+FFFD is what a text body not in UTF-8 becomes on its way through a gateway that decoded it as UTF-8.
  if (text === null || text.includes('\uFFFD'))
    throw new DomainError('VALIDATION_FAILED', 'Tệp CSV không ở mã UTF-8: hãy lưu lại tệp với mã hóa UTF-8', [
      { field: '(file)', message: 'không phải mã UTF-8 (có thể là Windows-1258, TCVN3 hoặc UTF-16)' },
    ]);
  return text;
}

/** RFC 4180 CSV, with a UTF-8 BOM, CRLF or LF, and `,` or `;` (Excel in Vietnamese settings) as separator. */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (quoted)
    throw new DomainError('VALIDATION_FAILED', 'Tệp CSV có dấu ngoặc kép chưa đóng', [
      { field: '(file)', message: 'dấu " chưa đóng', row: rows.length + 1 },
    ]);
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

export interface SheetRow {
  /** As the spreadsheet numbers it: the header is row 1. */
  row: number;
  values: Record<string, string>;
}

export const MAX_SHEET_ROWS = 10_000;
/** Up to this many rows a file is imported within its request (a few seconds on any store); more go as a job. */
export const IMPORT_ROWS_IN_REQUEST = 200;

/** The columns of each import (codes), the required ones first; the sheet's header names them by code or title. */
export const IMPORT_COLUMNS = {
  units: [
    'unitId',
    'name',
    'level',
    'code',
    'kind',
    'validFrom',
    'validTo',
    'predecessors',
    'parentId',
    'cluster',
    'contactEmail',
  ],
  clusters: ['clusterId', 'unitId', 'clusterName', 'role'],
  figures: ['unitCode', 'criterionId', 'year', 'numerator', 'denominator', 'sourceNote'],
} as const;
/** The columns each import cannot do without. */
export const REQUIRED_COLUMNS = {
  units: ['unitId', 'name', 'level'],
  clusters: ['clusterId', 'unitId'],
  figures: ['unitCode', 'criterionId', 'year', 'numerator', 'denominator'],
} as const;

/**
 * Each column of the imports as the office names it: a sheet's header may use these titles or the columns' codes
 * (integrators' systems write the codes), and the console and the errors say the titles.
 */
export const COLUMN_TITLES: Record<string, string> = {
  unitId: 'Mã đơn vị trên nền tảng',
  code: 'Mã hành chính',
  name: 'Tên đơn vị',
  kind: 'Loại đơn vị',
  level: 'Cấp',
  validFrom: 'Hoạt động từ ngày',
  validTo: 'Đến ngày',
  predecessors: 'Đơn vị tiền thân',
  parentId: 'Đơn vị cấp trên',
  cluster: 'Cụm, khối mặc định',
  contactEmail: 'Thư điện tử nhận nhắc hạn',
  clusterId: 'Mã cụm, khối',
  clusterName: 'Tên cụm, khối',
  role: 'Vai trò trong cụm',
  unitCode: 'Mã đơn vị',
  criterionId: 'Mã tiêu chí',
  year: 'Năm',
  numerator: 'Tử số',
  denominator: 'Mẫu số',
  sourceNote: 'Nguồn số liệu',
};
const columnKey = (title: string) => title.normalize('NFC').trim().toLowerCase();

/**
 * The rows of a sheet under its header (codes or titles, compared without case), blank rows skipped. The header must
 * have every `required` column; columns beyond `known` are refused, so a misspelt one is not silently ignored.
 */
export function sheetRows(cells: string[][], required: readonly string[], known: readonly string[]): SheetRow[] {
  const names = new Map(
    known.flatMap((k) => [
      [columnKey(k), k] as const,
      ...(COLUMN_TITLES[k] ? [[columnKey(COLUMN_TITLES[k]), k] as const] : []),
    ]),
  );
  const header = (cells[0] ?? []).map((h) => names.get(columnKey(h)) ?? columnKey(h));
  const titled = (k: string) => COLUMN_TITLES[k] ?? k;
  const problems = [
    ...required.filter((r) => !header.includes(r)).map((r) => `thiếu cột ${titled(r)}`),
    ...header.filter((h) => h && !known.includes(h)).map((h) => `cột ${h} không được hỗ trợ`),
  ];
  if (problems.length)
    throw new DomainError(
      'VALIDATION_FAILED',
      `Dòng tiêu đề của tệp không đúng mẫu: ${problems.join('; ')}`,
      problems.map((message) => ({ field: '(header)', message, row: 1 })),
    );
  if (cells.length - 1 > MAX_SHEET_ROWS)
    throw new DomainError('PAYLOAD_TOO_LARGE', `Tệp có quá ${MAX_SHEET_ROWS} dòng`, [
      { field: '(file)', message: `tối đa ${MAX_SHEET_ROWS} dòng` },
    ]);
  const rows: SheetRow[] = [];
  cells.slice(1).forEach((cellsOfRow, i) => {
    if (cellsOfRow.every((c) => c.trim() === '')) return;
    const values: Record<string, string> = {};
    header.forEach((h, j) => {
      if (known.includes(h)) values[h] = (cellsOfRow[j] ?? '').trim();
    });
    rows.push({ row: i + 2, values });
  });
  return rows;
}

/** A date as people write it in a sheet, dd/mm/yyyy, or as yyyy-mm-dd: yyyy-mm-dd, or null when it is neither. */
export function sheetDate(text: string): string | null {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (vn) return `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
}
