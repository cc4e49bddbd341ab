import { meetsTarget } from '../../../shared/domain/kinds/index.js';
import { LABELS } from '../../../shared/domain/labels.js';
import { ApiError, allPages, api, refusalOf, session } from '../api.js';
import {
  $,
  $$,
  beginRender,
  checked,
  fieldValue,
  flash,
  hashParams,
  html,
  must,
  navigate,
  num,
  options,
  pct,
  raw,
  showErrors,
} from '../dom.js';
import { evidenceList, metBadge, readValue, sourceNote, valueFields, valueText } from '../figures.js';
import type { CriteriaList, HistoryPage, PreviousYear, SubmissionView, YearClusters } from '../types.js';
import { personIn, personOf } from './people.js';

/** Reports a reviewer may approve together: figures read as they are, with no points to give or tasks to check. */
const BULK_KINDS = new Set(['ratio', 'count', 'boolean']);
/** The queue's filters, kept while the reviewer works through it (a decision returns to the same filtered queue). */
const QUEUE_FILTERS = 'queueFilters';
/** Back to where the report was picked: the reviewer's queue, or a head's cross-check list on the Bình xét page. */
const queueHash = () =>
  session.get()?.role === 'unit' ? '#/binh-xet' : `#/tham-dinh${sessionStorage.getItem(QUEUE_FILTERS) ?? ''}`;

export async function queueView(): Promise<void> {
  const view = beginRender();
  const params = hashParams();
  sessionStorage.setItem(QUEUE_FILTERS, params.size ? `?${params}` : '');
  const crit = await api<CriteriaList>(`/v1/criteria${params.get('year') ? `?year=${params.get('year')}` : ''}`);
  const year = crit.year;
  const { clusters } = await api<YearClusters>(`/v1/campaigns/${crit.campaignId}/years/${year}/clusters`);
  const q = new URLSearchParams({ status: 'submitted', year: String(year) });
  for (const k of ['level', 'cluster', 'criterionId']) {
    const v = params.get(k);
    if (v) q.set(k, v);
  }
  const items = await allPages<SubmissionView>(`/v1/submissions?${q}`);
  const sel = (name: string, label: string, entries: Array<[string, string]>) =>
    html`<div><label for="q-${name}">${label}</label><select id="q-${name}" name="${name}"><option value="">Tất cả</option>${options(entries, params.get(name))}</select></div>`;
  const criterionOf = (id: string) => crit.items.find((x) => x.criterionId === id);
  view().innerHTML = html`<h1>Hàng chờ thẩm định năm ${year}</h1>
    <form id="filters" class="row card">
      <div><label for="q-year">Năm</label><input id="q-year" name="year" type="number" value="${year}"></div>
      ${raw(
        sel(
          'level',
          'Cấp',
          crit.levels.map((l) => [l.level, l.label]),
        ),
      )}${raw(
        sel(
          'cluster',
          'Cụm/khối',
          clusters.map((c) => [c.clusterId, c.name]),
        ),
      )}
      ${raw(
        sel(
          'criterionId',
          'Tiêu chí',
          crit.items.map((c) => [c.criterionId, c.title]),
        ),
      )}
      <div><button type="submit">Lọc</button></div>
    </form>
    <p>${items.length} báo cáo chờ thẩm định, cũ nhất trước. Báo cáo số liệu (tỷ lệ, số lượng, có/không) có thể chọn để phê duyệt cùng lúc.</p>
    <p><button type="button" id="bulk" class="secondary" disabled>Phê duyệt các báo cáo đã chọn</button></p>
    <div class="table-wrap"><table class="cards" id="queue"><thead><tr><th><span class="sr-only">Chọn</span></th><th>Đơn vị</th><th>Cấp</th><th>Tiêu chí</th><th>Số liệu</th><th>Nộp lúc</th><th></th></tr></thead><tbody>
    ${raw(
      items
        .map((s) => {
          const c = criterionOf(s.criterionId);
          const title = c?.title ?? s.criterionId;
          const met = meetsTarget(c?.targetByLevel[s.unitLevel], s.value);
          return html`<tr data-id="${s.submissionId}"><td data-label="Chọn">${c && BULK_KINDS.has(c.kind) ? raw(html`<input type="checkbox" class="pick" value="${s.submissionId}" data-version="${s.version}" aria-label="Chọn ${s.unitName}: ${title}">`) : ''}</td><td data-label="Đơn vị">${s.unitName}</td><td data-label="Cấp">${LABELS.levels[s.unitLevel]}</td><td data-label="Tiêu chí">${title}</td>
      <td data-label="Số liệu">${valueText(s.value)}${sourceNote(s)} ${raw(metBadge(met))}${s.version > 1 ? raw(html` <span class="badge pending">Nộp lại lần ${s.version}</span>`) : ''}</td><td data-label="Nộp lúc">${s.submittedAtLocal}</td><td><a href="#/tham-dinh/${s.submissionId}">Thẩm định</a></td></tr>`;
        })
        .join(''),
    )}
    </tbody></table></div>
    <dialog id="bulk-confirm" aria-labelledby="bulk-title"><h2 id="bulk-title">Phê duyệt cùng lúc</h2><p>Các báo cáo sau sẽ được phê duyệt với số liệu đơn vị đã nộp:</p><ol id="bulk-list"></ol>
      <p><button type="button" id="bulk-yes">Xác nhận phê duyệt</button> <button type="button" class="secondary" id="bulk-no">Hủy</button></p></dialog>`;
  const picked = () => $$<HTMLInputElement>('input.pick:checked', view());
  const label = (p: HTMLInputElement) => (p.getAttribute('aria-label') ?? '').replace(/^Chọn /, '');
  const bulk = must<HTMLButtonElement>('#bulk', view());
  must('#queue', view()).addEventListener('change', () => {
    bulk.disabled = picked().length === 0;
  });
  const dialog = must<HTMLDialogElement>('#bulk-confirm', view());
  const yes = must<HTMLButtonElement>('#bulk-yes', view());
  bulk.addEventListener('click', () => {
    must('#bulk-list', view()).innerHTML = picked()
      .map((p) => html`<li>${label(p)}</li>`)
      .join('');
    yes.textContent = `Xác nhận phê duyệt ${picked().length} báo cáo`;
    dialog.showModal();
  });
  must('#bulk-no', view()).addEventListener('click', () => dialog.close());
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    const failed: string[] = [];
    let done = 0;
    for (const p of picked()) {
      try {
        await api(`/v1/submissions/${p.value}/decision`, {
          method: 'POST',
          body: { decision: 'approved', expectedVersion: Number(p.dataset.version) },
        });
        done++;
      } catch (err) {
        failed.push(`${label(p)}: ${refusalOf(err).message}`);
      }
    }
    dialog.close();
    await queueView();
    flash(
      `Đã phê duyệt ${done} báo cáo.${failed.length ? ` Không phê duyệt được: ${failed.join('; ')}` : ''}`,
      failed.length ? 'alert' : 'notice',
    );
  });
  must<HTMLFormElement>('#filters', view()).addEventListener('submit', (e) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v) f.set(k, v);
    location.hash = `#/tham-dinh?${f}`;
  });
}

/** Last year's figure beside the report: the unit's own, or its predecessors' (each with its share) and their combination. */
function previousYearText(p: PreviousYear): string {
  const figure = (f: PreviousYear['own']) =>
    f ? `${valueText(f.value)} (${LABELS.statuses[f.status]})` : 'không có báo cáo';
  if (!p.hasYear) return html`<p>Năm ${p.year}: phong trào không có năm này</p>`;
  if (!p.predecessors.length) return html`<p>Năm ${p.year}: ${figure(p.own)}</p>`;
  const combined = p.combined
    ? html`<p>Gộp theo quy tắc kế thừa (${LABELS.lineageRules[p.combined.rule]}, ${p.combined.of} đơn vị có số liệu được phê duyệt): ${p.combined.kind === 'ratio' ? pct(p.combined.value) : num(p.combined.value)}</p>`
    : '';
  return html`<p>Năm ${p.year}: đơn vị chưa thành lập; số liệu của các đơn vị tiền thân:</p><ul>${raw(
    p.predecessors
      .map(
        (d) =>
          html`<li>${d.name} (${LABELS.relations[d.relation]}, tỷ trọng ${pct(d.share)}): ${figure(d.figure)}</li>`,
      )
      .join(''),
  )}</ul>${raw(combined)}`;
}

export async function reviewView(id: string): Promise<void> {
  const view = beginRender();
  const [s, history] = await Promise.all([
    api<SubmissionView>(`/v1/submissions/${id}`),
    api<HistoryPage>(`/v1/submissions/${id}/history`),
  ]);
  const taskOf = (v: SubmissionView['value']) => (v.kind === 'task' ? v.taskId : undefined);
  const [crit, lastYear] = await Promise.all([
    api<CriteriaList>(`/v1/criteria?year=${s.year}&level=${s.unitLevel}`),
    // The same slot a year earlier: the unit's own figure, or its predecessors' for a unit formed since.
    api<PreviousYear>(`/v1/submissions/${id}/previous-year`),
  ]);
  const c = crit.items.find((x) => x.criterionId === s.criterionId);
  const previous = history.items.find((h) => h.action === 'submitted' && h.version === s.version - 1)?.after as
    | { value?: SubmissionView['value'] }
    | undefined;
  const changed = previous?.value && JSON.stringify(previous.value) !== JSON.stringify(s.value);
  const formId = 'decision';
  // A cluster's head recommends (đề xuất); a reviewer of the Ban Thi đua - Khen thưởng decides, seeing the recommendation.
  const asHead = session.get()?.role === 'unit';
  const rec = s.recommendation;
  const recommendationCard = rec
    ? html`<div class="card" id="recommendation"><h2>Đề xuất của ${LABELS.capacities[rec.capacity].split(' (')[0]!.toLowerCase()}</h2>
      <p><span class="badge" data-status="${rec.decision}">${LABELS.recommendations[rec.decision]}</span> — ${personOf(rec.recommendedByName)}, ${rec.recommendedAtLocal}</p>
      ${rec.comment ? raw(html`<p>${rec.comment}</p>`) : ''}${rec.correctedValue ? raw(html`<p>Số liệu đề xuất điều chỉnh: ${valueText(rec.correctedValue)}</p>`) : ''}${rec.points !== null ? raw(html`<p>Điểm đề xuất: ${num(rec.points)}</p>`) : ''}
      <p class="muted">${asHead ? 'Đề xuất chỉ có hiệu lực khi Ban Thi đua - Khen thưởng xác nhận.' : 'Đề xuất của trưởng cụm chỉ được tính khi thẩm định viên xác nhận.'}</p>
      ${!asHead && s.status === 'submitted' ? raw('<p><button type="button" id="confirm-recommendation">Xác nhận đề xuất</button></p>') : ''}</div>`
    : '';
  view().innerHTML = html`<p><a href="${queueHash()}">← ${session.get()?.role === 'unit' ? 'Kiểm tra chéo' : 'Hàng chờ thẩm định'}</a></p>
    <h1>${s.unitName}: ${c?.title ?? s.criterionId}</h1>
    <div class="grid"><div class="card"><h2>Số liệu báo cáo</h2><p class="kpi">${valueText(s.value)}</p>${s.source?.kind === 'import' ? raw(html`<p>${sourceNote(s)}</p>`) : ''}
      <p>Lần nộp ${s.version} · ${s.submittedAtLocal} · <span class="badge" data-status="${s.status}">${LABELS.statuses[s.status]}</span></p>
      <p>Chỉ tiêu ${LABELS.levels[s.unitLevel]}: ${c?.targetText ?? 'đánh giá'} ${raw(metBadge(meetsTarget(c?.targetByLevel[s.unitLevel], s.value)))}</p>
      ${previous?.value ? raw(html`<p>${changed ? raw(html`<span class="badge pending">Đã thay đổi</span> lần nộp trước: ${valueText(previous.value)}`) : 'Không đổi so với lần nộp trước'}</p>`) : ''}
      <div class="muted" id="previous-year">${raw(previousYearText(lastYear))}</div></div>
    <div class="card"><h2>Minh chứng</h2>${raw(evidenceList(s.evidence))}</div></div>
    ${raw(recommendationCard)}
    ${
      s.status === 'submitted'
        ? raw(html`<form id="${formId}" class="card" novalidate>
      <h2>${asHead ? 'Đề xuất kiểm tra chéo' : 'Quyết định'}</h2><div class="form-alert" tabindex="-1"></div>
      <fieldset data-field="decision"><legend>${asHead ? 'Đề xuất kết quả' : 'Kết quả thẩm định'}</legend>
        <label><input type="radio" name="decision" value="approved" required> Phê duyệt</label>
        <label><input type="radio" name="decision" value="returned"> Yêu cầu bổ sung</label>
        <label><input type="radio" name="decision" value="rejected"> Không chấp nhận</label></fieldset>
      <label for="comment">Ý kiến (bắt buộc khi yêu cầu bổ sung hoặc không chấp nhận)</label><textarea id="comment" name="comment" data-field="comment"></textarea>
      ${c?.kind === 'assessed' ? raw(html`<label for="points">Điểm (tối đa ${num(c.maxPoints)})</label><input id="points" name="points" inputmode="decimal" data-field="points">`) : ''}
      ${c && c.kind !== 'assessed' ? raw(html`<details><summary>Điều chỉnh số liệu khi phê duyệt</summary><div class="corr">${raw(valueFields(c.kind, 'correctedValue', 'corr', taskOf(s.value)))}</div><label><input type="checkbox" name="correct"> Dùng số liệu điều chỉnh</label></details>`) : ''}
      <p><button type="submit">${asHead ? 'Gửi đề xuất' : 'Ghi quyết định'}</button></p></form>`)
        : raw(
            s.review
              ? html`<div class="card"><h2>Quyết định</h2><p>${LABELS.statuses[s.review.decision]} — ${personOf(s.review.decidedByName)}${s.review.capacity ? ` (${LABELS.capacities[s.review.capacity]})` : ''}, ${s.review.decidedAtLocal}</p>${s.review.comment ? raw(html`<p>${s.review.comment}</p>`) : ''}</div>`
              : '',
          )
    }
    <h2>Lịch sử</h2><ol class="history">${raw(
      history.items
        .map((h) => {
          const after = (h.after ?? {}) as {
            corrected?: boolean;
            value?: SubmissionView['value'];
            files?: Array<{ sha256: string }>;
          };
          const action = (LABELS.historyActions as Record<string, string>)[h.action] ?? 'Thay đổi';
          return html`<li><strong>${h.atLocal}</strong> — ${personIn(h.actorName, h.role)}: ${action} (lần ${h.version})${h.comment ? ` — “${h.comment}”` : ''}${after.corrected ? ` — số liệu điều chỉnh: ${valueText(after.value)}` : ''}${after.files?.length ? ` — căn cứ ${after.files.length} tệp minh chứng (SHA-256 ${after.files.map((f) => `${f.sha256.slice(0, 12)}…`).join(', ')})` : ''}</li>`;
        })
        .join(''),
    )}</ol>`;
  const form = view().querySelector<HTMLFormElement>(`#${formId}`);
  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    // Nothing is chosen for the reviewer: without a choice the platform answers which field is missing.
    const decision = form.querySelector<HTMLInputElement>('[name="decision"]:checked')?.value;
    const body: Record<string, unknown> = { decision, expectedVersion: s.version };
    const comment = fieldValue(form, 'comment');
    if (comment) body.comment = comment;
    const points = fieldValue(form, 'points');
    if (points) body.points = Number(points.replace(',', '.'));
    if (c && checked(form, 'correct')) body.correctedValue = readValue(c.kind, must('.corr', form));
    try {
      await api(`/v1/submissions/${id}/decision`, { method: 'POST', body });
      navigate(
        queueHash(),
        asHead ? 'Đã gửi đề xuất; Ban Thi đua - Khen thưởng sẽ xác nhận.' : 'Đã ghi quyết định thẩm định.',
      );
    } catch (err) {
      if (err instanceof ApiError && ['VERSION_CONFLICT', 'ALREADY_DECIDED', 'SUPERSEDED'].includes(err.code ?? '')) {
        const alert = must('.form-alert', form);
        alert.innerHTML = html`<div class="alert" role="alert"><strong>Không ghi được quyết định:</strong> ${err.message}. Có thể một thẩm định viên khác vừa xử lý báo cáo này, hoặc đơn vị vừa nộp báo cáo mới. <button type="button" class="secondary" id="reload">Tải lại báo cáo</button></div>`;
        must('#reload', view()).addEventListener('click', () => void reviewView(id));
        alert.focus();
      } else showErrors(form, refusalOf(err));
    }
  });
  // The reviewer confirms the head's recommendation as it stands: the same decision, correction and points.
  $('#confirm-recommendation', view())?.addEventListener('click', async () => {
    if (!rec) return;
    try {
      await api(`/v1/submissions/${id}/decision`, {
        method: 'POST',
        body: {
          decision: rec.decision,
          expectedVersion: s.version,
          ...(rec.comment ? { comment: rec.comment } : {}),
          ...(rec.correctedValue ? { correctedValue: rec.correctedValue } : {}),
          ...(rec.points !== null ? { points: rec.points } : {}),
        },
      });
      navigate(queueHash(), 'Đã xác nhận đề xuất của trưởng cụm.');
    } catch (err) {
      flash(refusalOf(err).message, 'alert');
    }
  });
}
