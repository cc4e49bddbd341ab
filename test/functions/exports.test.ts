/** Exports are safe to open: no text becomes a spreadsheet formula, in CSV or XLSX; numbers stay numbers. */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../functions/results/xlsx.js';
import { neutraliseFormula, type ReportTable, toCsv } from '../../shared/domain/report.js';

const FORMULA_START = /^[=+\-@\t\r]/;
/** Texts a hostile or careless unit name could hold, weighted towards formula openers. */
const textArb = fc.oneof(
  fc.string(),
  fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '=cmd|', '=HYPERLINK('), fc.string()).map(([a, b]) => a + b),
);
const numberArb = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);

/** Splits one CSV line into its cells (RFC 4180 quoting, as toCsv writes it). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

describe('Function: neutraliseFormula', () => {
  it('leaves no text starting like a formula, and changes nothing else', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const safe = neutraliseFormula(text);
        expect(FORMULA_START.test(safe)).toBe(false);
        expect(safe === text || safe === `'${text}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('Function: toCsv', () => {
  it('writes every text cell neutralised and every number as a number, negative ones unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(textArb, numberArb), { minLength: 1, maxLength: 10 }), (rows) => {
        const table: ReportTable = { title: 'Bảng', headers: ['Tên', 'Điểm'], rows };
        const lines = toCsv([], [table])
          .replace(/^\uFEFF/, '')
          .split('\r\n');
        // A cell holding a line break spans lines: only single-line rows are checked cell by cell.
        for (const line of lines.slice(3).filter((l) => l && cells(l).length === 2)) {
          const [name, points] = cells(line) as [string, string];
          expect(FORMULA_START.test(name)).toBe(false);
          expect(points).toMatch(/^-?\d+(,\d+)?$/);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('Function: toXlsx', () => {
  it('stores texts neutralised and numbers as numbers', async () => {
    const rows: Array<[string, number]> = [
      ['=1+2', -5],
      ['@SUM(A1)', 3.5],
      ['Xã Tân Tiến', 0],
      ['-Phường', -0.25],
    ];
    const buffer = await toXlsx(['=tiêu đề'], [{ title: '+bảng', headers: ['Tên', 'Điểm'], rows }], ['Trang']);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    const values: unknown[] = [];
    book.worksheets[0]!.eachRow((row) => {
      row.eachCell((c) => {
        values.push(c.value);
      });
    });
    expect(values).toEqual([
      "'=tiêu đề",
      "'+bảng",
      'Tên',
      'Điểm',
      "'=1+2",
      -5,
      "'@SUM(A1)",
      3.5,
      'Xã Tân Tiến',
      0,
      "'-Phường",
      -0.25,
    ]);
  });
});
