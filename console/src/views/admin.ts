/**
 * The admin's screens (quản trị): units, clusters and their heads, the year's criteria with their targets, calendar
 * and award quotas, the campaign's reminders, reopenings, imports and units' IT systems — everything the API lets an
 * admin do, each form sending what the API takes and showing its refusals next to the fields they name.
 */
import { instantOfLocalIso, localIso, timeZoneLabel } from '../../../shared/domain/calendar.js';
import { LABELS } from '../../../shared/domain/labels.js';
import {
  ROUND_FIELD_LABELS,
  ROUND_FIELDS,
  ROUND_STAGE_LABELS,
  ROUND_STAGES,
  type RoundField,
  type RoundStage,
} from '../../../shared/domain/stages.js';
import { type Calendar, CLIENT_SCOPE_LABELS, LEVELS, type Level } from '../../../shared/domain/types.js';
import { ApiError, api, refusalOf } from '../api.js';
import {
  $,
  $$,
  beginRender,
  checked,
  fieldValue,
  filePicker,
  flash,
  hashParams,
  html,
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

/** A form that sends itself: its refusal shown next to its fields, success said and the screen drawn again. */
function sending(form: HTMLFormElement, send: () => Promise<string>, again: () => Promise<void>) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = $<HTMLButtonElement>('button[type="submit"]', form);
    if (button) button.disabled = true;
    try {
      const said = await send();
      await again();
      flash(said);
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
const importForm = (id: string, title: string, columns: string) =>
  html`<form id="${id}" class="card" novalidate><h2>${title}</h2>${raw(alertBox)}
    <p class="muted">Tệp CSV (dấu phẩy hoặc chấm phẩy, UTF-8) hoặc Excel (XLSX) với các cột: <code>${columns}</code>. Có lỗi ở bất kỳ dòng nào thì không dòng nào được lưu.</p>
    <label for="${id}-file">Tệp</label>${raw(filePicker(`${id}-file`, 'name="file" data-field="file" accept=".csv,.xlsx"'))}
    <label><input type="checkbox" name="dryRun" checked> Chỉ kiểm tra, chưa lưu</label>
    <p><button type="submit">Gửi tệp</button></p><p class="import-status" role="status" aria-live="polite"></p></form>`;
const importSaid = (r: {
  dryRun?: boolean;
  created?: number;
  updated?: number;
  unchanged?: number;
  stored?: number;
  rows?: number;
}) => {
  const counts = [
    [r.created, r.dryRun ? 'sẽ thêm mới' : 'thêm mới'],
    [r.updated, r.dryRun ? 'sẽ sửa' : 'đã sửa'],
    [r.stored, r.dryRun ? 'sẽ lưu' : 'đã lưu'],
    [r.unchanged, 'không đổi'],
  ].flatMap(([n, what]) => (typeof n === 'number' ? [`${n.toLocaleString('vi-VN')} ${what}`] : []));
  const rows = typeof r.rows === 'number' ? `${r.rows.toLocaleString('vi-VN')} dòng` : '';
  return `${r.dryRun ? 'Tệp hợp lệ, chưa lưu' : 'Đã nhập tệp'}${rows ? `: ${rows}` : ''}${counts.length ? ` (${counts.join(', ')})` : ''}.`;
};

type ImportAnswer = Parameters<typeof importSaid>[0];
/**
 * Sends the form's sheet: a small file is answered at once; a large one is imported as a job, followed here until it
 * has ended, and its refusal shown as a small file's would be.
 */
async function sendSheet(path: string, form: HTMLFormElement) {
  const sent = await api<ImportAnswer | ImportJobView>(path, { method: 'POST', file: sheetOf(form) });
  if (!('statusUrl' in sent)) return importSaid(sent);
  const done = await follow(
    sent,
    must('.import-status', form),
    (j) => `${j.statusLabel}: ${j.rows.toLocaleString('vi-VN')} dòng`,
  );
  if (!done.answerStatus)
    return `Tệp ${done.rows.toLocaleString('vi-VN')} dòng đang được nhập trong nền: ${done.statusLabel}.`;
  if (done.answerStatus >= 300) throw new ApiError(done.answerStatus, done.answer);
  return importSaid(done.answer);
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
      <div class="row">${raw(field('u-from', 'Hoạt động từ ngày', text('u-from', 'validFrom', unit?.validFrom, 'type="date"')))}
      ${raw(field('u-to', 'Đến ngày (bỏ trống nếu còn hoạt động)', text('u-to', 'validTo', unit?.validTo, 'type="date"')))}</div>
      <p><button type="submit">Lưu đơn vị</button></p></form>
    ${raw(importForm('import-units', 'Nhập danh sách đơn vị từ tệp', 'unitId, code, name, kind, level, validFrom, validTo, predecessors, parentId, cluster, contactEmail'))}`;
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
    async () => sendSheet(`/v1/imports/units?dryRun=${checked(importing, 'dryRun')}`, importing),
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
    ${raw(importForm('import-clusters', `Nhập cụm, khối và trưởng cụm năm ${ctx.year}`, 'clusterId, clusterName, unitId, role (head / deputy / member)'))}`;
  const form = must<HTMLFormElement>('#import-clusters', view());
  sending(
    form,
    async () =>
      sendSheet(
        `/v1/imports/clusters?campaignId=${ctx.campaignId}&year=${ctx.year}&dryRun=${checked(form, 'dryRun')}`,
        form,
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
    <section class="card"><h2>Lịch của năm (giờ ${tz})</h2><div class="row">${raw(
      CALENDAR_FIELDS.map(([k, label]) =>
        field(
          `cal-${k}`,
          label,
          html`<input id="cal-${k}" type="datetime-local" step="1" name="${k}" data-field="calendar.${k}" value="${cy.calendar[k] ? localIso(cy.calendar[k], tz) : ''}">`,
        ),
      ).join(''),
    )}</div>
    <p class="muted">Lịch tổng hợp cuối năm và thư nhắc hạn được đặt lại theo lịch này ngay khi lưu.</p></section>
    <section class="card"><h2>Khen thưởng (chỉ tiêu của tỉnh)</h2><div class="row">
      ${raw(field('aw-flag', 'Số Cờ thi đua mỗi cụm, khối', text('aw-flag', 'flagPerGroup', cy.awards.flagPerGroup, 'inputmode="numeric" data-field="awards.flagPerGroup"')))}
      ${raw(field('aw-merit', 'Tỷ lệ Bằng khen mỗi cụm, khối (%)', text('aw-merit', 'meritShare', num(cy.awards.meritShare * 100), 'inputmode="decimal" data-field="awards.meritShare"')))}
      ${raw(field('cut-off', 'Ngày chốt danh sách đơn vị', text('cut-off', 'cutOff', cy.cutOff ?? `${ctx.year}-12-31`, 'type="date"')))}</div></section>
    <section class="card"><h2>Tiêu chí và chỉ tiêu</h2><div class="table-wrap"><table class="cards" id="criteria"><thead><tr><th>Tiêu chí</th><th class="num">Điểm tối đa</th>${raw(cy.levels.map(({ label }) => html`<th>Chỉ tiêu ${label}</th>`).join(''))}</tr></thead><tbody>
    ${raw(
      cy.criteria
        .map((c, i) => {
          const targets = 'targets' in c ? (c.targets as Partial<Record<Level, number>>) : null;
          return html`<tr data-criterion="${c.criterionId}"><td data-label="Tiêu chí">${c.title} <span class="muted">(${c.criterionId})</span></td><td class="num" data-label="Điểm tối đa"><label class="sr-only" for="max-${i}">Điểm tối đa: ${c.title}</label><input id="max-${i}" name="max-${i}" inputmode="decimal" data-field="criteria.${i}.maxPoints" value="${num(c.maxPoints)}"></td>${raw(
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
      ${raw(field('ro-until', `Mở đến (${timeZoneLabel(ctx.timeZone)})`, '<input id="ro-until" type="datetime-local" name="until" data-field="until">'))}
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
      ${raw(field('rs-until', `Mở đến (${timeZoneLabel(ctx.timeZone)})`, '<input id="rs-until" type="datetime-local" name="until" data-field="until">'))}
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
    ${raw(importForm('import-figures', 'Nhập số liệu từ tệp (kết xuất của hệ thống thủ tục hành chính)', 'unitCode, criterionId, year, numerator, denominator, sourceNote'))}`;
  const form = must<HTMLFormElement>('#import-figures', view());
  sending(
    form,
    async () => sendSheet(`/v1/imports/figures?campaignId=${ctx.campaignId}&dryRun=${checked(form, 'dryRun')}`, form),
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
    ${raw(clients.items.map((c) => html`<tr><td data-label="Tên ứng dụng">${c.name}</td><td data-label="Quyền">${c.scopes.map((s) => CLIENT_SCOPE_LABELS[s]).join('; ')}</td><td data-label="Tạo lúc">${c.createdAt}</td><td data-label="Trạng thái">${c.revokedAt ? 'Đã thu hồi' : 'Đang dùng'}</td><td>${c.revokedAt ? '' : raw(html`<button type="button" class="secondary revoke" data-client="${c.clientId}">Thu hồi</button>`)}</td></tr>`).join(''))}
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
      const made = await api<{ clientId: string; clientSecret: string; tokenUrl?: string }>(
        `/v1/units/${unitId}/clients`,
        {
          method: 'POST',
          body: {
            name: fieldValue(form, 'name'),
            scopes: $$<HTMLInputElement>('input[name="scope"]:checked', form).map((i) => i.value),
          },
        },
      );
      must('#secret', form).innerHTML =
        html`<div class="notice"><p>Mã ứng dụng: <code>${made.clientId}</code><br>Khóa bí mật (chỉ hiện một lần, hãy lưu lại ngay): <code>${made.clientSecret}</code></p></div>`;
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
