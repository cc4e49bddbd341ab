/** XLSX rendering of the report tables with exceljs (a maintained library: the format is too intricate to write by hand). */
import ExcelJS from 'exceljs';
import { neutraliseFormula, type ReportTable } from '../../shared/domain/report.js';

/** Texts neutralised against formula injection; numbers written as numbers. */
const cell = (v: string | number) => (typeof v === 'string' ? neutraliseFormula(v) : v);

export async function toXlsx(heading: string[], tables: ReportTable[], sheetNames: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Nền tảng chấm điểm thi đua chuyển đổi số';
  tables.forEach((table, i) => {
    const sheet = workbook.addWorksheet(sheetNames[i] ?? `Bảng ${i + 1}`);
    for (const line of heading) sheet.addRow([cell(line)]).font = { bold: true };
    sheet.addRow([]);
    sheet.addRow([cell(table.title)]).font = { bold: true, size: 13 };
    const header = sheet.addRow(table.headers.map(cell));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    for (const row of table.rows) sheet.addRow(row.map(cell));
    sheet.columns.forEach((col, c) => {
      col.width = Math.min(
        60,
        Math.max(
          10,
          ...[table.headers[c] ?? '', ...table.rows.map((r) => String(r[c] ?? ''))].map((s) => s.length + 2),
        ),
      );
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
