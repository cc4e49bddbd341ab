// The web console (bảng điều khiển): Vietnamese pages for units, reviewers and admins over the public API only.
const $ = (sel, root = document) => root.querySelector(sel);
/**
 * Each page render gets a generation; a render overtaken by a newer one (the user clicked on while it
 * was loading) draws into a detached element instead of over the newer page.
 */
let generation = 0;
function beginRender() {
  const mine = ++generation;
  let detached = null;
  return () => {
    if (mine === generation) return $('#main');
    detached ??= document.createElement('main');
    return detached;
  };
}
const main = () => $('#main');
/** The labels of the platform's codes, from the domain itself (GET /v1/labels): the console keeps no copy. */
let LEVELS = {};
let ROLES = {};
let STATUS = {};
let AWARDS = {};
let RELATIONS = {};
let CLUSTER_ROLES = {};
async function loadLabels() {
  const labels = await fetch('/v1/labels').then((r) => r.json());
  ({
    levels: LEVELS,
    roles: ROLES,
    statuses: STATUS,
    awards: AWARDS,
    relations: RELATIONS,
    clusterRoles: CLUSTER_ROLES,
  } = labels);
}
const pct = (x) =>
  x === null || x === undefined
    ? '—'
    : new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(x);
const num = (x) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(x);
const dateOnly = (local) => (local ? local.split(' ')[0] : '');
const esc = (s) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
const html = (strings, ...values) =>
  strings.reduce((out, s, i) => out + s + (i < values.length ? (values[i]?.__html ?? esc(values[i])) : ''), '');
const raw = (s) => ({ __html: s });

// --- Session and API -------------------------------------------------------------------------
let config = { mode: 'local' };
const session = {
  get: () => JSON.parse(sessionStorage.getItem('session') || 'null'),
  set: (s) => sessionStorage.setItem('session', JSON.stringify(s)),
  clear: () => sessionStorage.removeItem('session'),
};
class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
    this.details = body?.error?.details || [];
  }
}
/** The movement (phong trào) chosen in the header; none chosen: the platform's default campaign. */
const chosenCampaign = {
  get: () => sessionStorage.getItem('campaignId'),
  set: (id) => (id ? sessionStorage.setItem('campaignId', id) : sessionStorage.removeItem('campaignId')),
};
/** Reads that belong to a campaign name the chosen one (`?campaignId=`), unless they name one themselves. */
const CAMPAIGN_READS =
  /^\/v1\/(criteria|submissions(\?|$)|units(\?|$)|units\/[^/?]+\/(scores|tasks|results)|rankings|reports|aggregations|scorecards)/;
function inCampaign(path) {
  const c = chosenCampaign.get();
  if (!c || !CAMPAIGN_READS.test(path) || /[?&]campaignId=/.test(path)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}campaignId=${encodeURIComponent(c)}`;
}
/**
 * The session's token, renewed with Cognito's refresh token when it has less than two minutes left (ID tokens live an
 * hour), so a reviewer in the middle of a queue is not signed out.
 */
async function currentToken() {
  const s = session.get();
  if (!s?.token || !s.refreshToken || config.mode !== 'cognito') return s?.token;
  if (claims(s.token).exp * 1000 - Date.now() > 120_000) return s.token;
  const res = await fetch(`${config.authDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: config.clientId,
      refresh_token: s.refreshToken,
    }),
  });
  if (!res.ok) return s.token;
  const { id_token: token } = await res.json();
  session.set({ ...s, token });
  return token;
}
async function api(path, { method = 'GET', body, token: given, raw: wantRaw = false } = {}) {
  const token = given === undefined ? await currentToken() : given;
  const res = await fetch(inCampaign(path), {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (wantRaw && res.ok) return res;
  const data = (res.headers.get('content-type') || '').includes('json') ? await res.json() : null;
  if (res.status === 401) {
    session.clear();
    location.hash = '#/dang-nhap';
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}
async function allPages(path) {
  const items = [];
  let token = null;
  do {
    const page = await api(
      `${path}${path.includes('?') ? '&' : '?'}limit=200${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`,
    );
    items.push(...page.items);
    token = page.nextToken;
  } while (token);
  return items;
}
const claims = (token) =>
  JSON.parse(decodeURIComponent(escape(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))));

function flash(message, kind = 'notice') {
  $('#flash').innerHTML = message ? html`<div class="${kind}">${message}</div>` : '';
}
/** Puts the API's field errors next to the fields (data-field = the API's field name). */
function showErrors(form, error) {
  for (const e of form.querySelectorAll('.field-error')) e.remove();
  form.querySelectorAll('[aria-invalid]').forEach((e) => {
    e.removeAttribute('aria-invalid');
    e.removeAttribute('aria-describedby');
  });
  const unplaced = [];
  for (const d of error.details || []) {
    const input =
      form.querySelector(`[data-field="${CSS.escape(d.field)}"]`) ||
      form.querySelector(`[data-field^="${CSS.escape(d.field)}."]`);
    if (!input) {
      unplaced.push(`${d.field}: ${d.message}`);
      continue;
    }
    const id = `err-${Math.random().toString(36).slice(2)}`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    input.insertAdjacentHTML('afterend', html`<p class="field-error" id="${id}">${d.message}</p>`);
  }
  const box = form.querySelector('.form-alert');
  box.innerHTML = html`<div class="alert" role="alert">${error.message}${unplaced.length ? ` (${unplaced.join('; ')})` : ''}</div>`;
  (form.querySelector('[aria-invalid="true"]') || box).focus?.();
}

// --- Layout ----------------------------------------------------------------------------------
function renderChrome() {
  const s = session.get();
  const links = !s
    ? []
    : [
        ...(s.role === 'unit' ? [['#/don-vi', 'Báo cáo của đơn vị']] : [['#/tham-dinh', 'Thẩm định']]),
        ['#/ket-qua', 'Kết quả, xếp hạng'],
        ['#/danh-sach', 'Đơn vị, cụm thi đua'],
      ];
  $('#nav').innerHTML = links
    .map(
      ([href, label]) =>
        html`<a href="${href}" ${location.hash.startsWith(href) ? raw('aria-current="page"') : ''}>${label}</a>`,
    )
    .join('');
  $('#who').innerHTML = s
    ? html`<span id="campaign-pick"></span><span>Đăng nhập: <strong>${s.sub}</strong> — ${ROLES[s.role]}${s.unitName ? ` — ${s.unitName}` : ''}</span><button class="secondary" id="signout">Đăng xuất</button>`
    : '';
  if (s) renderCampaignSwitch();
  $('#signout')?.addEventListener('click', () => {
    session.clear();
    chosenCampaign.set(null);
    campaignsList = null;
    location.hash = '#/dang-nhap';
  });
}

/** The campaign switch: every movement the platform runs; the chosen one is what the pages show. */
let campaignsList = null;
async function renderCampaignSwitch() {
  campaignsList ??= api('/v1/campaigns')
    .then((r) => r.items)
    .catch(() => null);
  const campaigns = await campaignsList;
  const box = $('#campaign-pick');
  if (!campaigns || campaigns.length < 2 || !box) return;
  const current = chosenCampaign.get() ?? (await api('/v1/criteria')).campaignId;
  box.innerHTML = html`<label for="campaign">Phong trào</label> <select id="campaign">${raw(
    campaigns
      .map(
        (c) =>
          html`<option value="${c.campaignId}" ${c.campaignId === current ? raw('selected') : ''}>${c.documentNumber} — ${c.province}</option>`,
      )
      .join(''),
  )}</select>`;
  $('#campaign').addEventListener('change', (e) => {
    chosenCampaign.set(e.target.value);
    route();
  });
}

// --- Sign-in ---------------------------------------------------------------------------------
async function signInView() {
  const view = beginRender();
  if (config.mode === 'cognito') {
    view().innerHTML = html`<h1>Đăng nhập</h1><p>Đăng nhập bằng tài khoản do Ban Thi đua - Khen thưởng cấp.</p><button id="hosted">Đăng nhập</button>`;
    $('#hosted').addEventListener('click', startHostedUi);
    return;
  }
  // Locally there is no directory without a token: a short-lived reviewer token lists the units.
  const directory = await api('/local/token', {
    method: 'POST',
    body: { role: 'reviewer', sub: 'local-directory' },
    token: null,
  });
  const units = (await api('/v1/units', { token: directory.token })).items;
  view().innerHTML = html`<h1>Đăng nhập (môi trường cục bộ)</h1>
    <form id="signin" class="card" novalidate>
      <div class="form-alert"></div>
      <label for="role">Vai trò</label>
      <select id="role" data-field="role">${raw(
        Object.entries(ROLES)
          .map(([k, v]) => html`<option value="${k}">${v}</option>`)
          .join(''),
      )}</select>
      <div id="unit-pick"><label for="unitId">Đơn vị</label>
      <select id="unitId" data-field="unitId">${raw(units.map((u) => html`<option value="${u.unitId}">${u.name} (${LEVELS[u.level]})</option>`).join(''))}</select></div>
      <p><button type="submit">Đăng nhập</button></p>
    </form>`;
  const form = $('#signin', view());
  $('#role', view()).addEventListener('change', () => {
    $('#unit-pick', view()).hidden = $('#role', view()).value !== 'unit';
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const role = $('#role', view()).value;
    const unitId = role === 'unit' ? $('#unitId', view()).value : null;
    try {
      const { token } = await api('/local/token', { method: 'POST', body: { role, unitId }, token: null });
      const c = claims(token);
      session.set({ token, role, unitId, sub: c.sub, unitName: units.find((u) => u.unitId === unitId)?.name ?? null });
      location.hash = role === 'unit' ? '#/don-vi' : '#/tham-dinh';
    } catch (err) {
      showErrors(form, err);
    }
  });
}

async function startHostedUi() {
  const verifier = crypto.getRandomValues(new Uint8Array(32)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');
  sessionStorage.setItem('pkce', verifier);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const challenge = btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  location.href = `${config.authDomain}/oauth2/authorize?${q}`;
}
async function finishHostedUi(code) {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: config.clientId,
    code,
    redirect_uri: config.redirectUri,
    code_verifier: sessionStorage.getItem('pkce') || '',
  });
  const res = await fetch(`${config.authDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const { id_token: token, refresh_token: refreshToken } = await res.json();
  const c = claims(token);
  const groups = c['cognito:groups'] || [];
  const role = ['admin', 'reviewer', 'unit'].find((r) => groups.includes(r));
  session.set({ token, refreshToken, role, unitId: c['custom:unitId'] ?? null, sub: c.email || c.sub, unitName: null });
  history.replaceState(null, '', location.pathname);
  location.hash = role === 'unit' ? '#/don-vi' : '#/tham-dinh';
}

// --- Unit view -------------------------------------------------------------------------------
/** Beside a figure: whether it was typed or imported from a file (a unit's TTHC export), and which row. */
const sourceNote = (s) =>
  s.source?.kind === 'import'
    ? raw(
        html` <small class="source" title="Tệp ${s.source.fileSha256}">(nguồn: nhập từ tệp, dòng ${s.source.row})</small>`,
      )
    : '';
function valueText(kind, v) {
  if (!v) return '—';
  if (kind === 'ratio' || 'numerator' in v)
    return `${num(v.numerator)}/${num(v.denominator)} (${pct(v.numerator / v.denominator)})`;
  if ('achieved' in v) return v.achieved ? 'Đạt' : 'Không đạt';
  if ('count' in v) return num(v.count);
  if ('taskId' in v)
    return `${v.taskId}: ${v.status === 'done' ? `hoàn thành ${v.completedOn.split('-').reverse().join('/')}` : 'chưa hoàn thành'}`;
  return v.summary;
}
/** Whether a figure meets its criterion's target, where the target is a number to reach (ratios, counts). */
function meetsTarget(c, value) {
  if (!c || typeof c.target !== 'number') return null;
  // In millionths, as the platform scores: 0.57 × 100 is not 56.999… here.
  const target = Math.round(c.target * 1_000_000);
  if (value.kind === 'ratio') return value.numerator * 1_000_000 >= target * value.denominator;
  if (value.kind === 'count') return value.count * 1_000_000 >= target;
  return null;
}
const metBadge = (met) =>
  met === true
    ? html`<span class="badge met">Đạt chỉ tiêu</span>`
    : met === false
      ? html`<span class="badge notmet">Chưa đạt</span>`
      : '';

/** Inputs of one evidence entry; `formId` keeps element ids unique when many forms share the page. */
function evidenceFields(formId, index = 0) {
  const prefix = `evidence.${index}`;
  const id = `${formId}-ev${index}`;
  return html`<fieldset class="card evidence"><legend>Minh chứng ${index + 1}</legend>
    <label for="${id}-title">Tên văn bản, tài liệu</label><input id="${id}-title" data-field="${prefix}.title" name="title" required>
    <div class="row"><div><label for="${id}-no">Số hiệu</label><input id="${id}-no" data-field="${prefix}.documentNumber" name="documentNumber"></div>
    <div><label for="${id}-date">Ngày ban hành</label><input id="${id}-date" type="date" data-field="${prefix}.issuedOn" name="issuedOn"></div></div>
    <label for="${id}-url">Đường dẫn (URL)</label><input id="${id}-url" type="url" data-field="${prefix}.url" name="url" placeholder="https://">
    <label for="${id}-file">Tệp minh chứng (PDF, ảnh PNG/JPEG, Word, Excel; tối đa 20 MB)</label>
    <input id="${id}-file" type="file" name="file" data-field="${prefix}.fileId" accept="${FILE_ACCEPT}">
    <p class="file-status muted" aria-live="polite"></p>
  </fieldset>`;
}
function readEvidence(form) {
  return [...form.querySelectorAll('fieldset.evidence')].map((set) => {
    const get = (n) => set.querySelector(`[name="${n}"]`)?.value.trim();
    const e = { title: get('title') };
    for (const k of ['documentNumber', 'issuedOn', 'url']) if (get(k)) e[k] = get(k);
    if (set.dataset.fileId) e.fileId = set.dataset.fileId;
    return e;
  });
}

// --- Evidence files: hashed in the browser, sent straight to the signed link, then checked by the platform.
const FILE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx';
/** The browser names some types only by extension (or not at all): the platform checks the content anyway. */
const TYPE_BY_EXTENSION = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
const sizeText = (bytes) =>
  bytes < 1024 * 1024 ? `${num(Math.max(1, Math.round(bytes / 1024)))} KB` : `${num(bytes / 1024 / 1024)} MB`;

async function uploadEvidenceFile(input) {
  const set = input.closest('fieldset');
  const status = set.querySelector('.file-status');
  delete set.dataset.fileId;
  status.classList.remove('field-error');
  const file = input.files[0];
  if (!file) {
    status.textContent = '';
    return;
  }
  status.textContent = `Đang tải lên ${file.name}…`;
  try {
    const bytes = await file.arrayBuffer();
    const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
    const contentType = TYPE_BY_EXTENSION[file.name.split('.').pop().toLowerCase()] ?? file.type;
    const announced = await api('/v1/evidence-files', {
      method: 'POST',
      body: { unitId: session.get().unitId, fileName: file.name, contentType, size: file.size, sha256 },
    });
    if (announced.upload) {
      // The browser sets Content-Length itself (a header a page may not set).
      const { 'content-length': _length, ...headers } = announced.upload.headers;
      const sent = await fetch(announced.upload.url, { method: announced.upload.method, headers, body: bytes });
      if (!sent.ok) throw new Error('Kho lưu trữ không nhận tệp (nội dung khác với tệp đã chọn); vui lòng chọn lại');
      await api(`/v1/evidence-files/${announced.file.fileId}/complete`, { method: 'POST' });
    }
    set.dataset.fileId = announced.file.fileId;
    const title = set.querySelector('[name="title"]');
    if (!title.value.trim()) title.value = file.name.replace(/\.[^.]+$/, '');
    status.textContent = `Đã tải lên: ${file.name} (${sizeText(file.size)}; SHA-256 ${sha256.slice(0, 16)}…)`;
  } catch (err) {
    status.textContent = err.message;
    status.classList.add('field-error');
  }
}
document.addEventListener('change', (e) => {
  if (e.target.matches('fieldset.evidence input[type="file"]')) void uploadEvidenceFile(e.target);
});

/** Evidence as read on a report: documents, links, and files to open (previewed inline for PDF and images). */
const evidenceList = (evidence) =>
  html`<ul class="evidence-list">${raw(
    evidence
      .map(
        (e) =>
          html`<li>${e.url ? raw(html`<a href="${e.url}" target="_blank" rel="noopener">${e.title}</a>`) : e.title}${e.documentNumber ? ` — ${e.documentNumber}` : ''}${e.issuedOn ? ` (${e.issuedOn.split('-').reverse().join('/')})` : ''}${
            e.fileId
              ? raw(
                  html` <button type="button" class="secondary open-file" data-file="${e.fileId}" aria-expanded="false">Xem tệp</button><br><span class="muted hash">SHA-256 ${e.sha256}</span><div class="file-preview" hidden></div>`,
                )
              : ''
          }</li>`,
      )
      .join(''),
  )}</ul>`;

async function openEvidenceFile(button) {
  const preview = button.parentElement.querySelector('.file-preview');
  if (!preview.hidden) {
    preview.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  preview.hidden = false;
  button.setAttribute('aria-expanded', 'true');
  preview.textContent = 'Đang mở tệp…';
  try {
    const f = await api(`/v1/evidence-files/${button.dataset.file}`);
    const facts = html`<p>${f.fileName} · ${f.typeLabel} · ${sizeText(f.size)} · ${f.statusLabel} · ${f.scanLabel}</p>`;
    if (!f.download) {
      preview.innerHTML = facts;
      return;
    }
    const blob = await (await fetch(f.download.url)).blob();
    const url = URL.createObjectURL(new Blob([blob], { type: f.contentType }));
    const shown =
      f.contentType === 'application/pdf'
        ? html`<iframe src="${url}" title="${f.fileName}" class="pdf"></iframe>`
        : f.contentType.startsWith('image/')
          ? html`<img src="${url}" alt="${f.fileName}">`
          : '';
    preview.innerHTML = `${facts}${shown}${html`<p><a href="${url}" download="${f.fileName}">Tải về ${f.fileName}</a></p>`}`;
  } catch (err) {
    preview.innerHTML = html`<div class="alert" role="alert">${err.message}</div>`;
  }
}
document.addEventListener('click', (e) => {
  const button = e.target.closest('button.open-file');
  if (button) void openEvidenceFile(button);
});
/** The inputs of a value by kind; `prefix` is the API field ("value" or "correctedValue"). */
function valueFields(kind, prefix, id, task) {
  if (kind === 'ratio')
    return html`<div class="row"><div><label for="${id}-num">Tử số</label><input id="${id}-num" name="numerator" inputmode="numeric" data-field="${prefix}.numerator"></div>
      <div><label for="${id}-den">Mẫu số</label><input id="${id}-den" name="denominator" inputmode="numeric" data-field="${prefix}.denominator"></div></div>`;
  if (kind === 'boolean')
    return html`<label><input type="checkbox" name="achieved" data-field="${prefix}.achieved"> Đã đạt</label>`;
  if (kind === 'count')
    return html`<label for="${id}-count">Số lượng</label><input id="${id}-count" name="count" inputmode="numeric" data-field="${prefix}.count">`;
  if (kind === 'task')
    return html`<input type="hidden" name="taskId" value="${task}">
      <div class="row"><div><label for="${id}-st">Tình trạng</label><select id="${id}-st" name="status" data-field="${prefix}.status"><option value="done">Đã hoàn thành</option><option value="not_done">Chưa hoàn thành</option></select></div>
      <div><label for="${id}-done">Ngày hoàn thành</label><input id="${id}-done" type="date" name="completedOn" data-field="${prefix}.completedOn"></div></div>`;
  return html`<label for="${id}-sum">Tóm tắt kết quả</label><textarea id="${id}-sum" name="summary" data-field="${prefix}.summary"></textarea>`;
}
function readValue(kind, form) {
  const v = (n) => form.querySelector(`[name="${n}"]`);
  const int = (n) => {
    const s = v(n).value.trim();
    return s === '' ? undefined : /^-?\d+$/.test(s) ? Number(s) : s;
  };
  if (kind === 'ratio') return { numerator: int('numerator'), denominator: int('denominator') };
  if (kind === 'boolean') return { achieved: v('achieved').checked };
  if (kind === 'count') return { count: int('count') };
  if (kind === 'task')
    return {
      taskId: v('taskId').value,
      status: v('status').value,
      ...(v('status').value === 'done' ? { completedOn: v('completedOn').value || undefined } : {}),
    };
  return { summary: v('summary').value };
}

async function unitView() {
  const view = beginRender();
  const s = session.get();
  const unit = await api(`/v1/units/${s.unitId}`);
  const year = Number(new URLSearchParams(location.hash.split('?')[1]).get('nam')) || undefined;
  const crit = await api(`/v1/criteria?level=${unit.level}${year ? `&year=${year}` : ''}`);
  const [subs, score, tasks] = await Promise.all([
    allPages(`/v1/submissions?unitId=${unit.unitId}&year=${crit.year}`),
    api(`/v1/units/${unit.unitId}/scores/${crit.year}`),
    crit.items.some((c) => c.kind === 'task')
      ? api(`/v1/units/${unit.unitId}/tasks/${crit.year}`).then((r) => r.items)
      : [],
  ]);
  const latest = new Map();
  for (const x of subs)
    if (x.status !== 'superseded') latest.set(x.value.taskId ? `${x.criterionId}~${x.value.taskId}` : x.criterionId, x);
  const closed = !crit.submissionOpen;
  view().innerHTML = html`<h1>${unit.name} — báo cáo năm ${crit.year}</h1>
    ${raw(lineageLine(unit))}
    <div class="grid">
      <div class="card"><h2>Hạn nộp báo cáo</h2><p class="kpi">${dateOnly(crit.calendar.submissionClosesLocal)}</p><p>${crit.calendar.submissionClosesLocal} (giờ Việt Nam) — <strong>${closed ? 'không nhận báo cáo' : `còn ${crit.daysLeft} ngày`}</strong></p></div>
      <div class="card"><h2>Điểm tạm tính</h2><p class="kpi" id="total">${num(score.totalPoints)} / ${num(score.maxPoints)}</p>
        <p>${score.metAllTargets ? raw('<span class="badge met">Đạt tất cả chỉ tiêu</span>') : raw('<span class="badge notmet">Chưa đạt tất cả chỉ tiêu</span>')} <span class="muted">Chỉ tính số liệu đã được phê duyệt.</span></p></div>
    </div>
    <h2>Tiêu chí (${LEVELS[unit.level]})</h2>
    ${raw(
      crit.items
        .map((c) => {
          const sc = score.criteria.find((x) => x.criterionId === c.criterionId);
          const slots = c.kind === 'task' ? tasks.filter((t) => t.criterionId === c.criterionId) : [null];
          return html`<section class="card" aria-labelledby="h-${c.criterionId}">
        <h3 id="h-${c.criterionId}">${c.title}</h3>
        <p class="muted">${c.kindLabel} · Chỉ tiêu: ${c.targetText ?? 'đánh giá của Ban TĐKT'} · Tối đa ${num(c.maxPoints)} điểm ${c.source ? `· ${c.source}` : ''}</p>
        <p>Điểm: <strong>${num(sc?.points ?? 0)}</strong> ${raw(metBadge(sc?.met))} ${sc?.ratio !== null && sc?.ratio !== undefined ? `· Tỷ lệ được duyệt: ${pct(sc.ratio)}` : ''}</p>
        ${raw(
          slots
            .map((t) => {
              const key = t ? `${c.criterionId}~${t.taskId}` : c.criterionId;
              const last = latest.get(key);
              const id = `f-${key.replace(/[^a-z0-9]/gi, '-')}`;
              return html`${t ? raw(html`<h4>Nhiệm vụ ${t.taskId} <span class="muted">(hạn ${t.dueOn.split('-').reverse().join('/')})</span></h4><p>${t.content}</p>`) : ''}
          ${
            last
              ? raw(html`<p>Báo cáo gần nhất (lần ${last.version}, ${last.submittedAtLocal}): <strong>${valueText(c.kind, last.value)}</strong>${sourceNote(last)} — <span class="badge ${last.status === 'approved' ? 'met' : last.status === 'submitted' ? 'pending' : 'notmet'}" data-status="${last.status}">${STATUS[last.status]}</span>
            ${last.review?.comment ? raw(html`<br><span>Ý kiến thẩm định: <em>${last.review.comment}</em></span>`) : ''}
            ${last.review?.correctedValue ? raw(html`<br><span>Số liệu được điều chỉnh: ${valueText(c.kind, last.review.correctedValue)}</span>`) : ''}</p>
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
  view()
    .querySelectorAll('button.add-evidence')
    .forEach(
      (b) =>
        void b.addEventListener('click', () => {
          const form = b.closest('form');
          const count = form.querySelectorAll('fieldset.evidence').length;
          b.parentElement.insertAdjacentHTML('beforebegin', evidenceFields(form.id, count));
          form.querySelectorAll('fieldset.evidence')[count].querySelector('input').focus();
        }),
    );
  view()
    .querySelectorAll('form.submit-form')
    .forEach(
      (form) =>
        void form.addEventListener('submit', async (e) => {
          e.preventDefault();
          const button = form.querySelector('button[type="submit"]');
          button.disabled = true;
          try {
            await api('/v1/submissions', {
              method: 'POST',
              body: {
                campaignId: crit.campaignId,
                unitId: unit.unitId,
                year: crit.year,
                criterionId: form.dataset.criterion,
                value: readValue(form.dataset.kind, form),
                evidence: readEvidence(form),
              },
            });
            flash('Đã nộp báo cáo. Báo cáo sẽ được Ban Thi đua - Khen thưởng thẩm định.');
            await unitView();
          } catch (err) {
            showErrors(form, err);
            button.disabled = false;
          }
        }),
    );
}

// --- Reviewer views --------------------------------------------------------------------------
/** Reports a reviewer may approve together: figures read as they are, with no points to give or tasks to check. */
const BULK_KINDS = new Set(['ratio', 'count', 'boolean']);
async function queueView() {
  const view = beginRender();
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const crit = await api(`/v1/criteria${params.get('year') ? `?year=${params.get('year')}` : ''}`);
  const year = crit.year;
  const units = (await api('/v1/units')).items;
  const clusters = [...new Set(units.map((u) => u.cluster).filter(Boolean))].sort();
  const q = new URLSearchParams({ status: 'submitted', year: String(year) });
  for (const k of ['level', 'cluster', 'criterionId']) if (params.get(k)) q.set(k, params.get(k));
  const items = await allPages(`/v1/submissions?${q}`);
  const sel = (name, label, options) =>
    html`<div><label for="q-${name}">${label}</label><select id="q-${name}" name="${name}"><option value="">Tất cả</option>${raw(options.map(([v, t]) => html`<option value="${v}" ${params.get(name) === v ? raw('selected') : ''}>${t}</option>`).join(''))}</select></div>`;
  view().innerHTML = html`<h1>Hàng chờ thẩm định năm ${year}</h1>
    <form id="filters" class="row card">
      <div><label for="q-year">Năm</label><input id="q-year" name="year" type="number" value="${year}"></div>
      ${raw(sel('level', 'Cấp', Object.entries(LEVELS)))}${raw(
        sel(
          'cluster',
          'Cụm/khối',
          clusters.map((c) => [c, c]),
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
          const c = crit.items.find((x) => x.criterionId === s.criterionId);
          const title = c?.title ?? s.criterionId;
          return html`<tr data-id="${s.submissionId}"><td data-label="Chọn">${BULK_KINDS.has(c?.kind) ? raw(html`<input type="checkbox" class="pick" value="${s.submissionId}" data-version="${s.version}" aria-label="Chọn ${s.unitName}: ${title}">`) : ''}</td><td data-label="Đơn vị">${s.unitName}</td><td data-label="Cấp">${LEVELS[s.unitLevel]}</td><td data-label="Tiêu chí">${title}</td>
      <td data-label="Số liệu">${valueText(c?.kind, s.value)}${sourceNote(s)}</td><td data-label="Nộp lúc">${s.submittedAtLocal}</td><td><a href="#/tham-dinh/${s.submissionId}">Thẩm định</a></td></tr>`;
        })
        .join(''),
    )}
    </tbody></table></div>
    <dialog id="bulk-confirm" aria-labelledby="bulk-title"><h2 id="bulk-title">Phê duyệt cùng lúc</h2><p>Các báo cáo sau sẽ được phê duyệt với số liệu đơn vị đã nộp:</p><ol id="bulk-list"></ol>
      <p><button type="button" id="bulk-yes">Xác nhận phê duyệt</button> <button type="button" class="secondary" id="bulk-no">Hủy</button></p></dialog>`;
  const picked = () => [...view().querySelectorAll('input.pick:checked')];
  $('#queue', view()).addEventListener('change', () => {
    $('#bulk', view()).disabled = picked().length === 0;
  });
  const dialog = $('#bulk-confirm', view());
  $('#bulk', view()).addEventListener('click', () => {
    $('#bulk-list', view()).innerHTML = picked()
      .map((p) => html`<li>${p.getAttribute('aria-label').replace(/^Chọn /, '')}</li>`)
      .join('');
    $('#bulk-yes', view()).textContent = `Xác nhận phê duyệt ${picked().length} báo cáo`;
    dialog.showModal();
  });
  $('#bulk-no', view()).addEventListener('click', () => dialog.close());
  $('#bulk-yes', view()).addEventListener('click', async (e) => {
    e.target.disabled = true;
    const failed = [];
    let done = 0;
    for (const p of picked()) {
      try {
        await api(`/v1/submissions/${p.value}/decision`, {
          method: 'POST',
          body: { decision: 'approved', expectedVersion: Number(p.dataset.version) },
        });
        done++;
      } catch (err) {
        failed.push(`${p.getAttribute('aria-label').replace(/^Chọn /, '')}: ${err.message}`);
      }
    }
    dialog.close();
    await queueView();
    flash(
      `Đã phê duyệt ${done} báo cáo.${failed.length ? ` Không phê duyệt được: ${failed.join('; ')}` : ''}`,
      failed.length ? 'alert' : 'notice',
    );
  });
  $('#filters', view()).addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new URLSearchParams([...new FormData(e.target)].filter(([, v]) => v));
    location.hash = `#/tham-dinh?${f}`;
  });
}

async function reviewView(id) {
  const view = beginRender();
  const [s, history] = await Promise.all([api(`/v1/submissions/${id}`), api(`/v1/submissions/${id}/history`)]);
  const [crit, lastYear] = await Promise.all([
    api(`/v1/criteria?year=${s.year}&level=${s.unitLevel}`),
    // The same slot a year earlier, when that year exists: what the unit reported then, as reviewed.
    allPages(`/v1/submissions?unitId=${s.unitId}&year=${s.year - 1}&criterionId=${s.criterionId}`)
      .then((items) => items.find((x) => x.slotId === s.slotId && x.status !== 'superseded') ?? null)
      .catch(() => null),
  ]);
  const c = crit.items.find((x) => x.criterionId === s.criterionId);
  const previous = history.items.find((h) => h.action === 'submitted' && h.version === s.version - 1)?.after?.value;
  const changed = previous && JSON.stringify(previous) !== JSON.stringify(s.value);
  const formId = 'decision';
  view().innerHTML = html`<p><a href="#/tham-dinh">← Hàng chờ thẩm định</a></p>
    <h1>${s.unitName}: ${c?.title ?? s.criterionId}</h1>
    <div class="grid"><div class="card"><h2>Số liệu báo cáo</h2><p class="kpi">${valueText(c?.kind, s.value)}</p>${s.source?.kind === 'import' ? raw(html`<p>${sourceNote(s)}</p>`) : ''}
      <p>Lần nộp ${s.version} · ${s.submittedAtLocal} · <span class="badge" data-status="${s.status}">${STATUS[s.status]}</span></p>
      <p>Chỉ tiêu ${LEVELS[s.unitLevel]}: ${c?.targetText ?? 'đánh giá'} ${raw(metBadge(meetsTarget(c, s.value)))}</p>
      ${previous ? raw(html`<p>${changed ? raw(html`<span class="badge pending">Đã thay đổi</span> lần nộp trước: ${valueText(c?.kind, previous)}`) : 'Không đổi so với lần nộp trước'}</p>`) : ''}
      <p class="muted">Năm ${s.year - 1}: ${lastYear ? `${valueText(c?.kind, lastYear.review?.correctedValue ?? lastYear.value)} (${STATUS[lastYear.status]})` : 'không có báo cáo'}</p></div>
    <div class="card"><h2>Minh chứng</h2>${raw(evidenceList(s.evidence))}</div></div>
    ${
      s.status === 'submitted'
        ? raw(html`<form id="${formId}" class="card" novalidate>
      <h2>Quyết định</h2><div class="form-alert" tabindex="-1"></div>
      <fieldset data-field="decision"><legend>Kết quả thẩm định</legend>
        <label><input type="radio" name="decision" value="approved" required> Phê duyệt</label>
        <label><input type="radio" name="decision" value="returned"> Yêu cầu bổ sung</label>
        <label><input type="radio" name="decision" value="rejected"> Không chấp nhận</label></fieldset>
      <label for="comment">Ý kiến (bắt buộc khi yêu cầu bổ sung hoặc không chấp nhận)</label><textarea id="comment" name="comment" data-field="comment"></textarea>
      ${c?.kind === 'assessed' ? raw(html`<label for="points">Điểm (tối đa ${num(c.maxPoints)})</label><input id="points" name="points" inputmode="decimal" data-field="points">`) : ''}
      ${c && c.kind !== 'assessed' ? raw(html`<details><summary>Điều chỉnh số liệu khi phê duyệt</summary><div class="corr">${raw(valueFields(c.kind, 'correctedValue', 'corr', s.value.taskId))}</div><label><input type="checkbox" name="correct"> Dùng số liệu điều chỉnh</label></details>`) : ''}
      <p><button type="submit">Ghi quyết định</button></p></form>`)
        : raw(
            s.review
              ? html`<div class="card"><h2>Quyết định</h2><p>${STATUS[s.review.decision]} — ${s.review.decidedBy}, ${s.review.decidedAtLocal}</p>${s.review.comment ? raw(html`<p>${s.review.comment}</p>`) : ''}</div>`
              : '',
          )
    }
    <h2>Lịch sử</h2><ol class="history">${raw(history.items.map((h) => html`<li><strong>${h.atLocal}</strong> — ${h.actor} (${ROLES[h.role] ?? h.role}): ${STATUS[h.action] ?? h.action} (lần ${h.version})${h.comment ? ` — “${h.comment}”` : ''}${h.after?.corrected ? ` — số liệu điều chỉnh: ${valueText(c?.kind, h.after.value)}` : ''}${h.after?.files?.length ? ` — căn cứ ${h.after.files.length} tệp minh chứng (SHA-256 ${h.after.files.map((f) => `${f.sha256.slice(0, 12)}…`).join(', ')})` : ''}</li>`).join(''))}</ol>`;
  const form = $(`#${formId}`, view());
  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    // Nothing is chosen for the reviewer: without a choice the platform answers which field is missing.
    const decision = form.querySelector('[name="decision"]:checked')?.value;
    const body = { decision, expectedVersion: s.version };
    const comment = form.querySelector('[name="comment"]').value.trim();
    if (comment) body.comment = comment;
    const points = form.querySelector('[name="points"]')?.value.trim();
    if (points) body.points = Number(points.replace(',', '.'));
    if (form.querySelector('[name="correct"]')?.checked)
      body.correctedValue = readValue(c.kind, form.querySelector('.corr'));
    try {
      await api(`/v1/submissions/${id}/decision`, { method: 'POST', body });
      navigate('#/tham-dinh', 'Đã ghi quyết định thẩm định.');
    } catch (err) {
      if (['VERSION_CONFLICT', 'ALREADY_DECIDED', 'SUPERSEDED'].includes(err.code)) {
        form.querySelector('.form-alert').innerHTML =
          html`<div class="alert" role="alert"><strong>Không ghi được quyết định:</strong> ${err.message}. Có thể một thẩm định viên khác vừa xử lý báo cáo này, hoặc đơn vị vừa nộp báo cáo mới. <button type="button" class="secondary" id="reload">Tải lại báo cáo</button></div>`;
        $('#reload', view()).addEventListener('click', () => reviewView(id));
        form.querySelector('.form-alert').focus();
      } else showErrors(form, err);
    }
  });
}

// --- Results ---------------------------------------------------------------------------------
async function download(path, filename) {
  const res = await api(path, { raw: true });
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

async function resultsView() {
  const view = beginRender();
  const s = session.get();
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const crit = await api('/v1/criteria');
  const year = Number(params.get('year')) || crit.year - (params.has('year') ? 0 : 0);
  const level = params.get('level') || 'department';
  const cluster = params.get('cluster') || '';
  let rankings = null;
  let report = null;
  let runs = null;
  try {
    [rankings, report] = await Promise.all([
      api(`/v1/rankings/${year}?level=${level}${cluster ? `&cluster=${cluster}` : ''}`),
      api(`/v1/reports/${year}`),
    ]);
  } catch (err) {
    if (err.code !== 'AGGREGATION_NOT_FOUND') throw err;
  }
  if (s.role === 'admin')
    runs = await api(`/v1/aggregations/${year}`).catch((err) =>
      err.code === 'AGGREGATION_NOT_FOUND' ? null : Promise.reject(err),
    );
  const levelSummary = report?.summary.find((x) => x.level === level);
  const byIndex = rankings?.items.some((r) => r.index !== undefined) ?? false;
  const clusters = [
    ...new Set((await api(`/v1/units?level=${level}&year=${year}`)).items.map((u) => u.cluster).filter(Boolean)),
  ].sort();
  view().innerHTML = html`<h1>Kết quả, xếp hạng năm ${year}</h1>
    ${report ? raw(html`<p class="muted" id="legal-basis">${report.heading[0]} — ${report.heading[1]}</p>`) : ''}
    <form id="rfilters" class="row card">
      <div><label for="r-year">Năm</label><input id="r-year" name="year" type="number" value="${year}"></div>
      <div><label for="r-level">Cấp</label><select id="r-level" name="level">${raw(
        Object.entries(LEVELS)
          .map(([k, v]) => html`<option value="${k}" ${k === level ? raw('selected') : ''}>${v}</option>`)
          .join(''),
      )}</select></div>
      <div><label for="r-cluster">Cụm/khối thi đua</label><select id="r-cluster" name="cluster"><option value="">Tất cả</option>${raw(clusters.map((c) => html`<option value="${c}" ${c === cluster ? raw('selected') : ''}>${c}</option>`).join(''))}</select></div>
      <div><button type="submit">Xem</button></div>
    </form>
    ${
      s.role === 'admin'
        ? raw(html`<section class="card" aria-labelledby="h-runs"><h2 id="h-runs">Tổng hợp cuối năm</h2>
      <p><button id="run">Chạy tổng hợp năm ${year}</button> <span id="run-status" role="status" aria-live="polite"></span></p>
      ${
        runs
          ? raw(html`<div class="table-wrap"><table><thead><tr><th>Bắt đầu</th><th>Kết thúc</th><th>Cách chạy</th><th>Trạng thái</th><th class="num">Đơn vị</th><th class="num">Bản ghi đọc</th></tr></thead><tbody>
        ${raw(runs.runs.map((r) => html`<tr><td>${r.startedAtLocal}</td><td>${r.finishedAtLocal ?? ''}</td><td>${r.trigger}</td><td>${r.status}</td><td class="num">${r.counts?.units ?? ''}</td><td class="num">${r.counts?.itemsRead ?? ''}</td></tr>`).join(''))}</tbody></table></div>`)
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
      <section class="card" aria-labelledby="h-chart"><h2 id="h-chart">Tỷ lệ đơn vị đạt chỉ tiêu — ${LEVELS[level]}</h2>
        <div class="chart" role="list">${raw(
          (levelSummary?.criteria ?? [])
            .filter((c) => c.shareMet !== null)
            .map(
              (c) =>
                html`<div class="bar" role="listitem"><span class="label">${c.title}</span><span class="track" aria-hidden="true"><span class="fill" data-share="${Math.round(c.shareMet * 100)}"></span></span><span class="num">${pct(c.shareMet)}</span></div>`,
            )
            .join(''),
        )}</div>
      </section>
      <h2>Bảng xếp hạng ${cluster ? (rankings.items[0]?.clusterName ?? cluster) : LEVELS[level]}</h2>
      <div class="table-wrap"><table id="ranking"><thead><tr><th class="num">Hạng</th><th>Đơn vị</th><th>Cụm/khối</th>${raw(byIndex ? '<th class="num">Chỉ số</th>' : '')}<th class="num">Điểm</th><th>Đạt tất cả chỉ tiêu</th><th>Đề nghị khen thưởng</th></tr></thead><tbody>
      ${raw(rankings.items.map((r) => html`<tr data-unit="${r.unitId}"><td class="num">${r.rank ?? ''}</td><td><a href="#/don-vi/${r.unitId}">${r.name}</a></td><td>${r.clusterName ?? ''}</td>${raw(byIndex ? html`<td class="num">${r.index.toFixed(4).replace('.', ',')}</td>` : '')}<td class="num"><a href="#/bang-diem/${year}/${r.unitId}" title="Bảng điểm công khai">${num(r.totalPoints)} / ${num(r.maxPoints)}</a></td><td>${r.metAllTargets ? 'Có' : 'Không'}</td><td>${r.award ? AWARDS[r.award] : ''}</td></tr>`).join(''))}
      </tbody></table></div>`)
    }`;
  // Widths set through the DOM, not inline style attributes: the Content-Security-Policy allows no inline style.
  for (const fill of view().querySelectorAll('.fill[data-share]')) fill.style.width = `${fill.dataset.share}%`;
  $('#rfilters', view()).addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/ket-qua?${new URLSearchParams([...new FormData(e.target)].filter(([, v]) => v))}`;
  });
  $('#csv', view())?.addEventListener('click', () =>
    download(`/v1/reports/${year}?format=csv`, `bao-cao-thi-dua-${year}.csv`),
  );
  $('#xlsx', view())?.addEventListener('click', () =>
    download(`/v1/reports/${year}?format=xlsx`, `bao-cao-thi-dua-${year}.xlsx`),
  );
  $('#bundle', view())?.addEventListener('click', async (e) => {
    try {
      const bundle = await api(`/v1/scorecards/${year}/bundle`);
      const a = Object.assign(document.createElement('a'), { href: bundle.url, download: bundle.fileName });
      a.click();
      flash(`Gói bảng điểm ${bundle.fileName} (${sizeText(bundle.bytes)}), SHA-256 ${bundle.sha256}`);
    } catch (err) {
      flash(err.message, 'alert');
      e.target.disabled = false;
    }
  });
  $('#run', view())?.addEventListener('click', async (e) => {
    e.target.disabled = true;
    $('#run-status', view()).innerHTML =
      html`<span class="spinner" aria-hidden="true"></span> Đang tổng hợp, xếp hạng…`;
    try {
      const run = await api(`/v1/aggregations/${year}`, { method: 'POST' });
      flash(`Đã tổng hợp năm ${year}: ${run.counts.units} đơn vị, ${run.counts.figures} số liệu.`);
      await resultsView();
    } catch (err) {
      $('#run-status', view()).textContent = err.message;
      e.target.disabled = false;
    }
  });
}

// --- Units over time: the units and clusters of a year, a unit's lineage and results -----------
const dmy = (isoDate) => (isoDate ? isoDate.split('-').reverse().join('/') : '');
/** "Thành lập từ …" under a unit's name: what it was formed from, and since when. */
function lineageLine(unit) {
  if (!unit.predecessors?.length) return '';
  const from = unit.predecessors
    .map((p) => html`<a href="#/don-vi/${p.unitId}">${p.name}</a> (${RELATIONS[p.relation] ?? p.relation})`)
    .join(', ');
  return html`<p class="lineage">Thành lập từ ${raw(from)} — từ ngày ${dmy(unit.validFrom)}</p>`;
}

async function unitsView() {
  const view = beginRender();
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const crit = await api('/v1/criteria');
  const year = Number(params.get('year')) || crit.year;
  const [units, clusters] = await Promise.all([
    api(`/v1/units?year=${year}`),
    api(`/v1/campaigns/${crit.campaignId}/years/${year}/clusters`),
  ]);
  const names = new Map(clusters.clusters.map((c) => [c.clusterId, c.name]));
  const years = Array.from({ length: 5 }, (_, i) => crit.year - 3 + i);
  view().innerHTML = html`<h1>Đơn vị, cụm thi đua năm ${year}</h1>
    <form id="ufilters" class="row card">
      <div><label for="u-year">Năm</label><select id="u-year" name="year">${raw(years.map((y) => html`<option value="${y}" ${y === year ? raw('selected') : ''}>${y}</option>`).join(''))}</select></div>
      <div><button type="submit">Xem</button></div>
    </form>
    <p>${units.items.length} đơn vị hoạt động vào ngày chốt ${dmy(units.cutOff)}.</p>
    ${raw(
      clusters.clusters
        .map(
          (c) => html`<section class="card" aria-labelledby="c-${c.clusterId}"><h2 id="c-${c.clusterId}">${c.name}</h2>
      <p>${c.head ? raw(html`Trưởng cụm: <strong>${units.items.find((u) => u.unitId === c.head)?.name ?? c.head}</strong>`) : 'Chưa có trưởng cụm'}${c.deputy ? raw(html` — Phó cụm: <strong>${units.items.find((u) => u.unitId === c.deputy)?.name ?? c.deputy}</strong>`) : ''}</p>
      <div class="table-wrap"><table class="units"><thead><tr><th>Đơn vị</th><th>Loại</th><th>Mã</th><th>Thành lập từ</th></tr></thead><tbody>
      ${raw(
        units.items
          .filter((u) => u.cluster === c.clusterId)
          .map(
            (u) =>
              html`<tr data-unit="${u.unitId}"><td><a href="#/don-vi/${u.unitId}">${u.name}</a>${u.clusterRole ? raw(html` <span class="badge">${CLUSTER_ROLES[u.clusterRole]}</span>`) : ''}</td><td>${u.kindLabel}</td><td>${u.code ?? '—'}</td><td>${u.predecessors.length ? `${u.predecessors.length} đơn vị (từ ${dmy(u.validFrom)})` : ''}</td></tr>`,
          )
          .join(''),
      )}</tbody></table></div></section>`,
        )
        .join(''),
    )}
    ${raw(
      units.items.some((u) => !u.cluster || !names.has(u.cluster))
        ? html`<section class="card"><h2>Chưa thuộc cụm, khối nào</h2><ul>${raw(
            units.items
              .filter((u) => !u.cluster || !names.has(u.cluster))
              .map((u) => html`<li><a href="#/don-vi/${u.unitId}">${u.name}</a></li>`)
              .join(''),
          )}</ul></section>`
        : '',
    )}`;
  $('#ufilters', view()).addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/danh-sach?year=${$('#u-year', view()).value}`;
  });
}

async function unitDetailView(unitId) {
  const view = beginRender();
  const crit = await api('/v1/criteria');
  const [unit, results] = await Promise.all([
    api(`/v1/units/${unitId}`),
    api(`/v1/units/${unitId}/results?from=${crit.year - 2}&to=${crit.year}`),
  ]);
  const points = (r) => (r.totalPoints === null ? '—' : `${num(r.totalPoints)} / ${num(r.maxPoints)}`);
  view().innerHTML = html`<p><a href="#/danh-sach">← Đơn vị, cụm thi đua</a></p>
    <h1>${unit.name}</h1>
    <p>${unit.kindLabel}${unit.code ? ` — mã ${unit.code}` : ''} — hoạt động từ ${dmy(unit.validFrom)}${unit.validTo ? ` đến ${dmy(unit.validTo)}` : ''}</p>
    ${raw(lineageLine(unit))}
    ${
      unit.successors.length
        ? raw(
            html`<p class="lineage">Đã sắp xếp vào: ${raw(unit.successors.map((x) => html`<a href="#/don-vi/${x.unitId}">${x.name}</a> (${RELATIONS[x.relation] ?? x.relation}, tỷ trọng ${pct(x.share)})`).join(', '))}</p>`,
          )
        : ''
    }
    <h2>Kết quả qua các năm</h2>
    <p class="muted">Những năm trước khi đơn vị được thành lập, kết quả được tính từ các đơn vị tiền thân (${results.lineageRule === 'weighted' ? 'bình quân theo tỷ trọng' : results.lineageRule === 'mean' ? 'bình quân cộng' : 'không tính'}).</p>
    <div class="table-wrap"><table id="results"><thead><tr><th>Năm</th><th class="num">Điểm</th><th>Đạt tất cả chỉ tiêu</th><th class="num">Hạng</th><th>Khen thưởng</th><th>Cách tính</th></tr></thead><tbody>
    ${raw(
      results.items
        .map(
          (r) =>
            html`<tr data-year="${r.year}"><td>${r.year}</td><td class="num">${points(r)}</td><td>${r.metAllTargets === null ? '—' : r.metAllTargets ? 'Có' : 'Không'}</td><td class="num">${r.levelRank ?? '—'}</td><td>${r.awardName ?? ''}${r.awardInherited ? ' (kế thừa)' : ''}</td><td>${r.derived ? raw(html`<span class="badge">Tính từ đơn vị tiền thân</span>`) : r.totalPoints === null ? 'Chưa có kết quả' : 'Kết quả của đơn vị'}</td></tr>`,
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

// --- Public scorecard (công khai): no sign-in; how each point of a unit was earned -----------------
async function scorecardView(year, unitId) {
  const view = beginRender();
  const sc = await api(`/v1/scorecards/${year}/units/${unitId}`, { token: null });
  const figuresOf = (criterionId) => sc.figures.filter((f) => f.criterionId === criterionId);
  const r = sc.ranking;
  view().innerHTML = html`<h1>Bảng điểm công khai — ${sc.unit.name}, năm ${sc.year}</h1>
    <p>${sc.campaignName} · ${LEVELS[sc.unit.level]} · tổng hợp lúc ${sc.finishedAtLocal}</p>
    <div class="grid">
      <div class="card"><h2>Tổng điểm</h2><p class="kpi">${num(sc.score.totalPoints)} / ${num(sc.score.maxPoints)}</p>
        <p>${sc.score.metAllTargets ? raw('<span class="badge met">Đạt tất cả chỉ tiêu</span>') : raw('<span class="badge notmet">Chưa đạt tất cả chỉ tiêu</span>')}</p></div>
      <div class="card"><h2>Xếp hạng</h2><p class="kpi">${r ? `Hạng ${r.levelRank}` : '—'}</p>
        <p>${r?.clusterRank ? `Hạng ${r.clusterRank} trong cụm, khối` : ''}${r?.award ? ` · Đề nghị: ${AWARDS[r.award]}` : ''}</p></div>
    </div>
    <div class="table-wrap"><table><thead><tr><th>Tiêu chí</th><th>Số liệu được tính</th><th>Chỉ tiêu</th><th>Kết quả thẩm định</th><th class="num">Điểm</th></tr></thead><tbody>
    ${raw(
      sc.score.criteria
        .map(
          (c) =>
            html`<tr><td>${c.title}</td><td>${c.value ? valueText(c.kind, c.value) : '—'}${raw(
              figuresOf(c.criterionId)
                .filter((f) => f.fileHashes.length)
                .map(
                  (f) =>
                    html`<br><span class="muted hash">Minh chứng SHA-256 ${f.fileHashes.map((x) => `${x.slice(0, 16)}…`).join(', ')}</span>`,
                )
                .join(''),
            )}</td><td>${c.target === null ? '—' : c.kind === 'ratio' ? pct(c.target) : num(c.target)} ${raw(metBadge(c.met))}</td><td>${STATUS[c.status] ?? c.status}</td><td class="num">${num(c.points)} / ${num(c.maxPoints)}</td></tr>`,
        )
        .join(''),
    )}</tbody></table></div>
    <p class="muted">Mã băm xếp hạng của lượt tổng hợp: <span class="hash">${sc.digest}</span><br>
      SHA-256 của gói bảng điểm: <span class="hash">${sc.bundleSha256}</span></p>`;
}

// --- Router ----------------------------------------------------------------------------------
async function route() {
  const s = session.get();
  const path = location.hash.split('?')[0];
  renderChrome();
  const started = generation;
  try {
    const scorecard = /^#\/bang-diem\/(\d{4})\/([a-z0-9-]+)$/.exec(path);
    if (scorecard) {
      await scorecardView(Number(scorecard[1]), scorecard[2]);
      document.title = `${$('h1')?.textContent ?? ''} — Chấm điểm thi đua chuyển đổi số`;
      return;
    }
    if (!s) {
      if (path !== '#/dang-nhap') location.hash = '#/dang-nhap';
      else await signInView();
      return;
    }
    if (path.startsWith('#/tham-dinh/')) await reviewView(path.slice('#/tham-dinh/'.length));
    else if (path === '#/tham-dinh' && s.role !== 'unit') await queueView();
    else if (path === '#/ket-qua') await resultsView();
    else if (path === '#/danh-sach') await unitsView();
    else if (path.startsWith('#/don-vi/')) await unitDetailView(path.slice('#/don-vi/'.length));
    else if (path === '#/don-vi' && s.role === 'unit') await unitView();
    else location.hash = s.role === 'unit' ? '#/don-vi' : '#/tham-dinh';
    document.title = `${$('h1')?.textContent ?? ''} — Chấm điểm thi đua chuyển đổi số`;
  } catch (err) {
    // An overtaken render's failure is not this page's.
    if (generation !== started + 1) return;
    main().innerHTML = html`<div class="alert" role="alert">${err.message}</div>`;
  }
}

/** Goes to a page and shows a message there (a plain hash change clears messages). */
let pendingFlash = null;
function navigate(hash, message) {
  pendingFlash = message;
  location.hash = hash;
}
window.addEventListener('hashchange', () => {
  flash(pendingFlash ?? '');
  pendingFlash = null;
  route();
});
(async () => {
  config = await fetch('/config.json')
    .then((r) => (r.ok ? r.json() : { mode: 'local' }))
    .catch(() => ({ mode: 'local' }));
  await loadLabels();
  const code = new URLSearchParams(location.search).get('code');
  if (config.mode === 'cognito' && code) await finishHostedUi(code);
  await route();
})();
