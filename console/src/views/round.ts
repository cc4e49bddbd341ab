/**
 * Bình xét of a year, as each person takes part in it: the round's stages; the head's cross-check queue (kiểm tra
 * chéo); a unit's objections (kiến nghị) and the reviewers' answers; the cluster's secret ballot (bỏ phiếu kín), its
 * turnout and, once the meetings close, the tally; the minutes (biên bản) the head enters.
 */
import { timeZoneLabel } from '../../../shared/domain/calendar.js';
import { LABELS } from '../../../shared/domain/labels.js';
import { targetsMetText } from '../../../shared/domain/report.js';
import type { RoundStage } from '../../../shared/domain/stages.js';
import { absentWhenNotRun, allPages, api, refusalOf, signedIn } from '../api.js';
import {
  $,
  $$,
  beginRender,
  dayInput,
  dmy,
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
  type View,
} from '../dom.js';
import { valueText } from '../figures.js';
import type {
  CampaignYearView,
  CriteriaList,
  ObjectionView,
  Rankings,
  SubmissionView,
  UnitList,
  Vote,
  YearClusters,
} from '../types.js';

type Cluster = YearClusters['clusters'][number];

export async function roundView(): Promise<void> {
  const view = beginRender();
  const s = signedIn();
  const params = hashParams();
  const crit = await api<CriteriaList>(
    `/v1/criteria${params.get('year') ? `?year=${Number(params.get('year'))}` : ''}`,
  );
  const { year, campaignId } = crit;
  const [cy, { clusters }, units] = await Promise.all([
    api<CampaignYearView>(`/v1/campaigns/${campaignId}/years/${year}`),
    api<YearClusters>(`/v1/campaigns/${campaignId}/years/${year}/clusters`),
    api<UnitList>(`/v1/units?year=${year}`),
  ]);
  const nameOf = (id: string) => units.items.find((u) => u.unitId === id)?.name ?? id;
  const stages = cy.calendar.stages;
  const stageOf = (st: RoundStage) => stages.find((x) => x.stage === st);
  const own = s.role === 'unit' ? clusters.find((c) => s.unitId && c.members.includes(s.unitId)) : undefined;
  const cluster =
    s.role === 'unit' ? own : (clusters.find((c) => c.clusterId === params.get('cluster')) ?? clusters[0]);
  const head = own?.head === s.unitId;
  const deputy = !!own?.head && own.deputy === s.unitId;
  const [vote, objections, checks, ranking] = await Promise.all([
    cluster ? api<Vote>(`/v1/clusters/${cluster.clusterId}/years/${year}/vote`) : null,
    stages.length ? allPages<ObjectionView>(`/v1/objections?year=${year}`) : [],
    // The head checks its members' reports; the deputy checks the head's own (nobody checks their own unit).
    head
      ? allPages<SubmissionView>(`/v1/submissions?year=${year}&cluster=${own!.clusterId}&status=submitted`)
      : deputy
        ? allPages<SubmissionView>(`/v1/submissions?year=${year}&unitId=${own!.head}&status=submitted`)
        : null,
    cluster ? absentWhenNotRun(api<Rankings>(`/v1/rankings/${year}?cluster=${cluster.clusterId}`)) : null,
  ]);
  const status = ranking?.status ?? 'provisional';
  view().innerHTML = html`<h1>Bình xét năm ${year} <span class="badge ${status === 'final' ? 'met' : 'pending'}" id="round-status">${LABELS.resultStatuses[status]}</span></h1>
    ${raw(stagesCard(cy, year))}
    ${
      !stages.length
        ? ''
        : raw(html`${raw(membership(s.role, own, clusters, cluster))}
    ${checks ? raw(crossCheckCard(checks, crit, head, nameOf, stageOf('cross-check'))) : ''}
    ${raw(objectionsCard(objections, crit, s.role, nameOf, stageOf('objections')))}
    ${cluster && vote ? raw(voteCard(vote, cluster, ranking, s.role === 'unit' && own === cluster, nameOf, stageOf('meetings'))) : ''}
    ${cluster && vote ? raw(minutesCard(vote, head && own === cluster, stageOf('meetings'))) : ''}`)
    }`;
  wire(view, { year, campaignId, vote, cluster });
}

type StageView = CampaignYearView['calendar']['stages'][number];
const stateOf = (st: StageView | undefined) =>
  !st
    ? raw('')
    : raw(
        st.open
          ? html`<span class="badge met">Đang mở${st.reopenedUntilLocal ? ` (mở lại đến ${st.reopenedUntilLocal})` : ''}</span>`
          : st.ended
            ? '<span class="badge">Đã kết thúc</span>'
            : '<span class="badge pending">Chưa mở</span>',
      );

function stagesCard(cy: CampaignYearView, year: number) {
  const c = cy.calendar;
  if (!c.stages.length)
    return html`<p class="alert">Lịch năm ${year} không có vòng bình xét (kiểm tra chéo, kiến nghị, họp cụm bỏ phiếu): kết quả là xếp hạng theo điểm.</p>`;
  return html`<section class="card" aria-labelledby="h-stages"><h2 id="h-stages">Các giai đoạn (${timeZoneLabel(c.timeZone)})</h2>
    <p>Đơn vị tự chấm điểm, nộp báo cáo kèm minh chứng từ ${c.submissionOpensLocal} đến ${c.submissionClosesLocal}.</p>
    <div class="table-wrap"><table class="cards" id="stages"><thead><tr><th>Giai đoạn</th><th>Từ</th><th>Đến</th><th>Trạng thái</th></tr></thead><tbody>
    ${raw(c.stages.map((st) => html`<tr data-stage="${st.stage}"><td data-label="Giai đoạn">${st.label}</td><td data-label="Từ">${st.opensLocal ?? ''}</td><td data-label="Đến">${st.closesLocal ?? ''}</td><td data-label="Trạng thái">${stateOf(st)}</td></tr>`).join(''))}
    </tbody></table></div></section>`;
}

function membership(role: string, own: Cluster | undefined, clusters: Cluster[], shown: Cluster | undefined) {
  if (role === 'unit')
    return own
      ? html`<p id="membership">Đơn vị thuộc <strong>${own.name}</strong> năm nay, vai trò: ${roleIn(own)}.</p>`
      : '<p class="alert">Đơn vị chưa thuộc cụm, khối thi đua nào trong năm này.</p>';
  return html`<form id="pick-cluster" class="row card"><div><label for="b-cluster">Cụm/khối thi đua</label><select id="b-cluster" name="cluster">${options(
    clusters.map((c) => [c.clusterId, c.name]),
    shown?.clusterId,
  )}</select></div><div><button type="submit">Xem</button></div></form>`;
}
/** A criterion's title in the year's set (its id where the set no longer has it). */
const criterionTitle = (crit: CriteriaList) => (id: string) =>
  crit.items.find((c) => c.criterionId === id)?.title ?? id;

function roleIn(c: Cluster) {
  const me = signedIn().unitId;
  return me === c.head ? LABELS.clusterRoles.head : me === c.deputy ? LABELS.clusterRoles.deputy : 'thành viên';
}

function crossCheckCard(
  items: SubmissionView[],
  crit: CriteriaList,
  head: boolean,
  nameOf: (id: string) => string,
  stage: StageView | undefined,
) {
  const title = criterionTitle(crit);
  return html`<section class="card" aria-labelledby="h-check"><h2 id="h-check">Kiểm tra chéo ${stateOf(stage)}</h2>
    <p>${head ? 'Báo cáo của các đơn vị thành viên chờ trưởng cụm kiểm tra' : 'Báo cáo của đơn vị trưởng cụm chờ phó cụm kiểm tra'}; báo cáo của chính đơn vị mình do ${head ? 'phó cụm hoặc Ban Thi đua - Khen thưởng' : 'Ban Thi đua - Khen thưởng'} kiểm tra. Kết quả kiểm tra chéo là <strong>đề xuất</strong>: chỉ được tính khi Ban Thi đua - Khen thưởng xác nhận.</p>
    ${
      items.length
        ? raw(html`<div class="table-wrap"><table class="cards" id="cross-check"><thead><tr><th>Đơn vị</th><th>Tiêu chí</th><th>Số liệu</th><th>Nộp lúc</th><th>Đề xuất</th><th></th></tr></thead><tbody>
    ${raw(items.map((x) => html`<tr data-unit="${x.unitId}"><td data-label="Đơn vị">${nameOf(x.unitId)}</td><td data-label="Tiêu chí">${title(x.criterionId)}</td><td data-label="Số liệu">${valueText(x.value)}</td><td data-label="Nộp lúc">${x.submittedAtLocal}</td><td data-label="Đề xuất">${x.recommendation ? LABELS.recommendations[x.recommendation.decision] : 'Chưa kiểm tra'}</td><td><a href="#/tham-dinh/${x.submissionId}">${x.recommendation ? 'Xem, sửa đề xuất' : 'Kiểm tra'}</a></td></tr>`).join(''))}
    </tbody></table></div>`)
        : raw('<p class="muted">Không có báo cáo nào chờ kiểm tra.</p>')
    }</section>`;
}

function objectionsCard(
  items: ObjectionView[],
  crit: CriteriaList,
  role: string,
  nameOf: (id: string) => string,
  stage: StageView | undefined,
) {
  const title = criterionTitle(crit);
  const answering = role === 'reviewer' || role === 'admin';
  const row = (o: ObjectionView) =>
    html`<li data-objection="${o.objectionId}"><p><strong>${role === 'unit' ? '' : `${nameOf(o.unitId)} — `}${title(o.criterionId)}</strong> (${o.filedAtLocal}) <span class="badge ${o.status === 'accepted' ? 'met' : o.status === 'rejected' ? 'notmet' : 'pending'}">${LABELS.objectionStatuses[o.status]}</span></p>
      <p>${o.reason}</p>${o.answer ? raw(html`<p class="muted">Trả lời ${o.answeredAtLocal}: ${o.answer.comment}${o.status === 'accepted' ? ' — đơn vị được mở lại để nộp số liệu đúng, số liệu mới qua thẩm định như thường lệ.' : ''}</p>`) : ''}
      ${
        answering && o.status === 'open'
          ? raw(html`<form class="answer" data-id="${o.objectionId}" novalidate><div class="form-alert" tabindex="-1"></div>
        <fieldset data-field="decision"><legend>Trả lời kiến nghị</legend>
          <label><input type="radio" name="decision" value="accepted"> Chấp nhận (mở lại báo cáo cho đơn vị)</label>
          <label><input type="radio" name="decision" value="rejected"> Không chấp nhận</label></fieldset>
        <label for="ans-${o.objectionId}">Ý kiến trả lời</label><textarea id="ans-${o.objectionId}" name="comment" data-field="comment"></textarea>
        <p><button type="submit">Gửi trả lời</button></p></form>`)
          : ''
      }</li>`;
  return html`<section class="card" aria-labelledby="h-obj"><h2 id="h-obj">Kiến nghị về kết quả tạm tính ${stateOf(stage)}</h2>
    ${items.length ? raw(html`<ol class="history" id="objections">${raw(items.map(row).join(''))}</ol>`) : raw(`<p class="muted">${role === 'unit' ? 'Đơn vị chưa gửi kiến nghị nào.' : 'Chưa có kiến nghị nào.'}</p>`)}
    ${
      role === 'unit' && stage?.open
        ? raw(html`<form id="objection" novalidate><h3>Gửi kiến nghị</h3><div class="form-alert" tabindex="-1"></div>
      <div><label for="o-crit">Tiêu chí</label><select id="o-crit" name="criterionId" data-field="criterionId">${options(
        crit.items.map((c) => [c.criterionId, c.title]),
        null,
      )}</select></div>
      <label for="o-reason">Nội dung kiến nghị (số liệu đúng và căn cứ)</label><textarea id="o-reason" name="reason" data-field="reason"></textarea>
      <p><button type="submit">Gửi kiến nghị</button></p></form>`)
        : ''
    }</section>`;
}

function voteCard(
  vote: Vote,
  cluster: Cluster,
  ranking: Rankings | null,
  member: boolean,
  nameOf: (id: string) => string,
  stage: StageView | undefined,
) {
  const votedSet = new Set(vote.members.filter((m) => m.voted).map((m) => m.unitId));
  const canVote = member && !vote.youVoted && !!stage?.open;
  const elected = new Set(vote.elected ?? []);
  return html`<section class="card" aria-labelledby="h-vote"><h2 id="h-vote">Họp bình xét ${cluster.name} ${stateOf(stage)}</h2>
    <p>${vote.meetings ? `Họp, bỏ phiếu từ ${vote.meetings.opensLocal ?? ''} đến ${vote.meetings.closesLocal ?? ''}. ` : ''}Mỗi đơn vị thành viên bỏ một phiếu kín, chọn tối đa ${vote.quota} đơn vị đề nghị Cờ thi đua trong số các đơn vị đạt mọi chỉ tiêu. Đủ túc số khi hơn ${pct(vote.rules.quorumShare)} số thành viên bỏ phiếu; đơn vị được đề nghị khi có hơn ${pct(vote.rules.electShare)} số phiếu.</p>
    <p id="turnout"><strong>Đã bỏ phiếu: ${vote.turnout}/${vote.members.length}</strong> (cần ít nhất ${vote.quorumNeeded}) — ${vote.quorumMet ? 'đã đủ túc số' : 'chưa đủ túc số'}</p>
    <ul class="plain">${raw(vote.members.map((m) => html`<li>${nameOf(m.unitId)}${m.unitId === cluster.head ? ` (${LABELS.clusterRoles.head})` : ''}: ${votedSet.has(m.unitId) ? 'đã bỏ phiếu' : 'chưa bỏ phiếu'}</li>`).join(''))}</ul>
    ${
      ranking
        ? raw(html`<h3>Điểm, hạng trong cụm <span class="badge ${ranking.status === 'final' ? 'met' : 'pending'}">${LABELS.resultStatuses[ranking.status]}</span></h3>
    <div class="table-wrap"><table class="cards" id="cluster-ranking"><thead><tr><th class="num">Hạng</th><th>Đơn vị</th><th class="num">Điểm</th><th>Đạt tất cả chỉ tiêu</th></tr></thead><tbody>
    ${raw(ranking.items.map((r) => html`<tr><td class="num" data-label="Hạng">${r.rank ?? ''}</td><td data-label="Đơn vị">${r.name}</td><td class="num" data-label="Điểm">${num(r.totalPoints)} / ${num(r.maxPoints)}</td><td data-label="Đạt tất cả chỉ tiêu">${targetsMetText(r.metAllTargets)}</td></tr>`).join(''))}
    </tbody></table></div>`)
        : raw('<p class="muted">Chưa có kết quả tổng hợp của năm: chưa có đơn vị để bình xét.</p>')
    }
    ${
      canVote
        ? raw(html`<form id="ballot" class="card" novalidate><h3>Phiếu bầu (phiếu kín)</h3><div class="form-alert" tabindex="-1"></div>
      <fieldset data-field="candidates"><legend>Đơn vị đề nghị tặng Cờ thi đua (chọn tối đa ${vote.quota})</legend>
      ${raw(vote.eligible.map((e) => html`<label><input type="checkbox" name="candidate" value="${e.unitId}"> ${e.name} — ${num(e.totalPoints)} điểm${e.clusterRank ? `, hạng ${e.clusterRank}` : ''}</label>`).join(''))}</fieldset>
      <p class="muted">Không chọn đơn vị nào là phiếu trắng. Phiếu đã bỏ không sửa được; nền tảng ghi nhận đơn vị đã bỏ phiếu và, tách riêng, nội dung phiếu, không lưu mối liên hệ giữa hai điều đó.</p>
      <p><button type="submit">Bỏ phiếu</button></p></form>`)
        : member && vote.youVoted
          ? raw(
              '<p class="notice" id="voted">Đơn vị đã bỏ phiếu. Phiếu kín: không ai, kể cả quản trị viên, xem được đơn vị đã chọn ai.</p>',
            )
          : ''
    }
    ${
      vote.tally
        ? raw(html`<h3>Kết quả kiểm phiếu</h3><div class="table-wrap"><table class="cards" id="tally"><thead><tr><th>Đơn vị</th><th class="num">Số phiếu</th><th class="num">Tỷ lệ</th><th>Kết quả</th></tr></thead><tbody>
      ${raw(vote.tally.map((t) => html`<tr><td data-label="Đơn vị">${nameOf(t.unitId)}</td><td class="num" data-label="Số phiếu">${t.votes}</td><td class="num" data-label="Tỷ lệ">${pct(vote.turnout ? t.votes / vote.turnout : null)}</td><td data-label="Kết quả">${elected.has(t.unitId) ? raw('<span class="badge met">Được đề nghị</span>') : ''}</td></tr>`).join(''))}
      </tbody></table></div>
      <p id="vote-result"><strong>${
        vote.elected?.length
          ? `Đề nghị Cờ thi đua: ${vote.elected.map(nameOf).join(', ')}`
          : vote.quorumMet
            ? 'Không đơn vị nào đủ số phiếu (hoặc phiếu ngang nhau vượt số Cờ): cụm bình xét lại'
            : 'Không đủ túc số: cụm họp, bỏ phiếu lại'
      }</strong></p>`)
        : raw(
            html`<p class="muted">Kết quả kiểm phiếu công bố khi kết thúc họp cụm${vote.meetings?.closesLocal ? ` (${vote.meetings.closesLocal})` : ''}: trước đó không ai xem được số phiếu.</p>`,
          )
    }</section>`;
}

function minutesCard(vote: Vote, head: boolean, stage: StageView | undefined) {
  const m = vote.minutes;
  const shown = m
    ? html`<dl class="facts" id="minutes"><dt>Ngày họp</dt><dd>${dmy(m.heldOn)}</dd><dt>Địa điểm</dt><dd>${m.place}</dd><dt>Chủ trì</dt><dd>${m.chair}</dd>${m.secretary ? raw(html`<dt>Thư ký</dt><dd>${m.secretary}</dd>`) : ''}<dt>Thành phần</dt><dd>${m.attendees.join('; ')}</dd>${m.notes ? raw(html`<dt>Ghi chú</dt><dd>${m.notes}</dd>`) : ''}</dl><p class="muted">Ghi lúc ${m.recordedAtLocal}${vote.closed ? '; đã khóa cùng kết quả bỏ phiếu' : ''}.</p>`
    : '<p class="muted">Chưa có biên bản.</p>';
  const form =
    head && stage?.open
      ? html`<form id="minutes-form" novalidate><h3>${m ? 'Sửa biên bản' : 'Ghi biên bản'}</h3><div class="form-alert" tabindex="-1"></div><div class="row">
      <div><label for="m-date">Ngày họp</label>${raw(dayInput('m-date', 'heldOn', 'heldOn', m?.heldOn))}</div>
      <div><label for="m-place">Địa điểm</label><input id="m-place" name="place" data-field="place" value="${m?.place ?? ''}"></div>
      <div><label for="m-chair">Chủ trì</label><input id="m-chair" name="chair" data-field="chair" value="${m?.chair ?? ''}"></div>
      <div><label for="m-secretary">Thư ký</label><input id="m-secretary" name="secretary" data-field="secretary" value="${m?.secretary ?? ''}"></div></div>
      <label for="m-attendees">Thành phần tham dự (mỗi dòng một người, một đơn vị)</label><textarea id="m-attendees" name="attendees" data-field="attendees">${m?.attendees.join('\n') ?? ''}</textarea>
      <label for="m-notes">Ghi chú</label><textarea id="m-notes" name="notes" data-field="notes">${m?.notes ?? ''}</textarea>
      <p><button type="submit">Lưu biên bản</button></p></form>`
      : '';
  return html`<section class="card" aria-labelledby="h-minutes"><h2 id="h-minutes">Biên bản họp bình xét</h2>${raw(shown)}${raw(form)}</section>`;
}

/** The page's forms: each sends its write, then the page is drawn afresh with what the platform now holds. */
function wire(view: View, ctx: { year: number; campaignId: string; vote: Vote | null; cluster: Cluster | undefined }) {
  const again = async (message: string) => {
    await roundView();
    flash(message);
  };
  const send = (form: HTMLFormElement, write: () => Promise<string>) =>
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const button = $<HTMLButtonElement>('button[type="submit"]', form);
      if (button) button.disabled = true;
      try {
        await again(await write());
      } catch (err) {
        showErrors(form, refusalOf(err));
        if (button) button.disabled = false;
      }
    });
  $<HTMLFormElement>('#pick-cluster', view())?.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/binh-xet?year=${ctx.year}&cluster=${encodeURIComponent(must<HTMLSelectElement>('#b-cluster', view()).value)}`;
  });
  const objection = $<HTMLFormElement>('#objection', view());
  if (objection)
    send(objection, async () => {
      await api('/v1/objections', {
        method: 'POST',
        body: {
          campaignId: ctx.campaignId,
          year: ctx.year,
          criterionId: fieldValue(objection, 'criterionId'),
          reason: fieldValue(objection, 'reason'),
        },
      });
      return 'Đã gửi kiến nghị; Ban Thi đua - Khen thưởng sẽ trả lời.';
    });
  for (const form of $$<HTMLFormElement>('form.answer', view()))
    send(form, async () => {
      const decision = $<HTMLInputElement>('[name="decision"]:checked', form)?.value;
      const done = await api<{ reopenedUntil: string | null }>(`/v1/objections/${form.dataset.id}/answer`, {
        method: 'POST',
        body: { decision, comment: fieldValue(form, 'comment') },
      });
      return done.reopenedUntil
        ? 'Đã chấp nhận kiến nghị; đơn vị được mở lại để nộp số liệu đúng trước khi họp cụm.'
        : 'Đã trả lời kiến nghị.';
    });
  const { cluster } = ctx;
  const ballot = $<HTMLFormElement>('#ballot', view());
  if (ballot && cluster)
    send(ballot, async () => {
      const candidates = $$<HTMLInputElement>('input[name="candidate"]:checked', ballot).map((i) => i.value);
      const done = await api<{ votedAtLocal: string }>(`/v1/clusters/${cluster.clusterId}/years/${ctx.year}/ballots`, {
        method: 'POST',
        body: { campaignId: ctx.campaignId, candidates },
      });
      return `Đã bỏ phiếu kín lúc ${done.votedAtLocal}.`;
    });
  const minutes = $<HTMLFormElement>('#minutes-form', view());
  if (minutes && cluster)
    send(minutes, async () => {
      await api(`/v1/clusters/${cluster.clusterId}/years/${ctx.year}/minutes`, {
        method: 'PUT',
        body: {
          campaignId: ctx.campaignId,
          heldOn: fieldValue(minutes, 'heldOn'),
          place: fieldValue(minutes, 'place'),
          chair: fieldValue(minutes, 'chair'),
          secretary: fieldValue(minutes, 'secretary'),
          attendees: fieldValue(minutes, 'attendees')
            .split('\n')
            .map((a) => a.trim())
            .filter(Boolean),
          notes: fieldValue(minutes, 'notes'),
        },
      });
      return 'Đã lưu biên bản họp bình xét.';
    });
}
