/**
 * The web console (bảng điều khiển): Vietnamese pages for units, reviewers and admins over the public API only.
 * One module per view; labels and the API's types come from shared/ itself (bundled by esbuild, checked by tsc).
 */
import { LABELS } from '../../shared/domain/labels.js';
import { api, chosenCampaign, config, loadConfig, session } from './api.js';
import { $, currentGeneration, flash, html, listenForFilePickers, must, raw, takeFlash } from './dom.js';
import { listenForEvidence } from './figures.js';
import type { CampaignView, CriteriaList } from './types.js';
import { adminView } from './views/admin.js';
import { mailboxView } from './views/mailbox.js';
import { resultsView } from './views/results.js';
import { queueView, reviewView } from './views/review.js';
import { roundView } from './views/round.js';
import { scorecardView } from './views/scorecard.js';
import { finishHostedUi, signInView } from './views/sign-in.js';
import { unitView } from './views/unit.js';
import { unitDetailView, unitsView } from './views/units.js';

function renderChrome() {
  const s = session.get();
  const links: Array<[string, string]> = [];
  if (s) {
    links.push(s.role === 'unit' ? ['#/don-vi', 'Báo cáo của đơn vị'] : ['#/tham-dinh', 'Thẩm định']);
    links.push(
      ['#/binh-xet', 'Bình xét'],
      ['#/ket-qua', 'Kết quả, xếp hạng'],
      ['#/danh-sach', 'Đơn vị, cụm thi đua'],
      ['#/hop-thu', 'Hộp thư'],
    );
    if (s.role === 'admin') links.push(['#/quan-tri', 'Quản trị']);
  }
  must('#nav').innerHTML = links
    .map(
      ([href, label]) =>
        html`<a href="${href}" ${location.hash.startsWith(href) ? raw('aria-current="page"') : ''}>${label}</a>`,
    )
    .join('');
  must('#who').innerHTML = s
    ? html`<span id="campaign-pick"></span><span>Đăng nhập: <strong>${s.name}</strong> — ${LABELS.roles[s.role]}${s.unitName ? ` — ${s.unitName}` : ''}</span><button class="secondary" id="signout">Đăng xuất</button>`
    : '';
  if (s) void renderCampaignSwitch();
  $('#signout')?.addEventListener('click', () => {
    session.clear();
    chosenCampaign.set(null);
    campaignsList = null;
    location.hash = '#/dang-nhap';
  });
}

/** The campaign switch: every movement the platform runs; the chosen one is what the pages show. */
let campaignsList: Promise<CampaignView[] | null> | null = null;
async function renderCampaignSwitch() {
  campaignsList ??= api<{ items: CampaignView[] }>('/v1/campaigns')
    .then((r) => r.items)
    .catch(() => null);
  const campaigns = await campaignsList;
  const box = $('#campaign-pick');
  if (!campaigns || campaigns.length < 2 || !box) return;
  const current = chosenCampaign.get() ?? (await api<CriteriaList>('/v1/criteria')).campaignId;
  box.innerHTML = html`<label for="campaign">Phong trào</label> <select id="campaign">${raw(
    campaigns
      .map(
        (c) =>
          html`<option value="${c.campaignId}" ${c.campaignId === current ? raw('selected') : ''}>${c.documentNumber} — ${c.province}</option>`,
      )
      .join(''),
  )}</select>`;
  must<HTMLSelectElement>('#campaign').addEventListener('change', (e) => {
    chosenCampaign.set((e.target as HTMLSelectElement).value);
    // What was said about the previous campaign does not stay on the next one's pages.
    flash('');
    void route();
  });
}

/** The pages: a hash pattern, who may see it, and the view. The first match wins. */
const PAGES: Array<{ path: RegExp; roles?: ReadonlyArray<string>; show: (m: RegExpExecArray) => Promise<void> }> = [
  // A unit opens a report to decide as its cluster's head (kiểm tra chéo); the API decides who may.
  { path: /^#\/tham-dinh\/(.+)$/, show: (m) => reviewView(m[1]!) },
  { path: /^#\/tham-dinh$/, roles: ['reviewer', 'admin'], show: queueView },
  { path: /^#\/binh-xet$/, show: roundView },
  { path: /^#\/ket-qua$/, show: resultsView },
  { path: /^#\/danh-sach$/, show: unitsView },
  { path: /^#\/hop-thu$/, show: mailboxView },
  { path: /^#\/quan-tri(?:\/([a-z-]+))?$/, roles: ['admin'], show: (m) => adminView(m[1] ?? 'don-vi') },
  { path: /^#\/don-vi\/([a-z0-9-]+)$/, show: (m) => unitDetailView(m[1]!) },
  { path: /^#\/don-vi$/, roles: ['unit'], show: unitView },
];

async function route() {
  const s = session.get();
  const path = location.hash.split('?')[0] ?? '';
  renderChrome();
  const started = currentGeneration();
  try {
    const scorecard = /^#\/bang-diem\/(\d{4})\/([a-z0-9-]+)$/.exec(path);
    if (scorecard) await scorecardView(Number(scorecard[1]), scorecard[2]!);
    else if (!s) {
      if (path !== '#/dang-nhap') location.hash = '#/dang-nhap';
      else await signInView();
      return;
    } else {
      const page = PAGES.map((p) => ({ p, m: p.path.exec(path) })).find(
        ({ p, m }) => m && (!p.roles || p.roles.includes(s.role)),
      );
      if (page?.m) await page.p.show(page.m);
      else location.hash = s.role === 'unit' ? '#/don-vi' : '#/tham-dinh';
    }
    document.title = `${$('h1')?.textContent ?? ''} — Chấm điểm thi đua chuyển đổi số`;
  } catch (err) {
    // An overtaken render's failure is not this page's.
    if (currentGeneration() !== started + 1) return;
    must('#main').innerHTML =
      html`<div class="alert" role="alert">${err instanceof Error ? err.message : String(err)}</div>`;
  }
}

window.addEventListener('hashchange', () => {
  flash(takeFlash());
  void route();
});
listenForEvidence();
listenForFilePickers();
void (async () => {
  await loadConfig();
  const code = new URLSearchParams(location.search).get('code');
  if (config.mode === 'cognito' && code) await finishHostedUi(code);
  await route();
})();
