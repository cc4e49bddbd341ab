/** Sign-in: the local server's token route (a role and a unit to choose), or Cognito's hosted UI with PKCE. */
import { LABELS } from '../../../shared/domain/labels.js';
import type { Role } from '../../../shared/domain/types.js';
import { api, claims, config, refusalOf, session } from '../api.js';
import { beginRender, fieldValue, html, must, options, raw, showErrors } from '../dom.js';
import type { CampaignView, UnitList } from '../types.js';

const home = (role: Role) => (role === 'unit' ? '#/don-vi' : '#/tham-dinh');

export async function signInView() {
  const view = beginRender();
  if (config.mode === 'cognito') {
    view().innerHTML = html`<h1>Đăng nhập</h1><p>Đăng nhập bằng tài khoản do Ban Thi đua - Khen thưởng cấp.</p><button id="hosted">Đăng nhập</button>`;
    must('#hosted').addEventListener('click', () => void startHostedUi());
    return;
  }
  // Locally there is no directory without a token: a short-lived reviewer token lists the units.
  const directory = await api<{ token: string }>('/local/token', {
    method: 'POST',
    body: { role: 'reviewer', sub: 'local-directory' },
    token: null,
  });
  // The units of every movement the platform runs, each once (a unit may take part in several).
  const campaigns = await api<{ items: CampaignView[] }>('/v1/campaigns', { token: directory.token });
  const lists = await Promise.all(
    campaigns.items.map((c) =>
      api<UnitList>(`/v1/units?campaignId=${encodeURIComponent(c.campaignId)}`, { token: directory.token })
        .then((l) => l.items)
        .catch(() => []),
    ),
  );
  const units = [...new Map(lists.flat().map((u) => [u.unitId, u])).values()];
  // Each movement's units under its province (a unit of several movements under the first).
  const seen = new Set<string>();
  const groups = campaigns.items.map((c, i) => ({
    label: `${c.province} (${c.documentNumber})`,
    units: lists[i]!.filter((u) => !seen.has(u.unitId) && seen.add(u.unitId)),
  }));
  view().innerHTML = html`<h1>Đăng nhập (môi trường cục bộ)</h1>
    <form id="signin" class="card" novalidate>
      <div class="form-alert" tabindex="-1"></div>
      <label for="role">Vai trò</label>
      <select id="role" name="role" data-field="role">${options(Object.entries(LABELS.roles), 'unit')}</select>
      <div id="unit-pick"><label for="unitId">Đơn vị</label>
      <select id="unitId" name="unitId" data-field="unitId">${raw(
        groups
          .filter((g) => g.units.length)
          .map(
            (g) =>
              html`<optgroup label="${g.label}">${raw(g.units.map((u) => html`<option value="${u.unitId}">${u.name} (${LABELS.levels[u.level]})</option>`).join(''))}</optgroup>`,
          )
          .join(''),
      )}</select></div>
      <label for="person">Họ và tên người đăng nhập</label><input id="person" name="person" autocomplete="name" placeholder="Ví dụ: Nguyễn Văn An">
      <p><button type="submit">Đăng nhập</button></p>
    </form>`;
  const form = must<HTMLFormElement>('#signin', view());
  must('#role', form).addEventListener('change', () => {
    must('#unit-pick', form).hidden = fieldValue(form, 'role') !== 'unit';
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const role = fieldValue(form, 'role') as Role;
    const unitId = role === 'unit' ? fieldValue(form, 'unitId') : null;
    // Shown instead of the sign-in subject, and recorded with what the person does.
    const unitName = units.find((u) => u.unitId === unitId)?.name ?? null;
    const name = fieldValue(form, 'person') || (unitName ? `Cán bộ ${unitName}` : LABELS.roles[role]);
    try {
      const { token } = await api<{ token: string }>('/local/token', {
        method: 'POST',
        body: { role, unitId, name },
        token: null,
      });
      const c = claims(token);
      session.set({
        token,
        role,
        unitId,
        sub: String(c.sub),
        name: typeof c.name === 'string' ? c.name : String(c.sub),
        unitName,
      });
      location.hash = home(role);
    } catch (err) {
      showErrors(form, refusalOf(err));
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
    client_id: config.clientId ?? '',
    redirect_uri: config.redirectUri ?? '',
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  location.href = `${config.authDomain}/oauth2/authorize?${q}`;
}

export async function finishHostedUi(code: string) {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: config.clientId ?? '',
    code,
    redirect_uri: config.redirectUri ?? '',
    code_verifier: sessionStorage.getItem('pkce') ?? '',
  });
  const res = await fetch(`${config.authDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const { id_token: token, refresh_token: refreshToken } = (await res.json()) as {
    id_token: string;
    refresh_token: string;
  };
  const c = claims(token);
  const groups = Array.isArray(c['cognito:groups']) ? (c['cognito:groups'] as string[]) : [];
  const role = (['admin', 'reviewer', 'unit'] as const).find((r) => groups.includes(r)) ?? 'unit';
  const text = (k: string) => (typeof c[k] === 'string' ? (c[k] as string) : null);
  session.set({
    token,
    refreshToken,
    role,
    unitId: text('custom:unitId'),
    sub: String(c.sub),
    name: text('name') ?? text('email') ?? String(c.sub),
    unitName: null,
  });
  history.replaceState(null, '', location.pathname);
  location.hash = home(role);
}
