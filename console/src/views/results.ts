/** Results of a year: the ranking by level or cluster, the share of units meeting each target, reports, runs. */
import { LABELS } from '../../../shared/domain/labels.js';
import { awardText, targetsMetText } from '../../../shared/domain/report.js';
import type { Level } from '../../../shared/domain/types.js';
import { absentWhenNotRun, api, download, refusalOf, signedIn } from '../api.js';
import {
  $,
  $$,
  beginRender,
  fieldValue,
  flash,
  hashParams,
  html,
  must,
  num,
  options,
  pct,
  raw,
  showErrors,
  sizeText,
} from '../dom.js';
import { followRun, runOutcome } from '../runs.js';
import type {
  Bundle,
  CriteriaList,
  Rankings,
  Runs,
  RunView,
  TieDecisionView,
  YearClusters,
  YearReport,
} from '../types.js';

type Ranked = Rankings['items'][number];

/** The award, how it was decided, or why the unit has none: each proposal says what it rests on. */
const awardCell = (r: Ranked) =>
  html`${awardText(r)}${r.tiedFor ? raw(' <span class="badge pending">đề nghị bình xét</span>') : ''}${raw(
    r.award && r.basis
      ? html`<br><span class="muted small">${LABELS.awardDecidedBy[r.basis.decidedBy]}</span>`
      : r.notProposed.length && !r.tiedFor
        ? html`<br><span class="muted small">${r.notProposed.map((n) => LABELS.notProposed[n]).join('; ')}</span>`
        : '',
  )}`;

/**
 * The admin's decision on a tie at a quota where no vote decides it (a level outside clusters, or the Bằng khen):
 * which tied units take the award, and why.
 */
function tieForms(items: Ranked[]): string {
  const ties = new Map<string, { group: string; award: NonNullable<Ranked['tiedFor']>; units: Ranked[] }>();
  for (const r of items) {
    if (!r.tiedFor || (r.cluster && r.tiedFor === 'co-thi-dua')) continue;
    const group = r.cluster ?? `level:${r.level}`;
    const key = `${group}|${r.tiedFor}`;
    const tie = ties.get(key) ?? { group, award: r.tiedFor, units: [] };
    tie.units.push(r);
    ties.set(key, tie);
  }
  return [...ties.values()]
    .map(
      (
        t,
        i,
      ) => html`<section class="card" aria-labelledby="tie-h-${i}"><h2 id="tie-h-${i}">Đồng hạng ở ngưỡng ${LABELS.awards[t.award]} — ${t.units[0]!.clusterName ?? LABELS.levels[t.units[0]!.level]}</h2>
      <p>Các đơn vị dưới đây bằng điểm nhau ở ngưỡng số lượng khen thưởng; nền tảng không tự chọn. Chọn đơn vị được đề nghị và ghi lý do (ví dụ: theo biên bản họp Hội đồng Thi đua - Khen thưởng).</p>
      <form class="tie-form" data-group="${t.group}" data-award="${t.award}" novalidate><div class="form-alert" tabindex="-1"></div>
        <fieldset data-field="unitIds"><legend>Đơn vị được đề nghị</legend>${raw(t.units.map((u) => html`<label><input type="checkbox" name="unitIds" value="${u.unitId}"> ${u.name}</label>`).join(' '))}</fieldset>
        <label for="tie-reason-${i}">Lý do</label><textarea id="tie-reason-${i}" name="reason" data-field="reason"></textarea>
        <p><button type="submit">Ghi quyết định và tổng hợp lại</button> <span class="tie-status" role="status" aria-live="polite"></span></p></form></section>`,
    )
    .join('');
}

export async function resultsView(): Promise<void> {
  const view = beginRender();
  const s = signedIn();
  const params = hashParams();
  const crit = await api<CriteriaList>('/v1/criteria');
  const year = Number(params.get('year')) || crit.year;
  const level = (params.get('level') || 'department') as Level;
  const cluster = params.get('cluster') ?? '';
  const [rankings, report, runs, yearCrit, yearClusters] = await Promise.all([
    absentWhenNotRun(api<Rankings>(`/v1/rankings/${year}?level=${level}${cluster ? `&cluster=${cluster}` : ''}`)),
    absentWhenNotRun(api<YearReport>(`/v1/reports/${year}`)),
    s.role === 'admin' ? absentWhenNotRun(api<Runs>(`/v1/aggregations/${year}`)) : Promise.resolve(null),
    api<CriteriaList>(`/v1/criteria?year=${year}`),
    api<YearClusters>(`/v1/campaigns/${crit.campaignId}/years/${year}/clusters`),
  ]);
  const levelSummary = report?.summary.find((x) => x.level === level);
  const byIndex = rankings?.items.some((r) => r.index !== undefined) ?? false;
  // The level's clusters of that year, by their names (a unit's cluster says which level it gathers).
  const levelUnits = new Set((rankings?.items ?? []).map((r) => r.cluster).filter((c): c is string => !!c));
  const clusters = yearClusters.clusters.filter((c) => levelUnits.size === 0 || levelUnits.has(c.clusterId));
  const status = rankings?.status ?? 'provisional';
  view().innerHTML = html`<h1>Kết quả, xếp hạng năm ${year} <span class="badge ${status === 'final' ? 'met' : 'pending'}" id="result-status">${LABELS.resultStatuses[status]}</span></h1>
    ${report ? raw(html`<p class="muted" id="legal-basis">${report.heading[0]} — ${report.heading[1]}</p>`) : ''}
    <form id="rfilters" class="row card">
      <div><label for="r-year">Năm</label><input id="r-year" name="year" type="number" value="${year}"></div>
      <div><label for="r-level">Cấp</label><select id="r-level" name="level">${options(
        yearCrit.levels.map((l) => [l.level, l.label]),
        level,
      )}</select></div>
      <div><label for="r-cluster">Cụm/khối thi đua</label><select id="r-cluster" name="cluster"><option value="">Tất cả</option>${options(
        clusters.map((c) => [c.clusterId, c.name]),
        cluster,
      )}</select></div>
      <div><button type="submit">Xem</button></div>
    </form>
    ${
      s.role === 'admin'
        ? raw(html`<section class="card" aria-labelledby="h-runs"><h2 id="h-runs">Tổng hợp cuối năm</h2>
      <p>${status === 'final' ? raw(html`<button id="reopen-year" class="secondary">Mở lại năm ${year}</button>`) : raw(html`<button id="run">Chạy tổng hợp năm ${year}</button> <button id="finalize" class="secondary">Chốt kết quả chính thức năm ${year}</button>`)} <span id="run-status" role="status" aria-live="polite"></span></p>
      <dialog id="finalize-confirm" aria-labelledby="fin-title"><h2 id="fin-title">Chốt kết quả chính thức năm ${year}</h2>
        <p>Nền tảng sẽ tổng hợp, xếp hạng lần cuối; kết quả trở thành <strong>chính thức</strong> và từ đó <strong>khóa</strong> mọi thay đổi của năm ${year}: báo cáo số liệu, quyết định thẩm định, bộ tiêu chí và lịch, cụm thi đua, việc mở lại báo cáo cho đơn vị. Chỉ quản trị viên mở lại được năm, kèm lý do.</p>
        <p><button type="button" id="finalize-yes">Chốt và khóa năm ${year}</button> <button type="button" class="secondary" id="finalize-no">Hủy</button></p></dialog>
      <dialog id="reopen-confirm" aria-labelledby="ry-title"><h2 id="ry-title">Mở lại năm ${year}</h2><form id="reopen-year-form" novalidate><div class="form-alert" tabindex="-1"></div>
        <label for="ry-reason">Lý do (được ghi vào lịch sử của năm)</label><textarea id="ry-reason" name="reason" data-field="reason"></textarea>
        <p><button type="submit">Mở lại</button> <button type="button" class="secondary" id="reopen-no">Hủy</button></p></form></dialog>
      ${
        runs
          ? raw(html`<div class="table-wrap"><table class="cards"><thead><tr><th>Bắt đầu</th><th>Kết thúc</th><th>Cách chạy</th><th>Trạng thái</th><th class="num">Đơn vị</th><th class="num">Bản ghi đọc</th></tr></thead><tbody>
        ${raw(runs.runs.map((r) => html`<tr><td data-label="Bắt đầu">${r.startedAtLocal}</td><td data-label="Kết thúc">${r.finishedAtLocal ?? ''}</td><td data-label="Cách chạy">${LABELS.runTriggers[r.trigger]}${r.startedByName ? ` (${r.startedByName})` : ''}</td><td data-label="Trạng thái">${LABELS.runStatuses[r.status]}</td><td class="num" data-label="Đơn vị">${r.counts?.units ?? ''}</td><td class="num" data-label="Bản ghi đọc">${r.counts?.itemsRead ?? ''}</td></tr>`).join(''))}</tbody></table></div>`)
          : raw('<p>Chưa chạy tổng hợp năm này.</p>')
      }
    </section>`)
        : ''
    }
    ${
      !rankings
        ? raw('<p class="alert">Chưa có kết quả tổng hợp, xếp hạng của năm này.</p>')
        : raw(html`
      <p><button class="secondary" id="csv">Tải CSV</button> <button class="secondary" id="xlsx">Tải Excel (XLSX)</button> <button class="secondary" id="bundle">Tải gói bảng điểm kiểm chứng (ZIP)</button></p>
      <p class="muted">Gói bảng điểm chứa tiêu chí, từng số liệu được tính cùng quyết định thẩm định và mã SHA-256 của tệp minh chứng, điểm, hạng và đề nghị khen thưởng: bất kỳ ai cũng tính lại được bằng công cụ kiểm tra đi kèm nền tảng, không cần tin vào nền tảng (bộ phận công nghệ thông tin có hướng dẫn trong tài liệu «Minh chứng và bảng điểm»).</p>
      <section class="card" aria-labelledby="h-chart"><h2 id="h-chart">Tỷ lệ đơn vị đạt chỉ tiêu — ${LABELS.levels[level]}</h2>
        <div class="chart" role="list">${raw(
          (levelSummary?.criteria ?? [])
            .filter((c) => c.shareMet !== null)
            .map(
              (c) =>
                html`<div class="bar" role="listitem"><span class="label">${c.title}</span><span class="track" aria-hidden="true"><span class="fill" data-share="${Math.round((c.shareMet ?? 0) * 100)}"></span></span><span class="num">${pct(c.shareMet)}</span></div>`,
            )
            .join(''),
        )}</div>
      </section>
      <h2>Bảng xếp hạng ${cluster ? (rankings.items[0]?.clusterName ?? cluster) : LABELS.levels[level]}</h2>
      <div class="table-wrap"><table id="ranking" class="cards"><thead><tr><th class="num">Hạng</th><th>Đơn vị</th><th>Cụm/khối</th>${raw(byIndex ? '<th class="num">Chỉ số</th>' : '')}<th class="num">Điểm</th><th>Đạt tất cả chỉ tiêu</th><th>Đề nghị khen thưởng</th></tr></thead><tbody>
      ${raw(rankings.items.map((r) => html`<tr data-unit="${r.unitId}"><td class="num" data-label="Hạng">${r.rank ?? ''}</td><td data-label="Đơn vị"><a href="#/don-vi/${r.unitId}">${r.name}</a></td><td data-label="Cụm/khối">${r.clusterName ?? ''}</td>${raw(byIndex ? html`<td class="num" data-label="Chỉ số">${(r.index ?? 0).toFixed(4).replace('.', ',')}</td>` : '')}<td class="num" data-label="Điểm"><a href="#/bang-diem/${year}/${r.unitId}" title="Bảng điểm công khai">${num(r.totalPoints)} / ${num(r.maxPoints)}</a></td><td data-label="Đạt tất cả chỉ tiêu">${targetsMetText(r.metAllTargets)}</td><td data-label="Đề nghị khen thưởng">${raw(awardCell(r))}${r.award && !r.awardRevoked && (s.role !== 'unit' || r.unitId === s.unitId) ? raw(html` <span class="dossier-links">· Hồ sơ: <button type="button" class="secondary dossier" data-unit="${r.unitId}" data-format="docx">Word</button> <button type="button" class="secondary dossier" data-unit="${r.unitId}" data-format="pdf">PDF</button></span>`) : ''}${r.awardRevoked ? raw(html` <span class="badge notmet" title="${r.awardRevoked.reason}">Đã thu hồi ${r.awardRevoked.revokedAtLocal}: ${r.awardRevoked.reason}</span>`) : ''}</td></tr>`).join(''))}
      </tbody></table></div>
      ${s.role === 'admin' ? raw(tieForms(rankings.items)) : ''}`)
    }`;
  // Widths set through the DOM, not inline style attributes: the Content-Security-Policy allows no inline style.
  for (const fill of $$('.fill[data-share]', view())) fill.style.width = `${fill.dataset.share}%`;
  must<HTMLFormElement>('#rfilters', view()).addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new URLSearchParams();
    for (const [k, v] of new FormData(e.currentTarget as HTMLFormElement)) if (typeof v === 'string' && v) f.set(k, v);
    location.hash = `#/ket-qua?${f}`;
  });
  const failedDownload = (err: unknown) => flash(refusalOf(err).message, 'alert');
  $('#csv', view())?.addEventListener('click', () =>
    // Excel with Vietnamese regional settings splits CSV columns on ";", not ",".
    download(
      `/v1/reports/${year}?format=csv&separator=${encodeURIComponent(';')}`,
      `bao-cao-thi-dua-${year}.csv`,
    ).catch(failedDownload),
  );
  $('#xlsx', view())?.addEventListener('click', () =>
    download(`/v1/reports/${year}?format=xlsx`, `bao-cao-thi-dua-${year}.xlsx`).catch(failedDownload),
  );
  // The award dossier (Tờ trình, Báo cáo thành tích, Biên bản bình xét) of a proposed unit, as Word to edit or PDF.
  for (const b of $$<HTMLButtonElement>('button.dossier', view()))
    b.addEventListener('click', () =>
      download(
        `/v1/awards/${year}/${b.dataset.unit}/dossier?format=${b.dataset.format}`,
        `ho-so-khen-thuong-${year}-${b.dataset.unit}.${b.dataset.format}`,
      ).catch(failedDownload),
    );
  $('#bundle', view())?.addEventListener('click', async () => {
    try {
      const bundle = await api<Bundle>(`/v1/scorecards/${year}/bundle`);
      const a = Object.assign(document.createElement('a'), { href: bundle.url, download: bundle.fileName });
      a.click();
      flash(`Gói bảng điểm ${bundle.fileName} (${sizeText(bundle.bytes)}), SHA-256 ${bundle.sha256}`);
    } catch (err) {
      failedDownload(err);
    }
  });
  const finalizeDialog = $<HTMLDialogElement>('#finalize-confirm', view());
  $('#finalize', view())?.addEventListener('click', () => finalizeDialog?.showModal());
  $('#finalize-no', view())?.addEventListener('click', () => finalizeDialog?.close());
  $<HTMLButtonElement>('#finalize-yes', view())?.addEventListener('click', async (e) => {
    const yes = e.currentTarget as HTMLButtonElement;
    yes.disabled = true;
    try {
      const locked = await api<{ run: RunView | null }>(`/v1/years/${year}/finalize`, {
        method: 'POST',
        body: { confirmYear: year },
      });
      finalizeDialog?.close();
      // Locked at once; the final run goes on, and the page follows it.
      const done = locked.run && (await followRun(locked.run, must('#run-status', view())));
      await resultsView();
      flash(
        !done || done.status === 'succeeded'
          ? `Đã chốt kết quả chính thức năm ${year}; mọi thay đổi của năm đã bị khóa.`
          : `Năm ${year} đã khóa, nhưng ${runOutcome(done, year).toLowerCase()}: bấm chốt lại để chạy lượt cuối.`,
        !done || done.status === 'succeeded' ? 'notice' : 'alert',
      );
    } catch (err) {
      finalizeDialog?.close();
      flash(refusalOf(err).message, 'alert');
    }
  });
  const reopenDialog = $<HTMLDialogElement>('#reopen-confirm', view());
  $('#reopen-year', view())?.addEventListener('click', () => reopenDialog?.showModal());
  $('#reopen-no', view())?.addEventListener('click', () => reopenDialog?.close());
  const reopenForm = $<HTMLFormElement>('#reopen-year-form', view());
  reopenForm?.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api(`/v1/years/${year}/reopen`, { method: 'POST', body: { reason: fieldValue(reopenForm, 'reason') } });
      reopenDialog?.close();
      await resultsView();
      flash(`Đã mở lại năm ${year}; kết quả trở lại tạm tính.`);
    } catch (err) {
      showErrors(reopenForm, refusalOf(err));
    }
  });
  const run = $<HTMLButtonElement>('#run', view());
  run?.addEventListener('click', async () => {
    run.disabled = true;
    const status = must('#run-status', view());
    status.innerHTML = html`<span class="spinner" aria-hidden="true"></span> Đang tổng hợp, xếp hạng…`;
    try {
      // Answered at once with the run; its progress is followed here.
      const done = await followRun(await api<RunView>(`/v1/aggregations/${year}`, { method: 'POST' }), status);
      await resultsView();
      flash(runOutcome(done, year), done.status === 'succeeded' ? 'notice' : 'alert');
    } catch (err) {
      status.textContent = refusalOf(err).message;
      run.disabled = false;
    }
  });
  for (const form of $$<HTMLFormElement>('form.tie-form', view()))
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const unitIds = $$<HTMLInputElement>('input[name="unitIds"]:checked', form).map((c) => c.value);
      try {
        const decided = await api<TieDecisionView>(`/v1/awards/${year}/tie-decisions`, {
          method: 'POST',
          body: { group: form.dataset.group, award: form.dataset.award, unitIds, reason: fieldValue(form, 'reason') },
        });
        const done = await followRun(decided.run, must('.tie-status', form));
        await resultsView();
        flash(`Đã ghi quyết định (${decided.decidedAtLocal}). ${runOutcome(done, year)}`);
      } catch (err) {
        showErrors(form, refusalOf(err));
      }
    });
}
