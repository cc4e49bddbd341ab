/**
 * The admin's screens (quản trị): units, clusters and their heads, the year's criteria with their targets, calendar
 * and award quotas, the campaign's reminders, reopenings, imports and units' IT systems — everything the API lets an
 * admin do, each form sending what the API takes and showing its refusals next to the fields they name.
 */
import { formatDateTime, instantOfLocalIso, localIso, timeZoneLabel } from '../../../shared/domain/calendar.js';
import { LABELS } from '../../../shared/domain/labels.js';
import {
  ROUND_FIELD_LABELS,
  ROUND_FIELDS,
  ROUND_STAGE_LABELS,
  ROUND_STAGES,
  type RoundField,
  type RoundStage,
} from '../../../shared/domain/stages.js';
import { COLUMN_TITLES, IMPORT_COLUMNS, REQUIRED_COLUMNS } from '../../../shared/domain/tables.js';
import { type Calendar, CLIENT_SCOPE_LABELS, LEVELS, type Level } from '../../../shared/domain/types.js';
import { ApiError, api, refusalOf } from '../api.js';
import {
  $,
  $$,
  beginRender,
  checked,
  dayInput,
  fieldValue,
  filePicker,
  flash,
  hashParams,
  html,
  momentInput,
  must,
  num,
  options,
  raw,
  showErrors,
  type View,
} from '../dom.js';
import { follow } from '../runs.js';
import type {
  CampaignView,
  CampaignYearView,
  Clients,
  CriteriaList,
  ImportJobView,
  OpenedYear,
  UnitList,
  UnitView,
  YearClusters,
} from '../types.js';

const TABS: Array<[string, string]> = [
  ['don-vi', 'Đơn vị'],
  ['cum', 'Cụm, khối và trưởng cụm'],
  ['nam', 'Bộ tiêu chí, lịch, khen thưởng'],
  ['phong-trao', 'Phong trào, nhắc hạn'],
  ['mo-lai', 'Mở lại báo cáo, giai đoạn'],
  ['nhap', 'Nhập số liệu'],
  ['ket-noi', 'Kết nối hệ thống'],
];

export async function adminView(tab: string): Promise<void> {
  const view = beginRender();
  const crit = await api<CriteriaList>('/v1/criteria');
  const year = Number(hashParams().get('year')) || crit.year;
  const body = SCREENS[tab] ?? SCREENS['don-vi']!;
  const nav = html`<nav class="tabs" aria-label="Quản trị">${raw(
    TABS.map(
      ([k, label]) =>
        html`<a href="#/quan-tri/${k}?year=${year}" ${k === tab ? raw('aria-current="page"') : ''}>${label}</a>`,
    ).join(''),
  )}</nav>`;
  await body(view, { campaignId: crit.campaignId, year, timeZone: crit.calendar.timeZone, nav });
}

interface Context {
  campaignId: string;
  year: number;
  /** The campaign's time zone: the datetime inputs are its wall-clock times. */
  timeZone: string;
  nav: string;
}
type Screen = (view: View, ctx: Context) => Promise<void>;

/** What a form says once sent, and what it shows under itself once the screen is drawn again (an import's rows). */
type Sent = string | { said: string; after(): void };
/** A form that sends itself: its refusal shown next to its fields, success said and the screen drawn again. */
function sending(form: HTMLFormElement, send: () => Promise<Sent>, again: () => Promise<void>) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = $<HTMLButtonElement>('button[type="submit"]', form);
    if (button) button.disabled = true;
    try {
      const sent = await send();
      await again();
      if (typeof sent === 'string') flash(sent);
      else {
        flash(sent.said);
        sent.after();
      }
    } catch (err) {
      showErrors(form, refusalOf(err));
      if (button) button.disabled = false;
    }
  });
}
const alertBox = '<div class="form-alert" tabindex="-1"></div>';
const field = (id: string, label: string, input: string) =>
  html`<div><label for="${id}">${label}</label>${raw(input)}</div>`;
const text = (id: string, name: string, value: string | number | null | undefined, extra = '') =>
  `<input id="${id}" name="${name}" data-field="${name}" value="${String(value ?? '').replace(/"/g, '&quot;')}" ${extra}>`;
const levels = (chosen?: string) =>
  options(
    LEVELS.map((l) => [l, LABELS.levels[l]]),
    chosen,
  );
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
const importForm = (id: string, title: string, kind: ImportKind) =>
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
function listenForTemplates(view: ParentNode) {
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
async function sendSheet(path: string, form: HTMLFormElement, year: number): Promise<Sent> {
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

// --- Units --------------------------------------------------------------------------------------
const unitsScreen: Screen = async (view, ctx) => {
  const chosen = hashParams().get('unitId');
  const [units, unit] = await Promise.all([
    api<UnitList>(`/v1/units?year=${ctx.year}`),
    chosen ? api<UnitView>(`/v1/units/${chosen}`) : Promise.resolve(null),
  ]);
  view().innerHTML = html`<h1>Quản trị — Đơn vị</h1>${raw(ctx.nav)}
    <form id="pick" class="row card"><div><label for="pick-unit">Đơn vị</label><select id="pick-unit" name="unitId"><option value="">— Thêm đơn vị mới —</option>${options(
      units.items.map((u) => [u.unitId, u.name]),
      chosen,
    )}</select></div><div><button type="submit">Mở</button></div></form>
    <form id="unit" class="card" novalidate><h2>${unit ? `Sửa: ${unit.name}` : 'Thêm đơn vị'}</h2>${raw(alertBox)}
      <div class="row">${raw(field('u-id', 'Mã đơn vị trên nền tảng', text('u-id', 'unitId', unit?.unitId, unit ? 'readonly' : 'placeholder="vd. xa-an-lao"')))}
      ${raw(field('u-name', 'Tên đơn vị', text('u-name', 'name', unit?.name, 'required')))}</div>
      <div class="row">${raw(field('u-level', 'Cấp', html`<select id="u-level" name="level" data-field="level">${levels(unit?.level)}</select>`))}
      ${raw(field('u-kind', 'Loại đơn vị', html`<select id="u-kind" name="kind" data-field="kind"><option value="">(theo cấp)</option>${options(Object.entries(LABELS.unitKinds), unit?.kind)}</select>`))}
      ${raw(field('u-code', 'Mã hành chính / mã số thuế', text('u-code', 'code', unit?.code)))}</div>
      <div class="row">${raw(field('u-cluster', 'Cụm, khối mặc định', text('u-cluster', 'cluster', unit?.cluster)))}
      ${raw(field('u-parent', 'Đơn vị cấp trên', text('u-parent', 'parentId', unit?.parentId)))}
      ${raw(field('u-mail', 'Thư điện tử nhận nhắc hạn', text('u-mail', 'contactEmail', unit?.contactEmail, 'type="email"')))}</div>
      <div class="row">${raw(field('u-from', 'Hoạt động từ ngày', dayInput('u-from', 'validFrom', 'validFrom', unit?.validFrom)))}
      ${raw(field('u-to', 'Đến ngày (bỏ trống nếu còn hoạt động)', dayInput('u-to', 'validTo', 'validTo', unit?.validTo)))}</div>
      <p><button type="submit">Lưu đơn vị</button></p></form>
    ${raw(importForm('import-units', 'Nhập danh sách đơn vị từ tệp', 'units'))}`;
  listenForTemplates(view());
  must<HTMLFormElement>('#pick', view()).addEventListener('submit', (e) => {
    e.preventDefault();
    const id = must<HTMLSelectElement>('#pick-unit', view()).value;
    location.hash = `#/quan-tri/don-vi?year=${ctx.year}${id ? `&unitId=${id}` : ''}`;
  });
  const form = must<HTMLFormElement>('#unit', view());
  sending(
    form,
    async () => {
      const id = fieldValue(form, 'unitId');
      const optional = (name: string) => fieldValue(form, name) || null;
      const saved = await api<{ name: string; unitId: string }>(`/v1/units/${encodeURIComponent(id) || '-'}`, {
        method: 'PUT',
        body: {
          name: fieldValue(form, 'name'),
          level: fieldValue(form, 'level'),
          ...(fieldValue(form, 'kind') ? { kind: fieldValue(form, 'kind') } : {}),
          code: optional('code'),
          cluster: optional('cluster'),
          parentId: optional('parentId'),
          contactEmail: optional('contactEmail'),
          ...(fieldValue(form, 'validFrom') ? { validFrom: fieldValue(form, 'validFrom') } : {}),
          validTo: optional('validTo'),
        },
      });
      history.replaceState(null, '', `#/quan-tri/don-vi?year=${ctx.year}&unitId=${saved.unitId}`);
      return `Đã lưu đơn vị ${saved.name}.`;
    },
    () => unitsScreen(view, ctx),
  );
  const importing = must<HTMLFormElement>('#import-units', view());
  sending(
    importing,
    async () => sendSheet(`/v1/imports/units?dryRun=${checked(importing, 'dryRun')}`, importing, ctx.year),
    () => unitsScreen(view, ctx),
  );
};

// --- Clusters and heads -----------------------------------------------------------------------------
const clustersScreen: Screen = async (view, ctx) => {
  const [clusters, units] = await Promise.all([
    api<YearClusters>(`/v1/campaigns/${ctx.campaignId}/years/${ctx.year}/clusters`),
    api<UnitList>(`/v1/units?year=${ctx.year}`),
  ]);
  const nameOf = (id: string | null) => (id ? (units.items.find((u) => u.unitId === id)?.name ?? id) : '—');
  view().innerHTML = html`<h1>Quản trị — Cụm, khối thi đua năm ${ctx.year}</h1>${raw(ctx.nav)}
    <p class="muted">${clusters.source === 'year' ? 'Cụm, khối của năm (đã nhập).' : 'Năm chưa có cụm, khối riêng: đang dùng cụm mặc định của từng đơn vị.'} Trưởng cụm luân phiên hằng năm: nhập lại tệp của năm để đổi.</p>
    <div class="table-wrap"><table class="cards" id="clusters"><thead><tr><th>Cụm, khối</th><th>Trưởng cụm</th><th>Phó cụm</th><th class="num">Số đơn vị</th></tr></thead><tbody>
    ${raw(clusters.clusters.map((c) => html`<tr><td data-label="Cụm, khối">${c.name}</td><td data-label="Trưởng cụm">${nameOf(c.head)}</td><td data-label="Phó cụm">${nameOf(c.deputy)}</td><td class="num" data-label="Số đơn vị">${c.members.length}</td></tr>`).join(''))}
    </tbody></table></div>
    ${raw(importForm('import-clusters', `Nhập cụm, khối và trưởng cụm năm ${ctx.year}`, 'clusters'))}`;
  listenForTemplates(view());
  const form = must<HTMLFormElement>('#import-clusters', view());
  sending(
    form,
    async () =>
      sendSheet(
        `/v1/imports/clusters?campaignId=${ctx.campaignId}&year=${ctx.year}&dryRun=${checked(form, 'dryRun')}`,
        form,
        ctx.year,
      ),
    () => clustersScreen(view, ctx),
  );
};

// --- The year: criteria and targets, calendar, award quotas -------------------------------------------
const CALENDAR_FIELDS: ReadonlyArray<readonly [keyof Calendar, string]> = [
  ['submissionOpensAt', 'Mở nhận báo cáo'],
  ['submissionClosesAt', 'Hạn nộp báo cáo'],
  ['reviewClosesAt', 'Kết thúc thẩm định'],
  ['yearEndRunAt', 'Tổng hợp, xếp hạng cuối năm'],
  // The bình xét round's instants: all or none (left empty, the year has no round).
  ...ROUND_FIELDS.map((f) => [f, `${ROUND_FIELD_LABELS[f]} (bình xét)`] as const),
];
const isRoundField = (k: string): k is RoundField => (ROUND_FIELDS as readonly string[]).includes(k);
/** Ratios are typed as percentages (90), stored as fractions (0.9). */
const isRatio = (kind: string) => kind === 'ratio';

const yearScreen: Screen = async (view, ctx) => {
  const cy = await api<CampaignYearView>(`/v1/campaigns/${ctx.campaignId}/years/${ctx.year}`);
  const tz = cy.calendar.timeZone;
  view().innerHTML = html`<h1>Quản trị — Bộ tiêu chí, lịch, khen thưởng năm ${ctx.year}</h1>${raw(ctx.nav)}
    <form id="year" novalidate>${raw(alertBox)}
    <section class="card"><h2>Lịch của năm (${timeZoneLabel(tz)}; nhập ngày giờ dạng dd/mm/yyyy HH:mm)</h2><div class="row">${raw(
      CALENDAR_FIELDS.map(([k, label]) =>
        field(
          `cal-${k}`,
          label,
          momentInput(`cal-${k}`, k, `calendar.${k}`, cy.calendar[k] ? localIso(cy.calendar[k], tz) : null),
        ),
      ).join(''),
    )}</div>
    <p class="muted">Lịch tổng hợp cuối năm và thư nhắc hạn được đặt lại theo lịch này ngay khi lưu.</p></section>
    <section class="card"><h2>Khen thưởng (chỉ tiêu của tỉnh)</h2><div class="row">
      ${raw(field('aw-flag', 'Số Cờ thi đua mỗi cụm, khối', text('aw-flag', 'flagPerGroup', cy.awards.flagPerGroup, 'inputmode="numeric" data-field="awards.flagPerGroup"')))}
      ${raw(field('aw-merit', 'Tỷ lệ Bằng khen mỗi cụm, khối (%)', text('aw-merit', 'meritShare', num(cy.awards.meritShare * 100), 'inputmode="decimal" data-field="awards.meritShare"')))}
      ${raw(field('cut-off', 'Ngày chốt danh sách đơn vị', dayInput('cut-off', 'cutOff', 'cutOff', cy.cutOff ?? `${ctx.year}-12-31`)))}</div></section>
    <section class="card"><h2>Tiêu chí và chỉ tiêu</h2><div class="table-wrap"><table class="cards" id="criteria"><thead><tr><th>Tiêu chí</th><th class="num">Điểm tối đa</th>${raw(cy.levels.map(({ label }) => html`<th>Chỉ tiêu ${label}</th>`).join(''))}</tr></thead><tbody>
    ${raw(
      cy.criteria
        .map((c, i) => {
          const targets = 'targets' in c ? (c.targets as Partial<Record<Level, number>>) : null;
          return html`<tr data-criterion="${c.criterionId}"><td data-label="Tiêu chí">${c.title}</td><td class="num" data-label="Điểm tối đa"><label class="sr-only" for="max-${i}">Điểm tối đa: ${c.title}</label><input id="max-${i}" name="max-${i}" inputmode="decimal" data-field="criteria.${i}.maxPoints" value="${num(c.maxPoints)}"></td>${raw(
            cy.levels
              .map(({ level: l, label }) =>
                targets && c.levels.includes(l)
                  ? html`<td data-label="Chỉ tiêu ${label}"><label class="sr-only" for="t-${i}-${l}">Chỉ tiêu ${label}: ${c.title}</label><input id="t-${i}-${l}" name="t-${i}-${l}" inputmode="decimal" data-field="criteria.${i}.targets.${l}" ${isRatio(c.kind) ? raw('data-percent') : ''} value="${targets[l] === undefined ? '' : num(isRatio(c.kind) ? targets[l] * 100 : targets[l])}">${isRatio(c.kind) ? ' %' : ''}</td>`
                  : html`<td data-label="Chỉ tiêu ${label}" class="muted">${c.levels.includes(l) ? 'do Ban TĐKT đánh giá' : 'không áp dụng'}</td>`,
              )
              .join(''),
          )}</tr>`;
        })
        .join(''),
    )}</tbody></table></div></section>
    <p><button type="submit">Lưu bộ tiêu chí, lịch và khen thưởng năm ${ctx.year}</button></p></form>
    ${raw(
      cy.nextYearOpened
        ? html`<p class="muted">Năm ${ctx.year + 1} đã được mở: <a href="#/quan-tri/nam?year=${ctx.year + 1}">xem năm ${ctx.year + 1}</a>.</p>`
        : html`<form id="open-next" class="card" novalidate><h2>Mở năm ${ctx.year + 1}</h2>${raw(alertBox)}
      <p>Mở năm ${ctx.year + 1} từ năm ${ctx.year}: chuyển sang bộ tiêu chí, chỉ tiêu, quy định khen thưởng và các cụm, khối (các đơn vị còn hoạt động); lịch lùi một năm. Mọi thứ vẫn sửa được trước khi có báo cáo.</p>
      <p><label><input type="checkbox" name="rotateHeads" data-field="rotateHeads"> Luân chuyển trưởng cụm, khối (phó cụm lên trưởng cụm)</label></p>
      <p><button type="submit">Mở năm ${ctx.year + 1}</button></p></form>`,
    )}`;
  const next = $<HTMLFormElement>('#open-next', view());
  if (next)
    sending(
      next,
      async () => {
        const opened = await api<OpenedYear>(`/v1/campaigns/${ctx.campaignId}/years/${ctx.year}/open-next`, {
          method: 'POST',
          body: { rotateHeads: checked(next, 'rotateHeads') },
        });
        return `Đã mở năm ${opened.year}: ${opened.criteria} tiêu chí, ${opened.clusters.length} cụm, khối.`;
      },
      () => yearScreen(view, ctx),
    );
  const form = must<HTMLFormElement>('#year', view());
  /** A number as typed in Vietnamese (1.234,5), or the text itself so the platform names what is wrong. */
  const decimal = (s: string): number | string => {
    const n = Number(s.replace(/\./g, '').replace(',', '.'));
    return s !== '' && Number.isFinite(n) ? n : s;
  };
  sending(
    form,
    async () => {
      const criteria = cy.criteria.map((c, i) => {
        const maxPoints = decimal(fieldValue(form, `max-${i}`));
        if (!('targets' in c)) return { ...c, maxPoints };
        const targets: Record<string, number | string> = {};
        for (const l of c.levels) {
          const typed = fieldValue(form, `t-${i}-${l}`);
          if (typed === '') continue;
          const v = decimal(typed);
          targets[l] = typeof v === 'number' && isRatio(c.kind) ? Math.round(v * 10_000) / 1_000_000 : v;
        }
        return { ...c, maxPoints, targets };
      });
      const merit = decimal(fieldValue(form, 'meritShare'));
      await api(`/v1/campaigns/${ctx.campaignId}/years/${ctx.year}`, {
        method: 'PUT',
        body: {
          criteria,
          calendar: Object.fromEntries(
            CALENDAR_FIELDS.filter(([k]) => !isRoundField(k) || fieldValue(form, k) !== '').map(([k]) => [
              k,
              instantOfLocalIso(fieldValue(form, k), tz),
            ]),
          ),
          awards: {
            flagPerGroup: decimal(fieldValue(form, 'flagPerGroup')),
            meritShare: typeof merit === 'number' ? Math.round(merit * 100) / 10_000 : merit,
          },
          // The form shows 31/12 where no cut-off is stored; sent only when one is stored or another day was typed,
          // so saving an untouched year changes nothing.
          ...(cy.cutOff || fieldValue(form, 'cutOff') !== `${ctx.year}-12-31`
            ? { cutOff: fieldValue(form, 'cutOff') }
            : {}),
        },
      });
      return `Đã lưu năm ${ctx.year}; lịch tổng hợp và nhắc hạn đã được đặt lại theo lịch mới.`;
    },
    () => yearScreen(view, ctx),
  );
};

// --- The campaign: its reminders --------------------------------------------------------------------------
const campaignScreen: Screen = async (view, ctx) => {
  const campaign = await api<CampaignView>(`/v1/campaigns/${ctx.campaignId}`);
  const reminders = campaign.reminders ?? { daysBeforeReportingDeadline: [7, 1], sendAt: '07:30', reviewerEmails: [] };
  view().innerHTML = html`<h1>Quản trị — Phong trào ${campaign.documentNumber}</h1>${raw(ctx.nav)}
    <p>${campaign.name} — ${campaign.province}, ${campaign.firstYear}–${campaign.lastYear} (${timeZoneLabel(campaign.timeZone)}).</p>
    <form id="campaign-form" class="card" novalidate><h2>Nhắc hạn và thư tổng hợp</h2>${raw(alertBox)}
      <div class="row">${raw(field('r-days', 'Nhắc trước hạn nộp báo cáo (số ngày, cách nhau bởi dấu phẩy)', text('r-days', 'days', reminders.daysBeforeReportingDeadline.join(', '), 'data-field="reminders.daysBeforeReportingDeadline"')))}
      ${raw(field('r-at', 'Giờ gửi (HH:mm)', text('r-at', 'sendAt', reminders.sendAt, 'data-field="reminders.sendAt"')))}</div>
      ${raw(field('r-mail', 'Thư tổng hợp hằng ngày gửi tới (các địa chỉ, cách nhau bởi dấu phẩy)', text('r-mail', 'emails', reminders.reviewerEmails.join(', '), 'data-field="reminders.reviewerEmails"')))}
      <p><button type="submit">Lưu</button></p></form>`;
  const form = must<HTMLFormElement>('#campaign-form', view());
  const list = (s: string) =>
    s
      .split(/[,;\s]+/)
      .map((x) => x.trim())
      .filter(Boolean);
  sending(
    form,
    async () => {
      const { campaignId: _id, ...body } = campaign;
      await api(`/v1/campaigns/${ctx.campaignId}`, {
        method: 'PUT',
        body: {
          ...body,
          reminders: {
            daysBeforeReportingDeadline: list(fieldValue(form, 'days')).map((d) => (/^\d+$/.test(d) ? Number(d) : d)),
            sendAt: fieldValue(form, 'sendAt'),
            reviewerEmails: list(fieldValue(form, 'emails')),
          },
        },
      });
      return 'Đã lưu; lịch nhắc hạn của các năm đã được đặt lại.';
    },
    () => campaignScreen(view, ctx),
  );
};

// --- Reopenings -------------------------------------------------------------------------------------------
const reopenScreen: Screen = async (view, ctx) => {
  const units = await api<UnitList>(`/v1/units?year=${ctx.year}`);
  view().innerHTML = html`<h1>Quản trị — Mở lại báo cáo năm ${ctx.year}</h1>${raw(ctx.nav)}
    <form id="reopen" class="card" novalidate><h2>Cho một đơn vị nộp, bổ sung báo cáo sau hạn</h2>${raw(alertBox)}
      ${raw(
        field(
          'ro-unit',
          'Đơn vị',
          html`<select id="ro-unit" name="unitId" data-field="unitId">${options(
            units.items.map((u) => [u.unitId, u.name]),
            null,
          )}</select>`,
        ),
      )}
      ${raw(field('ro-until', `Mở đến (${timeZoneLabel(ctx.timeZone)})`, momentInput('ro-until', 'until', 'until')))}
      ${raw(field('ro-reason', 'Lý do (được ghi vào lịch sử của đơn vị)', '<textarea id="ro-reason" name="reason" data-field="reason"></textarea>'))}
      <p><button type="submit">Mở lại</button></p></form>
    <form id="reopen-stage" class="card" novalidate><h2>Mở lại một giai đoạn bình xét</h2>${raw(alertBox)}
      <p class="muted">Ngoài thời gian của giai đoạn, nền tảng từ chối việc của giai đoạn đó (kiến nghị, bỏ phiếu, biên bản, kiểm tra chéo); mở lại có thời hạn và lý do được ghi vào lịch sử của năm.</p>
      ${raw(
        field(
          'rs-stage',
          'Giai đoạn',
          html`<select id="rs-stage" name="stage" data-field="stage">${options(
            ROUND_STAGES.map((st) => [st, ROUND_STAGE_LABELS[st]]),
            null,
          )}</select>`,
        ),
      )}
      ${raw(field('rs-until', `Mở đến (${timeZoneLabel(ctx.timeZone)})`, momentInput('rs-until', 'until', 'until')))}
      ${raw(field('rs-reason', 'Lý do (được ghi vào lịch sử của năm)', '<textarea id="rs-reason" name="reason" data-field="reason"></textarea>'))}
      <p><button type="submit">Mở lại giai đoạn</button></p></form>`;
  const stageForm = must<HTMLFormElement>('#reopen-stage', view());
  sending(
    stageForm,
    async () => {
      const stage = fieldValue(stageForm, 'stage') as RoundStage;
      const until = fieldValue(stageForm, 'until');
      const done = await api<{ untilLocal: string }>(`/v1/years/${ctx.year}/stages/${stage}/reopen`, {
        method: 'POST',
        body: {
          campaignId: ctx.campaignId,
          until: until ? instantOfLocalIso(until, ctx.timeZone) : '',
          reason: fieldValue(stageForm, 'reason'),
        },
      });
      return `Đã mở lại giai đoạn "${ROUND_STAGE_LABELS[stage]}" năm ${ctx.year} đến ${done.untilLocal}.`;
    },
    () => reopenScreen(view, ctx),
  );
  const form = must<HTMLFormElement>('#reopen', view());
  sending(
    form,
    async () => {
      const unitId = fieldValue(form, 'unitId');
      const until = fieldValue(form, 'until');
      await api(`/v1/units/${unitId}/years/${ctx.year}/reopen`, {
        method: 'POST',
        body: {
          campaignId: ctx.campaignId,
          until: until ? instantOfLocalIso(until, ctx.timeZone) : '',
          reason: fieldValue(form, 'reason'),
        },
      });
      return `Đã mở lại báo cáo năm ${ctx.year} của ${units.items.find((u) => u.unitId === unitId)?.name ?? unitId}.`;
    },
    () => reopenScreen(view, ctx),
  );
};

// --- Figures from a file ----------------------------------------------------------------------------------
const importScreen: Screen = async (view, ctx) => {
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

// --- Units' IT systems (machine clients) ----------------------------------------------------------------
const clientsScreen: Screen = async (view, ctx) => {
  const units = await api<UnitList>(`/v1/units?year=${ctx.year}`);
  const unitId = hashParams().get('unitId') ?? units.items[0]?.unitId ?? '';
  const clients = unitId ? await api<Clients>(`/v1/units/${unitId}/clients`) : { items: [] };
  view().innerHTML = html`<h1>Quản trị — Kết nối hệ thống của đơn vị</h1>${raw(ctx.nav)}
    <form id="pick-client-unit" class="row card"><div><label for="cu">Đơn vị</label><select id="cu" name="unitId">${options(
      units.items.map((u) => [u.unitId, u.name]),
      unitId,
    )}</select></div><div><button type="submit">Xem</button></div></form>
    <div class="table-wrap"><table class="cards"><thead><tr><th>Tên ứng dụng</th><th>Quyền</th><th>Tạo lúc</th><th>Trạng thái</th><th></th></tr></thead><tbody>
    ${raw(clients.items.map((c) => html`<tr><td data-label="Tên ứng dụng">${c.name}</td><td data-label="Quyền">${c.scopes.map((s) => CLIENT_SCOPE_LABELS[s]).join('; ')}</td><td data-label="Tạo lúc">${formatDateTime(c.createdAt, ctx.timeZone).slice(0, 16)}</td><td data-label="Trạng thái">${c.revokedAt ? 'Đã thu hồi' : 'Đang dùng'}</td><td>${c.revokedAt ? '' : raw(html`<button type="button" class="secondary revoke" data-client="${c.clientId}">Thu hồi</button>`)}</td></tr>`).join(''))}
    </tbody></table></div>
    <form id="new-client" class="card" novalidate><h2>Đăng ký ứng dụng mới</h2>${raw(alertBox)}
      ${raw(field('cl-name', 'Tên ứng dụng', '<input id="cl-name" name="name" data-field="name">'))}
      <fieldset data-field="scopes"><legend>Quyền</legend>${raw(
        Object.entries(CLIENT_SCOPE_LABELS)
          .map(([k, v]) => html`<label><input type="checkbox" name="scope" value="${k}" checked> ${v}</label>`)
          .join(''),
      )}</fieldset>
      <p><button type="submit">Đăng ký</button></p><div id="secret" aria-live="polite"></div></form>`;
  must<HTMLFormElement>('#pick-client-unit', view()).addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/quan-tri/ket-noi?year=${ctx.year}&unitId=${must<HTMLSelectElement>('#cu', view()).value}`;
  });
  for (const b of $$<HTMLButtonElement>('button.revoke', view()))
    b.addEventListener('click', async () => {
      try {
        await api(`/v1/units/${unitId}/clients/${b.dataset.client}`, { method: 'DELETE' });
        await clientsScreen(view, ctx);
        flash('Đã thu hồi ứng dụng.');
      } catch (err) {
        flash(refusalOf(err).message, 'alert');
      }
    });
  const form = must<HTMLFormElement>('#new-client', view());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const made = await api<{ clientId: string; clientSecret: string; tokenUrl: string | null; tokenMinutes: number }>(
        `/v1/units/${unitId}/clients`,
        {
          method: 'POST',
          body: {
            name: fieldValue(form, 'name'),
            scopes: $$<HTMLInputElement>('input[name="scope"]:checked', form).map((i) => i.value),
          },
        },
      );
      // The list shows the new application; what to hand over to the unit's IT staff stays under it, once.
      await clientsScreen(view, ctx);
      must('#secret', view()).innerHTML =
        html`<div class="notice"><p><strong>Trao cho cán bộ kỹ thuật của đơn vị:</strong></p><dl class="handover"><dt>Mã ứng dụng (client_id)</dt><dd><code>${made.clientId}</code></dd><dt>Khóa bí mật (client_secret) — chỉ hiện một lần, hãy lưu lại ngay</dt><dd><code>${made.clientSecret}</code></dd>${raw(made.tokenUrl ? html`<dt>Địa chỉ lấy mã truy cập (token URL)</dt><dd><code>${made.tokenUrl}</code></dd>` : '')}<dt>Thời hạn mỗi mã truy cập</dt><dd>${made.tokenMinutes} phút</dd></dl><p>Hướng dẫn kết nối: tài liệu API tại <a href="/docs">/docs</a>.</p></div>`;
      flash('Đã đăng ký ứng dụng.');
    } catch (err) {
      showErrors(form, refusalOf(err));
    }
  });
};

const SCREENS: Record<string, Screen> = {
  'don-vi': unitsScreen,
  cum: clustersScreen,
  nam: yearScreen,
  'phong-trao': campaignScreen,
  'mo-lai': reopenScreen,
  nhap: importScreen,
  'ket-noi': clientsScreen,
};
