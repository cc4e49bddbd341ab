/** The public scorecard (công khai): no sign-in; how each point of a unit was earned, with the evidence's hashes. */
import { LABELS } from '../../../shared/domain/labels.js';
import { api } from '../api.js';
import { beginRender, html, num, pct, raw, targetsBadge } from '../dom.js';
import { metBadge, valueText } from '../figures.js';
import type { PublicScorecard } from '../types.js';

export async function scorecardView(year: number, unitId: string): Promise<void> {
  const view = beginRender();
  const sc = await api<PublicScorecard>(`/v1/scorecards/${year}/units/${unitId}`, { token: null });
  const figuresOf = (criterionId: string) => sc.figures.filter((f) => f.criterionId === criterionId);
  const r = sc.ranking;
  const score = sc.score;
  if (!score) {
    view().innerHTML = html`<h1>Bảng điểm công khai — ${sc.unit.name}, năm ${sc.year}</h1><p class="alert">Đơn vị không có điểm trong lượt tổng hợp lúc ${sc.finishedAtLocal}.</p>`;
    return;
  }
  view().innerHTML = html`<h1>Bảng điểm công khai — ${sc.unit.name}, năm ${sc.year}</h1>
    <p>${sc.campaignName} · ${LABELS.levels[sc.unit.level]} · tổng hợp lúc ${sc.finishedAtLocal} · <span class="badge ${sc.status === 'final' ? 'met' : 'pending'}">${sc.statusLabel}</span></p>
    <div class="grid">
      <div class="card"><h2>Tổng điểm</h2><p class="kpi">${num(score.totalPoints)} / ${num(score.maxPoints)}</p>
        <p>${raw(targetsBadge(score.metAllTargets))}</p></div>
      <div class="card"><h2>Xếp hạng</h2><p class="kpi">${r ? `Hạng ${r.levelRank}` : '—'}</p>
        <p>${r?.clusterRank ? `Hạng ${r.clusterRank} trong cụm, khối` : ''}${r?.award ? ` · Đề nghị: ${LABELS.awards[r.award]}` : ''}</p></div>
    </div>
    <div class="table-wrap"><table class="cards"><thead><tr><th>Tiêu chí</th><th>Số liệu được tính</th><th>Chỉ tiêu</th><th>Kết quả thẩm định</th><th class="num">Điểm</th></tr></thead><tbody>
    ${raw(
      score.criteria
        .map(
          (c) =>
            html`<tr><td data-label="Tiêu chí">${c.title}</td><td data-label="Số liệu được tính">${c.value ? valueText(c.value) : '—'}${raw(
              figuresOf(c.criterionId)
                .filter((f) => f.fileHashes.length)
                .map(
                  (f) =>
                    html`<br><span class="muted hash">Minh chứng SHA-256 ${f.fileHashes.map((x) => `${x.slice(0, 16)}…`).join(', ')}</span>${raw(
                      f.fileHashes
                        .flatMap((x) => sc.evidenceSignatures[x] ?? [])
                        .map((line) => html`<br><span class="signature-line">${line}</span>`)
                        .join(''),
                    )}`,
                )
                .join(''),
            )}</td><td data-label="Chỉ tiêu">${c.target === null ? '—' : c.kind === 'ratio' ? pct(c.target) : num(c.target)} ${raw(metBadge(c.met))}</td><td data-label="Kết quả thẩm định">${LABELS.statuses[c.status] ?? c.status}</td><td class="num" data-label="Điểm">${num(c.points)} / ${num(c.maxPoints)}</td></tr>`,
        )
        .join(''),
    )}</tbody></table></div>
    <p class="muted">Mã băm xếp hạng của lượt tổng hợp: <span class="hash">${sc.digest}</span><br>
      SHA-256 của gói bảng điểm: <span class="hash">${sc.bundleSha256}</span></p>`;
}
