/** Units over time: the units and clusters of a year, a unit's lineage and its results beside its predecessors'. */
import { LABELS } from '../../../shared/domain/labels.js';
import { targetsMetText } from '../../../shared/domain/report.js';
import { api } from '../api.js';
import { beginRender, dmy, hashParams, html, must, num, options, pct, raw } from '../dom.js';
import { lineageLine } from '../figures.js';
import type { CriteriaList, UnitList, UnitResults, UnitView, YearClusters } from '../types.js';

export async function unitsView(): Promise<void> {
  const view = beginRender();
  const crit = await api<CriteriaList>('/v1/criteria');
  const year = Number(hashParams().get('year')) || crit.year;
  const [units, clusters] = await Promise.all([
    api<UnitList>(`/v1/units?year=${year}`),
    api<YearClusters>(`/v1/campaigns/${crit.campaignId}/years/${year}/clusters`),
  ]);
  const names = new Map(clusters.clusters.map((c) => [c.clusterId, c.name]));
  const nameOf = (unitId: string) => units.items.find((u) => u.unitId === unitId)?.name ?? unitId;
  const years = Array.from({ length: 5 }, (_, i) => String(crit.year - 3 + i));
  const unclustered = units.items.filter((u) => !u.cluster || !names.has(u.cluster));
  view().innerHTML = html`<h1>Đơn vị, cụm thi đua năm ${year}</h1>
    <form id="ufilters" class="row card">
      <div><label for="u-year">Năm</label><select id="u-year" name="year">${options(
        years.map((y) => [y, y]),
        String(year),
      )}</select></div>
      <div><button type="submit">Xem</button></div>
    </form>
    <p>${units.items.length} đơn vị hoạt động vào ngày chốt ${dmy(units.cutOff)}.</p>
    ${raw(
      clusters.clusters
        .map(
          (c) => html`<section class="card" aria-labelledby="c-${c.clusterId}"><h2 id="c-${c.clusterId}">${c.name}</h2>
      <p>${c.head ? raw(html`Trưởng cụm: <strong>${nameOf(c.head)}</strong>`) : 'Chưa có trưởng cụm'}${c.deputy ? raw(html` — Phó cụm: <strong>${nameOf(c.deputy)}</strong>`) : ''}</p>
      <div class="table-wrap"><table class="units cards"><thead><tr><th>Đơn vị</th><th>Loại</th><th>Mã</th><th>Thành lập từ</th></tr></thead><tbody>
      ${raw(
        units.items
          .filter((u) => u.cluster === c.clusterId)
          .map(
            (u) =>
              html`<tr data-unit="${u.unitId}"><td data-label="Đơn vị"><a href="#/don-vi/${u.unitId}">${u.name}</a>${u.clusterRole ? raw(html` <span class="badge">${LABELS.clusterRoles[u.clusterRole]}</span>`) : ''}</td><td data-label="Loại">${u.kindLabel}</td><td data-label="Mã">${u.code ?? '—'}</td><td data-label="Thành lập từ">${u.predecessors.length ? `${u.predecessors.length} đơn vị (từ ${dmy(u.validFrom)})` : ''}</td></tr>`,
          )
          .join(''),
      )}</tbody></table></div></section>`,
        )
        .join(''),
    )}
    ${raw(
      unclustered.length
        ? html`<section class="card"><h2>Chưa thuộc cụm, khối nào</h2><ul>${raw(unclustered.map((u) => html`<li><a href="#/don-vi/${u.unitId}">${u.name}</a></li>`).join(''))}</ul></section>`
        : '',
    )}`;
  must<HTMLFormElement>('#ufilters', view()).addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/danh-sach?year=${must<HTMLSelectElement>('#u-year', view()).value}`;
  });
}

const lineageRules: Record<string, string> = {
  weighted: 'bình quân theo tỷ trọng',
  mean: 'bình quân cộng',
};

export async function unitDetailView(unitId: string): Promise<void> {
  const view = beginRender();
  const crit = await api<CriteriaList>('/v1/criteria');
  const [unit, results] = await Promise.all([
    api<UnitView>(`/v1/units/${unitId}`),
    api<UnitResults>(`/v1/units/${unitId}/results?from=${crit.year - 2}&to=${crit.year}`),
  ]);
  const points = (r: { totalPoints: number | null; maxPoints: number | null }) =>
    r.totalPoints === null ? '—' : `${num(r.totalPoints)} / ${num(r.maxPoints ?? 0)}`;
  view().innerHTML = html`<p><a href="#/danh-sach">← Đơn vị, cụm thi đua</a></p>
    <h1>${unit.name}</h1>
    <p>${unit.kindLabel}${unit.code ? ` — mã ${unit.code}` : ''} — hoạt động từ ${dmy(unit.validFrom)}${unit.validTo ? ` đến ${dmy(unit.validTo)}` : ''}</p>
    ${raw(lineageLine(unit))}
    ${
      unit.successors.length
        ? raw(
            html`<p class="lineage">Đã sắp xếp vào: ${raw(unit.successors.map((x) => html`<a href="#/don-vi/${x.unitId}">${x.name}</a> (${LABELS.relations[x.relation] ?? x.relation}, tỷ trọng ${pct(x.share)})`).join(', '))}</p>`,
          )
        : ''
    }
    <h2>Kết quả qua các năm</h2>
    <p class="muted">Những năm trước khi đơn vị được thành lập, kết quả được tính từ các đơn vị tiền thân (${lineageRules[results.lineageRule] ?? 'không tính'}).</p>
    <div class="table-wrap"><table id="results" class="cards"><thead><tr><th>Năm</th><th class="num">Điểm</th><th>Đạt tất cả chỉ tiêu</th><th class="num">Hạng</th><th>Khen thưởng</th><th>Cách tính</th></tr></thead><tbody>
    ${raw(
      results.items
        .map(
          (r) =>
            html`<tr data-year="${r.year}"><td data-label="Năm">${r.year}</td><td class="num" data-label="Điểm">${points(r)}</td><td data-label="Đạt tất cả chỉ tiêu">${r.totalPoints === null ? '—' : targetsMetText(r.metAllTargets)}</td><td class="num" data-label="Hạng">${r.levelRank ?? '—'}</td><td data-label="Khen thưởng">${r.awardName ?? ''}${r.awardInherited ? ' (kế thừa)' : ''}</td><td data-label="Cách tính">${r.derived ? raw(html`<span class="badge">Tính từ đơn vị tiền thân</span>`) : r.totalPoints === null ? 'Chưa có kết quả' : 'Kết quả của đơn vị'}</td></tr>`,
        )
        .join(''),
    )}</tbody></table></div>
    ${raw(
      results.items
        .filter((r) => r.predecessors.length)
        .map(
          (
            r,
          ) => html`<section class="card" aria-labelledby="p-${r.year}"><h3 id="p-${r.year}">So sánh với các đơn vị tiền thân năm ${r.year}</h3>
      <div class="table-wrap"><table><thead><tr><th>Đơn vị tiền thân</th><th class="num">Tỷ trọng</th><th class="num">Điểm</th></tr></thead><tbody>
      ${raw(r.predecessors.map((p) => html`<tr><td><a href="#/don-vi/${p.unitId}">${p.name}</a></td><td class="num">${pct(p.share)}</td><td class="num">${p.totalPoints === null ? '—' : num(p.totalPoints)}${p.derived ? ' (tính từ tiền thân)' : ''}</td></tr>`).join(''))}
      <tr><th scope="row">${unit.name}</th><td></td><td class="num"><strong>${r.totalPoints === null ? '—' : num(r.totalPoints)}</strong></td></tr>
      </tbody></table></div></section>`,
        )
        .join(''),
    )}`;
}
