/**
 * The year-end report as a workbook a secretary prints or pastes into the year's report (exceljs: the format is too
 * intricate to write by hand): A4 landscape fitted to the page width, the title once above each table, a frozen
 * and repeated header row with an autofilter, an "STT" column, numbers stored as numbers with their formats, and the
 * dateline and signature block below.
 */
import ExcelJS from 'exceljs';
import { type ColumnFormat, neutraliseFormula, type ReportTable } from '../../shared/domain/report.js';

/** Texts neutralised against formula injection; numbers written as numbers. */
const cell = (v: string | number | null) => (typeof v === 'string' ? neutraliseFormula(v) : v);

const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  text: undefined,
  count: '0',
  points: '#,##0.00',
  percent: '0.0%',
  index: '0.0000',
};
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const SIGNERS = ['Người lập biểu', 'Thủ trưởng đơn vị'];

export interface XlsxReport {
  heading: string[];
  tables: ReportTable[];
  dateline?: string;
}

export async function toXlsx(report: XlsxReport, sheetNames: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Nền tảng chấm điểm thi đua chuyển đổi số';
  report.tables.forEach((table, i) => {
    const sheet = workbook.addWorksheet(sheetNames[i] ?? `Bảng ${i + 1}`);
    const headers = ['STT', ...table.headers];
    const formats: ColumnFormat[] = ['count', ...table.formats];
    const width = headers.length;
    /** A line across the table's width: the title, the legal basis, the dateline. */
    const across = (text: string, font: Partial<ExcelJS.Font>, from = 1, to = width) => {
      const row = sheet.addRow([]);
      sheet.mergeCells(row.number, from, row.number, to);
      const c = row.getCell(from);
      c.value = cell(text);
      c.font = font;
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      return row;
    };
    const [title, ...rest] = report.heading;
    if (title) across(title, { bold: true, size: 13 });
    for (const line of rest) across(line, { italic: true });
    across(table.title, { bold: true, size: 12 });
    sheet.addRow([]);

    const header = sheet.addRow(headers.map(cell));
    header.eachCell((c) => {
      c.font = { bold: true };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      c.border = BOX;
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    table.rows.forEach((values, r) => {
      const row = sheet.addRow([r + 1, ...values.map(cell)]);
      for (let c = 1; c <= width; c++) {
        const target = row.getCell(c);
        target.border = BOX;
        const format = NUMBER_FORMATS[formats[c - 1] ?? 'text'];
        if (format) target.numFmt = format;
        target.alignment = { vertical: 'top', wrapText: formats[c - 1] === 'text' };
      }
    });
    sheet.columns.forEach((col, c) => {
      const texts =
        c === 0
          ? ['STT', String(table.rows.length)]
          : [headers[c] ?? '', ...table.rows.map((r) => String(r[c - 1] ?? ''))];
      col.width = Math.min(45, Math.max(c === 0 ? 5 : 10, ...texts.map((s) => s.length + 2)));
    });

    // Wrapped text needs its height set: spreadsheet programs do not grow a row for it when they open the file.
    const lines = (text: string, chars: number) => Math.max(1, Math.ceil(text.length / Math.max(1, chars - 2)));
    table.rows.forEach((values, r) => {
      const tallest = Math.max(
        ...values.map((v, c) =>
          typeof v === 'string' && formats[c + 1] === 'text' ? lines(v, sheet.getColumn(c + 2).width ?? 10) : 1,
        ),
      );
      sheet.getRow(header.number + 1 + r).height = 15 * tallest;
    });
    header.height = 15 * Math.max(...headers.map((h, c) => lines(h, sheet.getColumn(c + 1).width ?? 10)));
    const tableWidth = sheet.columns.reduce((sum, col) => sum + (col.width ?? 10), 0);
    for (let r = 1; r < header.number - 1; r++) {
      const text = String(sheet.getRow(r).getCell(1).value ?? '');
      sheet.getRow(r).height = 18 * lines(text, tableWidth * 0.85);
    }

    // The dateline and the signatures (Người lập biểu, Thủ trưởng đơn vị), each over half the width.
    sheet.addRow([]);
    const half = Math.max(1, Math.floor(width / 2));
    if (report.dateline) across(report.dateline, { italic: true }, half + 1, width);
    const signers = sheet.addRow([]);
    const note = sheet.addRow([]);
    SIGNERS.forEach((label, s) => {
      const [from, to] = s === 0 ? [1, half] : [half + 1, width];
      for (const [row, text, font] of [
        [signers, label, { bold: true }],
        [note, '(Ký, ghi rõ họ tên)', { italic: true }],
      ] as const) {
        if (to > from) sheet.mergeCells(row.number, from, row.number, to);
        const c = row.getCell(from);
        c.value = text;
        c.font = font;
        c.alignment = { horizontal: 'center' };
      }
    });

    // Printing: A4 landscape, as wide as the page, the header row on every page; on screen it stays in view.
    sheet.pageSetup = {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${header.number}:${header.number}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      horizontalCentered: true,
    };
    sheet.headerFooter = { oddFooter: '&CTrang &P / &N' };
    sheet.views = [{ state: 'frozen', ySplit: header.number, xSplit: 0 }];
    sheet.autoFilter = {
      from: { row: header.number, column: 1 },
      to: { row: header.number + table.rows.length, column: width },
    };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
