/** Results of a year: the ranking by level or cluster, the share of units meeting each target, reports, runs. */
import { LABELS } from '../../../shared/domain/labels.js';
import type { Level } from '../../../shared/domain/types.js';
import { ApiError, api, download, refusalOf, signedIn } from '../api.js';
import { $, $$, beginRender, flash, hashParams, html, must, num, options, pct, raw, sizeText } from '../dom.js';
import type { Bundle, CriteriaList, Rankings, Runs, UnitList, YearReport } from '../types.js';
import { personOf } from './people.js';

const absentWhenNotRun = <T>(p: Promise<T>): Promise<T | null> =>
  p.catch((err: unknown) =>
    err instanceof ApiError && err.code === 'AGGREGATION_NOT_FOUND' ? null : Promise.reject(err),
  );

export async function resultsView(): Promise<void> {
  const view = beginRender();
  const s = signedIn();
  const params = hashParams();
  const crit = await api<CriteriaList>('/v1/criteria');
  const year = Number(params.get('year')) || crit.year;
  const level = (params.get('level') || 'department') as Level;
  const cluster = params.get('cluster') ?? '';
  const [rankings, report, runs, units] = await Promise.all([
    absentWhenNotRun(api<Rankings>(`/v1/rankings/${year}?level=${level}${cluster ? `&cluster=${cluster}` : ''}`)),
    absentWhenNotRun(api<YearReport>(`/v1/reports/${year}`)),
    s.role === 'admin' ? absentWhenNotRun(api<Runs>(`/v1/aggregations/${year}`)) : Promise.resolve(null),
    api<UnitList>(`/v1/units?level=${level}&year=${year}`),
  ]);
  const levelSummary = report?.summary.find((x) => x.level === level);
  const byIndex = rankings?.items.some((r) => r.index !== undefined) ?? false;
  const clusters = [...new Set(units.items.map((u) => u.cluster).filter((c): c is string => !!c))].sort();
  view().innerHTML = html`<h1>Kết quả, xếp hạng năm ${year}</h1>
    ${report ? raw(html`<p class="muted" id="legal-basis">${report.heading[0]} — ${report.heading[1]}</p>`) : ''}
    <form id="rfilters" class="row card">
      <div><label for="r-year">Năm</label><input id="r-year" name="year" type="number" value="${year}"></div>
      <div><label for="r-level">Cấp</label><select id="r-level" name="level">${options(Object.entries(LABELS.levels), level)}</select></div>
      <div><label for="r-cluster">Cụm/khối thi đua</label><select id="r-cluster" name="cluster"><option value="">Tất cả</option>${options(
        clusters.map((c) => [c, c]),
        cluster,
      )}</select></div>
      <div><button type="submit">Xem</button></div>
    </form>
    ${
      s.role === 'admin'
        ? raw(html`<section class="card" aria-labelledby="h-runs"><h2 id="h-runs">Tổng hợp cuối năm</h2>
      <p><button id="run">Chạy tổng hợp năm ${year}</button> <span id="run-status" role="status" aria-live="polite"></span></p>
      ${
        runs
          ? raw(html`<div class="table-wrap"><table class="cards"><thead><tr><th>Bắt đầu</th><th>Kết thúc</th><th>Cách chạy</th><th>Trạng thái</th><th class="num">Đơn vị</th><th class="num">Bản ghi đọc</th></tr></thead><tbody>
        ${raw(runs.runs.map((r) => html`<tr><td data-label="Bắt đầu">${r.startedAtLocal}</td><td data-label="Kết thúc">${r.finishedAtLocal ?? ''}</td><td data-label="Cách chạy">${LABELS.runTriggers[r.trigger]} (${personOf(r.startedBy)})</td><td data-label="Trạng thái">${LABELS.runStatuses[r.status]}</td><td class="num" data-label="Đơn vị">${r.counts?.units ?? ''}</td><td class="num" data-label="Bản ghi đọc">${r.counts?.itemsRead ?? ''}</td></tr>`).join(''))}</tbody></table></div>`)
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
      <p class="muted">Gói bảng điểm chứa tiêu chí, từng số liệu được tính cùng quyết định thẩm định và mã SHA-256 của tệp minh chứng, điểm, hạng và đề nghị khen thưởng: bất kỳ ai cũng tính lại được bằng <code>npm run verify -- tệp.zip</code>.</p>
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
      ${raw(rankings.items.map((r) => html`<tr data-unit="${r.unitId}"><td class="num" data-label="Hạng">${r.rank ?? ''}</td><td data-label="Đơn vị"><a href="#/don-vi/${r.unitId}">${r.name}</a></td><td data-label="Cụm/khối">${r.clusterName ?? ''}</td>${raw(byIndex ? html`<td class="num" data-label="Chỉ số">${(r.index ?? 0).toFixed(4).replace('.', ',')}</td>` : '')}<td class="num" data-label="Điểm"><a href="#/bang-diem/${year}/${r.unitId}" title="Bảng điểm công khai">${num(r.totalPoints)} / ${num(r.maxPoints)}</a></td><td data-label="Đạt tất cả chỉ tiêu">${r.metAllTargets ? 'Có' : 'Không'}</td><td data-label="Đề nghị khen thưởng">${r.award ? LABELS.awards[r.award] : ''}</td></tr>`).join(''))}
      </tbody></table></div>`)
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
    download(`/v1/reports/${year}?format=csv`, `bao-cao-thi-dua-${year}.csv`).catch(failedDownload),
  );
  $('#xlsx', view())?.addEventListener('click', () =>
    download(`/v1/reports/${year}?format=xlsx`, `bao-cao-thi-dua-${year}.xlsx`).catch(failedDownload),
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
  const run = $<HTMLButtonElement>('#run', view());
  run?.addEventListener('click', async () => {
    run.disabled = true;
    const status = must('#run-status', view());
    status.innerHTML = html`<span class="spinner" aria-hidden="true"></span> Đang tổng hợp, xếp hạng…`;
    try {
      const done = await api<{ counts: { units: number; figures: number } }>(`/v1/aggregations/${year}`, {
        method: 'POST',
      });
      flash(`Đã tổng hợp năm ${year}: ${done.counts.units} đơn vị, ${done.counts.figures} số liệu.`);
      await resultsView();
    } catch (err) {
      status.textContent = refusalOf(err).message;
      run.disabled = false;
    }
  });
}
