/** The first sheet of an XLSX as cells of text (exceljs: the format is too intricate to read by hand). */
import ExcelJS from 'exceljs';
import { DomainError } from '../../shared/domain/errors.js';
import { zipProblem } from '../../shared/domain/zip-directory.js';

/** A cell as a person sees it: dates as yyyy-mm-dd, numbers and formulas by their value, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/** A sheet of a few thousand rows inflates to a few MB: 40 MB and 500 parts leave room and stop a ZIP bomb. */
const SHEET_LIMITS = { maxEntries: 500, maxTotalSize: 40 * 1024 * 1024 };

export async function xlsxCells(bytes: Buffer): Promise<string[][]> {
  // The directory first: a workbook that would inflate past the limits is refused before the library reads it.
  const problem = zipProblem(bytes, SHEET_LIMITS);
  if (problem)
    throw new DomainError('VALIDATION_FAILED', `Tệp Excel bị từ chối: ${problem}`, [
      { field: '(file)', message: problem },
    ]);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'Tệp không phải Excel (.xlsx) đọc được', [
      { field: '(file)', message: 'không đọc được tệp .xlsx' },
    ]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows[n - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}
