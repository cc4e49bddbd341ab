/** The session and the platform's public API: the console uses nothing else. */
import type { Role } from '../../shared/domain/types.js';
import type { FieldProblem } from './dom.js';

/** How sign-in works here: the local server's token route, or Cognito's hosted UI once deployed (/config.json). */
export interface ConsoleConfig {
  mode: 'local' | 'cognito';
  authDomain?: string;
  clientId?: string;
  redirectUri?: string;
}
export let config: ConsoleConfig = { mode: 'local' };
export async function loadConfig() {
  config = await fetch('/config.json')
    .then((r) => (r.ok ? (r.json() as Promise<ConsoleConfig>) : { mode: 'local' as const }))
    .catch(() => ({ mode: 'local' as const }));
}

export interface Session {
  token: string;
  refreshToken?: string;
  role: Role;
  unitId: string | null;
  /** The token's subject: what audit entries record. */
  sub: string;
  /** How people read who is signed in: their name (Cognito's name claim), else their e-mail or subject. */
  name: string;
  unitName: string | null;
}
export const session = {
  get: (): Session | null => JSON.parse(sessionStorage.getItem('session') ?? 'null') as Session | null,
  set: (s: Session) => sessionStorage.setItem('session', JSON.stringify(s)),
  clear: () => sessionStorage.removeItem('session'),
};
/** The session of a signed-in page (the router shows no other page without one). */
export function signedIn(): Session {
  const s = session.get();
  if (!s) throw new ApiError(401, { error: { message: 'Phiên đăng nhập đã hết, vui lòng đăng nhập lại' } });
  return s;
}

interface ErrorBody {
  error?: { message?: string; code?: string; details?: FieldProblem[] };
}
export class ApiError extends Error {
  readonly code: string | undefined;
  readonly details: FieldProblem[];
  constructor(
    readonly status: number,
    body: ErrorBody | null,
  ) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.code = body?.error?.code;
    this.details = body?.error?.details ?? [];
  }
}
/** Any failure as a form shows it: the API's refusal with its fields, or a plain message. */
export const refusalOf = (err: unknown): { message: string; details: FieldProblem[] } =>
  err instanceof ApiError || isRefusal(err)
    ? err
    : { message: err instanceof Error ? err.message : String(err), details: [] };
/** A refusal the console makes itself before sending (no file chosen): shown as the API's are. */
const isRefusal = (err: unknown): err is { message: string; details: FieldProblem[] } =>
  typeof err === 'object' &&
  err !== null &&
  typeof (err as { message?: unknown }).message === 'string' &&
  Array.isArray((err as { details?: unknown }).details);

/** The movement (phong trào) chosen in the header; none chosen: the platform's default campaign. */
export const chosenCampaign = {
  get: () => sessionStorage.getItem('campaignId'),
  set: (id: string | null) => (id ? sessionStorage.setItem('campaignId', id) : sessionStorage.removeItem('campaignId')),
};
/**
 * Routes that belong to a campaign and take it as `?campaignId=` name the chosen one, unless they name one
 * themselves: reads, and the year's run, finalization, reopening and awards (a write that takes its campaign in
 * its body says so there).
 */
const CAMPAIGN_PATHS =
  /^\/v1\/(criteria|submissions(\?|$)|units(\?|$)|units\/[^/?]+\/(scores|tasks|results)|rankings|reports|aggregations|scorecards|messages|objections(\?|$)|clusters\/[^/?]+\/years\/\d+\/vote|awards|years\/\d+\/(finalize|reopen)$)/;
function inCampaign(path: string) {
  const c = chosenCampaign.get();
  if (!c || !CAMPAIGN_PATHS.test(path) || /[?&]campaignId=/.test(path)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}campaignId=${encodeURIComponent(c)}`;
}

export const claims = (token: string): Record<string, unknown> => {
  const payload = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
};

/**
 * The session's token, renewed with Cognito's refresh token when it has less than two minutes left (ID tokens live an
 * hour), so a reviewer in the middle of a queue is not signed out.
 */
async function currentToken(): Promise<string | undefined> {
  const s = session.get();
  if (!s?.token || !s.refreshToken || config.mode !== 'cognito') return s?.token;
  if (Number(claims(s.token).exp) * 1000 - Date.now() > 120_000) return s.token;
  const res = await fetch(`${config.authDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: config.clientId ?? '',
      refresh_token: s.refreshToken,
    }),
  });
  if (!res.ok) return s.token;
  const { id_token: token } = (await res.json()) as { id_token: string };
  session.set({ ...s, token });
  return token;
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A sheet (CSV or XLSX) sent as is. */
  file?: File;
  /** null: no token (public routes, the local token route). */
  token?: string | null;
}
async function send(path: string, { method = 'GET', body, file, token: given }: CallOptions): Promise<Response> {
  const token = given === undefined ? await currentToken() : given;
  const res = await fetch(inCampaign(path), {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(file ? { 'content-type': file.type || 'text/csv' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: file ?? (body !== undefined ? JSON.stringify(body) : undefined),
  });
  if (res.status === 401) {
    session.clear();
    location.hash = '#/dang-nhap';
  }
  return res;
}
/** A call whose JSON answer is of type T (the use case's own return type, see types.ts). */
export async function api<T>(path: string, options: CallOptions = {}): Promise<T> {
  const res = await send(path, options);
  const data: unknown = (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : null;
  if (!res.ok) throw new ApiError(res.status, data as ErrorBody | null);
  return data as T;
}
/** A year's results, or null while the year has not been run yet. */
export const absentWhenNotRun = <T>(p: Promise<T>): Promise<T | null> =>
  p.catch((err: unknown) =>
    err instanceof ApiError && err.code === 'AGGREGATION_NOT_FOUND' ? null : Promise.reject(err),
  );
/** Every page of a listing. */
export async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let token: string | null = null;
  do {
    const page: { items: T[]; nextToken: string | null } = await api(
      `${path}${path.includes('?') ? '&' : '?'}limit=200${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`,
    );
    items.push(...page.items);
    token = page.nextToken;
  } while (token);
  return items;
}
/** Saves what a route answers (CSV, XLSX) as a file. */
export async function download(path: string, filename: string) {
  const res = await send(path, {});
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => null)) as ErrorBody | null);
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}
