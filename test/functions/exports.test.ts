/** Exports are safe to open: no text becomes a spreadsheet formula, in CSV or XLSX; numbers stay numbers. */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../functions/results/xlsx.js';
import { neutraliseFormula, type ReportTable, toCsv } from '../../shared/domain/report.js';

/**
 * The characters a spreadsheet takes as the start of a formula, as OWASP's CSV Injection page lists them
 * (https://owasp.org/www-community/attacks/CSV_Injection): the test's own list, not the production's pattern.
 */
const OWASP_FORMULA_OPENERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const startsLikeFormula = (text: string) => OWASP_FORMULA_OPENERS.has(text.charAt(0));
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
        expect(startsLikeFormula(safe)).toBe(false);
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
        const table: ReportTable = { title: 'Bảng', headers: ['Tên', 'Điểm'], formats: ['text', 'points'], rows };
        const lines = toCsv([], [table])
          .replace(/^\uFEFF/, '')
          .split('\r\n');
        // A cell holding a line break spans lines: only single-line rows are checked cell by cell.
        for (const line of lines.slice(3).filter((l) => l && cells(l).length === 2)) {
          const [name, points] = cells(line) as [string, string];
          expect(startsLikeFormula(name)).toBe(false);
          expect(points).toMatch(/^-?\d+(,\d+)?$/);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('Function: toCsv with Vietnamese settings', () => {
  it('separates by `;` when asked, shows shares as percentages and empty cells for no value', () => {
    const table: ReportTable = {
      title: 'Tổng hợp',
      headers: ['Tiêu chí', 'Tỷ lệ đạt', 'Hạng'],
      formats: ['text', 'percent', 'count'],
      rows: [['Hồ sơ trực tuyến', 0.875, null]],
    };
    const lines = toCsv([], [table], ';')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines.slice(1, 4)).toEqual(['Tổng hợp', 'Tiêu chí;Tỷ lệ đạt;Hạng', 'Hồ sơ trực tuyến;"87,5%";']);
  });
});

describe('Function: toXlsx', () => {
  const rows: Array<[string, number, number | null]> = [
    ['=1+2', -5, 0.5],
    ['@SUM(A1)', 3.5, null],
    ['Xã Tân Tiến', 0, 1],
    ['-Phường', -0.25, 0.125],
  ];
  const table: ReportTable = {
    title: '+bảng',
    headers: ['Tên', 'Điểm', 'Tỷ lệ'],
    formats: ['text', 'points', 'percent'],
    rows,
  };
  const read = async () => {
    const buffer = await toXlsx(
      {
        heading: ['=tiêu đề', 'Căn cứ văn bản số 175/KH-UBND'],
        tables: [table],
        dateline: 'Hải Phòng, ngày 20 tháng 11 năm 2026',
      },
      ['Trang'],
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    return book.worksheets[0]!;
  };

  it('stores texts neutralised and numbers as numbers, with an STT column and number formats', async () => {
    const sheet = await read();
    const header = 5;
    expect(sheet.getRow(1).getCell(1).value).toBe("'=tiêu đề");
    expect(sheet.getRow(3).getCell(1).value).toBe("'+bảng");
    expect(sheet.getRow(header).values).toEqual([undefined, 'STT', 'Tên', 'Điểm', 'Tỷ lệ']);
    const body = rows.map((_, i) => sheet.getRow(header + 1 + i));
    expect(body.map((r) => [r.getCell(1).value, r.getCell(2).value, r.getCell(3).value, r.getCell(4).value])).toEqual([
      [1, "'=1+2", -5, 0.5],
      [2, "'@SUM(A1)", 3.5, null],
      [3, 'Xã Tân Tiến', 0, 1],
      [4, "'-Phường", -0.25, 0.125],
    ]);
    expect(body[0]!.getCell(3).numFmt).toBe('#,##0.00');
    expect(body[0]!.getCell(4).numFmt).toBe('0.0%');
  });

  it('prints on A4 landscape fitted to the width, the header row repeated and frozen, filterable, then signed', async () => {
    const sheet = await read();
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '5:5',
    });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(sheet.autoFilter).toBe('A5:D9');
    const texts: string[] = [];
    sheet.eachRow((row) => {
      row.eachCell((c) => {
        // A merged range reads as its first cell only.
        if (typeof c.value === 'string' && c.master.address === c.address) texts.push(c.value);
      });
    });
    expect(texts).toEqual(
      expect.arrayContaining(['Hải Phòng, ngày 20 tháng 11 năm 2026', 'Người lập biểu', 'Thủ trưởng đơn vị']),
    );
    // The title once: it is not repeated under the table.
    expect(texts.filter((t) => t === "'=tiêu đề")).toHaveLength(1);
  });
});
