/**
 * Hộp thư: what the platform sent (or kept, where there is no address) — a unit's reminders, or for reviewers the
 * daily digests; staff may open any unit's mailbox. Locally the same messages are files in the data directory.
 */
import { LABELS } from '../../../shared/domain/labels.js';
import { api, signedIn } from '../api.js';
import { beginRender, hashParams, html, must, raw } from '../dom.js';
import type { Mailbox, UnitList } from '../types.js';

export async function mailboxView(): Promise<void> {
  const view = beginRender();
  const s = signedIn();
  const unitId = s.role === 'unit' ? s.unitId : hashParams().get('unitId');
  const [box, units] = await Promise.all([
    api<Mailbox>(`/v1/messages${unitId ? `?unitId=${encodeURIComponent(unitId)}` : ''}`),
    s.role === 'unit' ? Promise.resolve(null) : api<UnitList>('/v1/units'),
  ]);
  const whose = unitId
    ? (units?.items.find((u) => u.unitId === unitId)?.name ?? s.unitName ?? unitId)
    : 'Ban Thi đua - Khen thưởng';
  view().innerHTML = html`<h1>Hộp thư — ${whose}</h1>
    ${
      units
        ? raw(
            html`<form id="mfilter" class="row card"><div><label for="m-unit">Hộp thư của</label><select id="m-unit" name="unitId"><option value="">Ban Thi đua - Khen thưởng (thư tổng hợp)</option>${raw(
              units.items
                .map(
                  (u) =>
                    html`<option value="${u.unitId}" ${u.unitId === unitId ? raw('selected') : ''}>${u.name}</option>`,
                )
                .join(''),
            )}</select></div><div><button type="submit">Xem</button></div></form>`,
          )
        : ''
    }
    <p class="muted">Thư nhắc hạn được gửi trước hạn nộp báo cáo cho các đơn vị còn tiêu chí chưa nộp, chưa đủ hoặc bị yêu cầu bổ sung; mỗi lần nhắc chỉ gửi một lần.</p>
    ${
      box.items.length === 0
        ? raw('<p>Chưa có thư nào.</p>')
        : raw(
            box.items
              .map(
                (m) => html`<article class="card message" data-kind="${m.kind}" data-status="${m.status}">
        <h2>${m.subject}</h2>
        <p class="muted">${LABELS.messageKinds[m.kind]} · ${m.createdAtLocal} · <span class="badge ${m.status === 'sent' ? 'met' : m.status === 'failed' ? 'notmet' : 'pending'}">${LABELS.messageStatuses[m.status]}</span>${m.to.length ? ` · Gửi tới: ${m.to.join(', ')}` : ''}</p>
        <pre class="message-text">${m.text}</pre></article>`,
              )
              .join(''),
          )
    }`;
  view()
    .querySelector<HTMLFormElement>('#mfilter')
    ?.addEventListener('submit', (e) => {
      e.preventDefault();
      const chosen = must<HTMLSelectElement>('#m-unit', view()).value;
      location.hash = `#/hop-thu${chosen ? `?unitId=${chosen}` : ''}`;
    });
}
