/** A unit's year: its criteria, what it reported and how it was reviewed, its live score, and the forms to report. */
import { slotIdOf } from '../../../shared/domain/criteria.js';
import { LABELS } from '../../../shared/domain/labels.js';
import { allPages, api, refusalOf, signedIn } from '../api.js';
import {
  $$,
  beginRender,
  dateOnly,
  dmy,
  flash,
  hashParams,
  html,
  must,
  num,
  pct,
  raw,
  showErrors,
  targetsBadge,
} from '../dom.js';
import {
  evidenceFields,
  evidenceList,
  lineageLine,
  metBadge,
  readEvidence,
  readValue,
  sourceNote,
  valueFields,
  valueText,
} from '../figures.js';
import type { CriteriaList, Score, SubmissionView, UnitTask, UnitView } from '../types.js';

export async function unitView(): Promise<void> {
  const view = beginRender();
  const s = signedIn();
  const unit = await api<UnitView>(`/v1/units/${s.unitId}`);
  const year = Number(hashParams().get('nam')) || undefined;
  const crit = await api<CriteriaList>(`/v1/criteria?level=${unit.level}${year ? `&year=${year}` : ''}`);
  const [subs, score, tasks] = await Promise.all([
    allPages<SubmissionView>(`/v1/submissions?unitId=${unit.unitId}&year=${crit.year}`),
    api<Score>(`/v1/units/${unit.unitId}/scores/${crit.year}`),
    crit.items.some((c) => c.kind === 'task')
      ? api<{ items: UnitTask[] }>(`/v1/units/${unit.unitId}/tasks/${crit.year}`).then((r) => r.items)
      : Promise.resolve([]),
  ]);
  const latest = new Map<string, SubmissionView>();
  for (const x of subs)
    if (x.status !== 'superseded')
      latest.set(slotIdOf(x.criterionId, x.value.kind === 'task' ? x.value.taskId : undefined), x);
  const closed = !crit.submissionOpen;
  view().innerHTML = html`<h1>${unit.name} — báo cáo năm ${crit.year}</h1>
    ${raw(lineageLine(unit))}
    <div class="grid">
      <div class="card"><h2>Hạn nộp báo cáo</h2><p class="kpi">${dateOnly(crit.calendar.submissionClosesLocal)}</p><p>${crit.calendar.submissionClosesLocal} (giờ Việt Nam) — <strong>${closed ? 'không nhận báo cáo' : `còn ${crit.daysLeft} ngày`}</strong></p></div>
      <div class="card"><h2>Điểm tạm tính</h2><p class="kpi" id="total">${num(score.totalPoints)} / ${num(score.maxPoints)}</p>
        <p>${raw(targetsBadge(score.metAllTargets))} <span class="muted">Chỉ tính số liệu đã được phê duyệt.</span></p></div>
    </div>
    ${raw(
      closed
        ? html`<div class="notice" role="status"><p>Năm ${crit.year} ${crit.daysLeft > 0 ? `chưa mở nhận báo cáo (mở lúc ${crit.calendar.submissionOpensLocal})` : `đã hết hạn nhận báo cáo lúc ${crit.calendar.submissionClosesLocal}`}. Nếu đơn vị cần nộp hoặc sửa báo cáo năm này, Ban Thi đua - Khen thưởng có thể mở lại cho đơn vị: hãy liên hệ ${crit.board}.</p>${raw(
            crit.currentYear !== crit.year
              ? html`<p><a href="#/don-vi?nam=${crit.currentYear}">Báo cáo năm ${crit.currentYear}</a></p>`
              : '',
          )}</div>`
        : '',
    )}
    <p><a href="#/hop-thu">Hộp thư của đơn vị</a> (thư nhắc hạn đã gửi)</p>
    <h2>Tiêu chí (${crit.levels.find((l) => l.level === unit.level)?.label ?? LABELS.levels[unit.level]})</h2>
    ${raw(
      crit.items
        .map((c) => {
          const sc = score.criteria.find((x) => x.criterionId === c.criterionId);
          const slots: Array<UnitTask | null> =
            c.kind === 'task' ? tasks.filter((t) => t.criterionId === c.criterionId) : [null];
          return html`<section class="card" aria-labelledby="h-${c.criterionId}">
        <h3 id="h-${c.criterionId}">${c.title}</h3>
        <p class="muted">${c.kindLabel} · Chỉ tiêu: ${c.targetText ?? 'đánh giá của Ban TĐKT'} · Tối đa ${num(c.maxPoints)} điểm ${c.source ? `· ${c.source}` : ''}</p>
        <p>Điểm: <strong>${num(sc?.points ?? 0)}</strong> ${raw(metBadge(sc?.met))} ${sc?.ratio !== null && sc?.ratio !== undefined ? `· Tỷ lệ được duyệt: ${pct(sc.ratio)}` : ''}</p>
        ${raw(
          slots
            .map((t) => {
              const key = slotIdOf(c.criterionId, t?.taskId);
              const last = latest.get(key);
              const id = `f-${key.replace(/[^a-z0-9]/gi, '-')}`;
              return html`${t ? raw(html`<h4>Nhiệm vụ ${t.taskId} <span class="muted">(hạn ${dmy(t.dueOn)})</span></h4><p>${t.content}</p>`) : ''}
          ${
            last
              ? raw(html`<p>Báo cáo gần nhất (lần ${last.version}, ${last.submittedAtLocal}): <strong>${valueText(last.value)}</strong>${sourceNote(last)} — <span class="badge ${last.status === 'approved' ? 'met' : last.status === 'submitted' ? 'pending' : 'notmet'}" data-status="${last.status}">${LABELS.statuses[last.status]}</span>
            ${last.review?.comment ? raw(html`<br><span>Ý kiến thẩm định: <em>${last.review.comment}</em></span>`) : ''}
            ${last.review?.correctedValue ? raw(html`<br><span>Số liệu được điều chỉnh: ${valueText(last.review.correctedValue)}</span>`) : ''}</p>
            ${last.evidence.some((e) => e.fileId) ? raw(evidenceList(last.evidence)) : ''}`)
              : raw('<p class="muted">Chưa nộp báo cáo.</p>')
          }
          ${
            closed
              ? ''
              : raw(html`<details ${last?.status === 'returned' || !last ? raw('open') : ''}><summary>${last ? 'Nộp lại (báo cáo mới thay thế báo cáo trước)' : 'Nộp báo cáo'}</summary>
            <form class="submit-form" id="${id}" data-criterion="${c.criterionId}" data-kind="${c.kind}" novalidate>
              <div class="form-alert" tabindex="-1"></div>
              ${raw(valueFields(c.kind, 'value', id, t?.taskId))}
              ${raw(evidenceFields(id))}
              <p><button type="button" class="secondary add-evidence">Thêm minh chứng</button></p>
              <button type="submit">Nộp báo cáo</button>
            </form></details>`)
          }`;
            })
            .join('<hr>'),
        )}
      </section>`;
        })
        .join(''),
    )}`;
  for (const b of $$<HTMLButtonElement>('button.add-evidence', view()))
    b.addEventListener('click', () => {
      const form = b.closest('form');
      if (!form) return;
      const count = $$('fieldset.evidence', form).length;
      b.parentElement?.insertAdjacentHTML('beforebegin', evidenceFields(form.id, count));
      $$('fieldset.evidence', form)[count]?.querySelector('input')?.focus();
    });
  for (const form of $$<HTMLFormElement>('form.submit-form', view()))
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const button = must<HTMLButtonElement>('button[type="submit"]', form);
      button.disabled = true;
      const kind = crit.items.find((c) => c.criterionId === form.dataset.criterion)?.kind ?? 'assessed';
      try {
        await api('/v1/submissions', {
          method: 'POST',
          body: {
            campaignId: crit.campaignId,
            unitId: unit.unitId,
            year: crit.year,
            criterionId: form.dataset.criterion,
            value: readValue(kind, form),
            evidence: readEvidence(form),
          },
        });
        flash('Đã nộp báo cáo. Báo cáo sẽ được Ban Thi đua - Khen thưởng thẩm định.');
        await unitView();
      } catch (err) {
        showErrors(form, refusalOf(err));
        button.disabled = false;
      }
    });
}
