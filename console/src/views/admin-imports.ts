import { COLUMN_TITLES, IMPORT_COLUMNS, REQUIRED_COLUMNS } from '../../../shared/domain/tables.js';
import { ApiError, api } from '../api.js';
import { $, $$, checked, filePicker, html, must, raw } from '../dom.js';
import { follow } from '../runs.js';
import type { CriteriaList, ImportJobView, UnitList } from '../types.js';
import { alertBox, type Screen, type Sent, sending } from './admin-forms.js';

const SHEET_TYPES: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
/** A sheet as the API takes it: the type by its extension (browsers name a CSV variously, or not at all). */
function sheetOf(form: HTMLFormElement): File {
  const file = $<HTMLInputElement>('input[type="file"]', form)?.files?.[0];
  if (!file) throw { message: 'Chưa chọn tệp', details: [{ field: 'file', message: 'hãy chọn tệp CSV hoặc XLSX' }] };
  const type = SHEET_TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? 'text/csv';
  return new File([file], file.name, { type });
}
/** What a column holds, where its title alone does not say it. */
const COLUMN_NOTES: Partial<Record<string, string>> = {
  level: 'Sở, ban, ngành / Cấp xã / Doanh nghiệp',
  validFrom: 'dd/mm/yyyy',
  validTo: 'dd/mm/yyyy, bỏ trống nếu còn hoạt động',
  role: 'trưởng cụm, phó cụm hoặc thành viên',
  unitCode: 'mã hành chính hoặc mã trên nền tảng',
};
type ImportKind = keyof typeof IMPORT_COLUMNS;
export const importForm = (id: string, title: string, kind: ImportKind) =>
  html`<form id="${id}" class="card" novalidate data-import="${kind}"><h2>${title}</h2>${raw(alertBox)}
    <p class="muted">Tệp CSV (dấu phẩy hoặc chấm phẩy, UTF-8) hoặc Excel (XLSX), dòng đầu là tên các cột: ${IMPORT_COLUMNS[
      kind
    ]
      .map(
        (c) =>
          `${COLUMN_TITLES[c]}${(REQUIRED_COLUMNS[kind] as readonly string[]).includes(c) ? ' (bắt buộc)' : ''}${COLUMN_NOTES[c] ? ` — ${COLUMN_NOTES[c]}` : ''}`,
      )
      .join('; ')}. Có lỗi ở bất kỳ dòng nào thì không dòng nào được lưu.</p>
    <p><button type="button" class="secondary template">Tải tệp mẫu (CSV)</button></p>
    <label for="${id}-file">Tệp</label>${raw(filePicker(`${id}-file`, 'name="file" data-field="file" accept=".csv,.xlsx"'))}
    <label><input type="checkbox" name="dryRun" checked> Chỉ kiểm tra, chưa lưu</label>
    <p><button type="submit">Gửi tệp</button></p><p class="import-status" role="status" aria-live="polite"></p><div class="import-result"></div></form>`;
/** The import's header row as a CSV Vietnamese Excel opens (";" and a BOM), to fill in. */
export function listenForTemplates(view: ParentNode) {
  for (const form of $$<HTMLFormElement>('form[data-import]', view))
    $('.template', form)?.addEventListener('click', () => {
      const kind = form.dataset.import as ImportKind;
      const header = IMPORT_COLUMNS[kind].map((c) => COLUMN_TITLES[c]).join(';');
      const url = URL.createObjectURL(new Blob([`\uFEFF${header}\r\n`], { type: 'text/csv;charset=utf-8' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: `mau-nhap-${kind}.csv` });
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(url);
    });
}
/** A column as the office names it ("Tử số"), or the part of the file a problem is in. */
const columnTitle = (field: string) =>
  COLUMN_TITLES[field] ?? ({ '(header)': 'Dòng tiêu đề', '(file)': 'Tệp' } as Record<string, string>)[field] ?? field;
/** What an import did to a row (or will do, in a dry run), in the words of the answer's sentence and table. */
const ACTION_WORDS: Record<string, [dry: string, done: string]> = {
  created: ['sẽ thêm mới', 'thêm mới'],
  updated: ['sẽ sửa', 'đã sửa'],
  stored: ['sẽ lưu', 'đã lưu'],
  unchanged: ['không đổi', 'không đổi'],
};
interface ImportAnswer {
  dryRun?: boolean;
  created?: number;
  updated?: number;
  unchanged?: number;
  stored?: number;
  rows?: number;
  items?: Array<{ row: number; unitId: string; criterionId?: string; action: string }>;
}
const importSaid = (r: ImportAnswer) => {
  const counts = (['created', 'updated', 'stored', 'unchanged'] as const).flatMap((k) => {
    const n = r[k];
    return typeof n === 'number' ? [`${n.toLocaleString('vi-VN')} ${ACTION_WORDS[k]![r.dryRun ? 0 : 1]}`] : [];
  });
  const rows = typeof r.rows === 'number' ? `${r.rows.toLocaleString('vi-VN')} dòng` : '';
  return `${r.dryRun ? 'Tệp hợp lệ, chưa lưu' : 'Đã nhập tệp'}${rows ? `: ${rows}` : ''}${counts.length ? ` (${counts.join(', ')})` : ''}.`;
};
/** A table shows this many rows; the rest are counted. */
const TABLE_ROWS = 200;
const more = (n: number) =>
  n > TABLE_ROWS ? html`<p class="muted">… và ${(n - TABLE_ROWS).toLocaleString('vi-VN')} dòng nữa.</p>` : '';
/** Each row of the file and what the import did (or will do) with it, units and criteria by name. */
async function rowsTable(r: ImportAnswer, year: number) {
  if (!r.items?.length) return '';
  const [units, criteria] = await Promise.all([
    api<UnitList>(`/v1/units?year=${year}`),
    r.items.some((i) => i.criterionId) ? api<CriteriaList>(`/v1/criteria?year=${year}`) : null,
  ]);
  const unitName = new Map(units.items.map((u) => [u.unitId, u.name]));
  const title = new Map((criteria?.items ?? []).map((c) => [c.criterionId, c.title]));
  return html`<div class="table-wrap"><table class="cards import-rows"><caption>Các dòng của tệp</caption><thead><tr><th class="num">Dòng</th><th>Đơn vị</th>${raw(criteria ? '<th>Tiêu chí</th>' : '')}<th>Kết quả</th></tr></thead><tbody>${raw(
    r.items
      .slice(0, TABLE_ROWS)
      .map(
        (i) =>
          html`<tr><td class="num" data-label="Dòng">${i.row}</td><td data-label="Đơn vị">${unitName.get(i.unitId) ?? i.unitId}</td>${raw(criteria ? html`<td data-label="Tiêu chí">${i.criterionId ? (title.get(i.criterionId) ?? i.criterionId) : ''}</td>` : '')}<td data-label="Kết quả">${ACTION_WORDS[i.action]?.[r.dryRun ? 0 : 1] ?? i.action}</td></tr>`,
      )
      .join(''),
  )}</tbody></table></div>${raw(more(r.items.length))}`;
}
/** A refused file's problems, row by row, as the file's own columns name them. */
const problemsTable = (details: Array<{ row?: number; field: string; message: string }>) =>
  html`<div class="table-wrap"><table class="cards import-problems"><caption>Các lỗi cần sửa trong tệp (không dòng nào được lưu)</caption><thead><tr><th class="num">Dòng</th><th>Cột</th><th>Lỗi</th></tr></thead><tbody>${raw(
    details
      .slice(0, TABLE_ROWS)
      .map(
        (d) =>
          html`<tr><td class="num" data-label="Dòng">${d.row ?? ''}</td><td data-label="Cột">${columnTitle(d.field)}</td><td data-label="Lỗi">${d.message}</td></tr>`,
      )
      .join(''),
  )}</tbody></table></div>${raw(more(details.length))}`;

/**
 * Sends the form's sheet: a small file is answered at once; a large one is imported as a job, followed here until it
 * has ended. Either way the answer is said in a sentence and shown row by row under the form; a refused file's
 * problems are a table of rows and columns, not one sentence.
 */
export async function sendSheet(path: string, form: HTMLFormElement, year: number): Promise<Sent> {
  const result = must('.import-result', form);
  result.innerHTML = '';
  try {
    const sent = await api<ImportAnswer | ImportJobView>(path, { method: 'POST', file: sheetOf(form) });
    let answer = sent as ImportAnswer;
    if ('statusUrl' in sent) {
      const done = await follow(
        sent,
        must('.import-status', form),
        (j) => `${j.statusLabel}: ${j.rows.toLocaleString('vi-VN')} dòng`,
      );
      if (!done.answerStatus)
        return `Tệp ${done.rows.toLocaleString('vi-VN')} dòng đang được nhập trong nền: ${done.statusLabel}.`;
      if (done.answerStatus >= 300) throw new ApiError(done.answerStatus, done.answer);
      answer = done.answer;
    }
    const said = importSaid(answer);
    const table = await rowsTable(answer, year);
    return {
      said,
      // The screen is drawn again after a send: the table goes under the form as drawn then, found by its id.
      after: () => {
        must(`#${form.id} .import-result`).innerHTML = table;
      },
    };
  } catch (err) {
    const rows = err instanceof ApiError ? err.details.filter((d) => typeof d.row === 'number') : [];
    if (!rows.length) throw err;
    result.innerHTML = problemsTable(rows);
    const lines = new Set(rows.map((d) => d.row)).size;
    throw { message: `Tệp có lỗi ở ${lines} dòng, không dòng nào được lưu: xem bảng lỗi dưới đây.`, details: [] };
  }
}

// --- Figures from a file ----------------------------------------------------------------------------------
export const importScreen: Screen = async (view, ctx) => {
  view().innerHTML = html`<h1>Quản trị — Nhập số liệu</h1>${raw(ctx.nav)}
    ${raw(importForm('import-figures', 'Nhập số liệu từ tệp (kết xuất của hệ thống thủ tục hành chính)', 'figures'))}`;
  listenForTemplates(view());
  const form = must<HTMLFormElement>('#import-figures', view());
  sending(
    form,
    async () =>
      sendSheet(`/v1/imports/figures?campaignId=${ctx.campaignId}&dryRun=${checked(form, 'dryRun')}`, form, ctx.year),
    () => importScreen(view, ctx),
  );
};
