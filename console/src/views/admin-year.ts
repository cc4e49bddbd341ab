/** The admin's year screen: the criteria with their targets, the calendar and the round's stages, the award quotas. */
import { instantOfLocalIso, localIso, timeZoneLabel } from '../../../shared/domain/calendar.js';
import { ROUND_FIELD_LABELS, ROUND_FIELDS, type RoundField } from '../../../shared/domain/stages.js';
import type { Calendar, Level } from '../../../shared/domain/types.js';
import { api } from '../api.js';
import { $, checked, dayInput, fieldValue, html, momentInput, must, num, raw } from '../dom.js';
import type { CampaignYearView, OpenedYear } from '../types.js';
import { alertBox, field, type Screen, sending, text } from './admin-forms.js';

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

export const yearScreen: Screen = async (view, ctx) => {
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
