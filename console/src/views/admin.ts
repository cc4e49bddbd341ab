/**
 * The admin's screens (quản trị): units, clusters and their heads, the year's criteria with their targets, calendar
 * and award quotas, the campaign's reminders, reopenings, imports and units' IT systems — everything the API lets an
 * admin do, each form sending what the API takes and showing its refusals next to the fields they name.
 */
import { formatDateTime, instantOfLocalIso, timeZoneLabel } from '../../../shared/domain/calendar.js';
import { LABELS } from '../../../shared/domain/labels.js';
import { ROUND_STAGE_LABELS, ROUND_STAGES, type RoundStage } from '../../../shared/domain/stages.js';
import { CLIENT_SCOPE_LABELS } from '../../../shared/domain/types.js';
import { api, refusalOf } from '../api.js';
import {
  $$,
  beginRender,
  checked,
  dayInput,
  fieldValue,
  flash,
  hashParams,
  html,
  momentInput,
  must,
  options,
  raw,
  showErrors,
} from '../dom.js';
import type { CampaignView, Clients, CriteriaList, UnitList, UnitView, YearClusters } from '../types.js';
import { alertBox, field, levels, type Screen, sending, text } from './admin-forms.js';
import { importForm, importScreen, listenForTemplates, sendSheet } from './admin-imports.js';
import { yearScreen } from './admin-year.js';

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
