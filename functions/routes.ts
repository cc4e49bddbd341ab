/**
 * The one route table: the local server routes with it and infra/ creates the HTTP API routes from it,
 * so a route added here exists in both (test/infra proves it). `roles` is where access by role is decided.
 */
import { invalid } from '../shared/domain/errors.js';
import type { ClientScope, Role } from '../shared/domain/types.js';

export const FUNCTIONS = [
  'health',
  'catalogue',
  'submissions',
  'reviews',
  'scores',
  'aggregation',
  'results',
  'files',
  'reminders',
] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  fn: FunctionName;
  /** Roles allowed; 'public' routes need no token. */
  roles: readonly Role[] | 'public';
  /** What the body is: JSON (the default), or a sheet (CSV or XLSX) that an import reads. */
  body?: 'json' | 'sheet';
  /** The scope a unit's IT system (machine client) needs here; without one, the route is for people only. */
  scope?: ClientScope;
}

const ALL: readonly Role[] = ['unit', 'reviewer', 'admin'];
const REVIEWERS: readonly Role[] = ['reviewer', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

export const ROUTES: readonly RouteDef[] = [
  { method: 'GET', path: '/health', fn: 'health', roles: 'public' },
  { method: 'GET', path: '/openapi.json', fn: 'health', roles: 'public' },
  { method: 'GET', path: '/docs', fn: 'health', roles: 'public' },
  { method: 'GET', path: '/v1/labels', fn: 'health', roles: 'public' },
  { method: 'GET', path: '/v1/units', fn: 'catalogue', roles: ALL },
  { method: 'GET', path: '/v1/units/{unitId}', fn: 'catalogue', roles: ALL, scope: 'submissions.read' },
  { method: 'PUT', path: '/v1/units/{unitId}', fn: 'catalogue', roles: ADMIN },
  { method: 'GET', path: '/v1/units/{unitId}/history', fn: 'catalogue', roles: REVIEWERS },
  { method: 'GET', path: '/v1/units/{unitId}/tasks/{year}', fn: 'catalogue', roles: ALL, scope: 'submissions.read' },
  { method: 'GET', path: '/v1/units/{unitId}/results', fn: 'results', roles: ALL },
  { method: 'POST', path: '/v1/imports/units', fn: 'catalogue', roles: ADMIN, body: 'sheet' },
  { method: 'POST', path: '/v1/imports/clusters', fn: 'catalogue', roles: ADMIN, body: 'sheet' },
  // Figures from a unit's own systems (its client) or, for many units, from a reviewer or admin: with the other imports.
  {
    method: 'POST',
    path: '/v1/imports/figures',
    fn: 'catalogue',
    roles: ALL,
    body: 'sheet',
    scope: 'submissions.write',
  },
  // A large import's job, for whoever sent the file (a unit's client too) and admins.
  { method: 'GET', path: '/v1/imports/{importId}', fn: 'catalogue', roles: ALL, scope: 'submissions.write' },
  { method: 'GET', path: '/v1/units/{unitId}/clients', fn: 'catalogue', roles: ADMIN },
  { method: 'POST', path: '/v1/units/{unitId}/clients', fn: 'catalogue', roles: ADMIN },
  { method: 'DELETE', path: '/v1/units/{unitId}/clients/{clientId}', fn: 'catalogue', roles: ADMIN },
  { method: 'POST', path: '/v1/units/{unitId}/years/{year}/reopen', fn: 'catalogue', roles: ADMIN },
  { method: 'GET', path: '/v1/criteria', fn: 'catalogue', roles: ALL, scope: 'submissions.read' },
  { method: 'GET', path: '/v1/campaigns', fn: 'catalogue', roles: ALL, scope: 'submissions.read' },
  { method: 'GET', path: '/v1/campaigns/{campaignId}', fn: 'catalogue', roles: ALL, scope: 'submissions.read' },
  { method: 'PUT', path: '/v1/campaigns/{campaignId}', fn: 'catalogue', roles: ADMIN },
  { method: 'GET', path: '/v1/campaigns/{campaignId}/history', fn: 'catalogue', roles: ALL },
  { method: 'GET', path: '/v1/campaigns/{campaignId}/task-catalogues/{catalogue}', fn: 'catalogue', roles: ALL },
  { method: 'PUT', path: '/v1/campaigns/{campaignId}/task-catalogues/{catalogue}', fn: 'catalogue', roles: ADMIN },
  {
    method: 'GET',
    path: '/v1/campaigns/{campaignId}/years/{year}',
    fn: 'catalogue',
    roles: ALL,
    scope: 'submissions.read',
  },
  { method: 'PUT', path: '/v1/campaigns/{campaignId}/years/{year}', fn: 'catalogue', roles: ADMIN },
  { method: 'POST', path: '/v1/campaigns/{campaignId}/years/{year}/open-next', fn: 'catalogue', roles: ADMIN },
  { method: 'GET', path: '/v1/campaigns/{campaignId}/years/{year}/history', fn: 'catalogue', roles: ALL },
  { method: 'GET', path: '/v1/campaigns/{campaignId}/years/{year}/clusters', fn: 'catalogue', roles: ALL },
  { method: 'POST', path: '/v1/submissions', fn: 'submissions', roles: ['unit'], scope: 'submissions.write' },
  { method: 'GET', path: '/v1/submissions', fn: 'submissions', roles: ALL, scope: 'submissions.read' },
  { method: 'GET', path: '/v1/submissions/{submissionId}', fn: 'submissions', roles: ALL, scope: 'submissions.read' },
  {
    method: 'GET',
    path: '/v1/submissions/{submissionId}/previous-year',
    fn: 'submissions',
    roles: ALL,
    scope: 'submissions.read',
  },
  {
    method: 'GET',
    path: '/v1/submissions/{submissionId}/history',
    fn: 'submissions',
    roles: ALL,
    scope: 'submissions.read',
  },
  // Units decide as their cluster's head (kiểm tra chéo), people only; the use case checks the capacity.
  { method: 'POST', path: '/v1/submissions/{submissionId}/decision', fn: 'reviews', roles: ALL },
  { method: 'POST', path: '/v1/objections', fn: 'reviews', roles: ['unit'] },
  { method: 'GET', path: '/v1/objections', fn: 'reviews', roles: ALL },
  { method: 'POST', path: '/v1/objections/{objectionId}/answer', fn: 'reviews', roles: REVIEWERS },
  { method: 'POST', path: '/v1/clusters/{clusterId}/years/{year}/ballots', fn: 'reviews', roles: ['unit'] },
  { method: 'GET', path: '/v1/clusters/{clusterId}/years/{year}/vote', fn: 'reviews', roles: ALL },
  { method: 'PUT', path: '/v1/clusters/{clusterId}/years/{year}/minutes', fn: 'reviews', roles: ['unit'] },
  // Evidence files: announced, sent to a signed link, completed (checked); cited by reports, never changed.
  { method: 'POST', path: '/v1/evidence-files', fn: 'files', roles: ALL, scope: 'files.write' },
  { method: 'GET', path: '/v1/evidence-files', fn: 'files', roles: ALL, scope: 'submissions.read' },
  { method: 'GET', path: '/v1/evidence-files/{fileId}', fn: 'files', roles: ALL, scope: 'submissions.read' },
  { method: 'POST', path: '/v1/evidence-files/{fileId}/complete', fn: 'files', roles: ALL, scope: 'files.write' },
  {
    method: 'DELETE',
    path: '/v1/evidence-files/{fileId}',
    fn: 'files',
    roles: ['unit', 'admin'],
    scope: 'files.write',
  },
  // Digital signatures in evidence: the certificates the province trusts, and a stored PDF checked again.
  { method: 'POST', path: '/v1/evidence-files/{fileId}/signature-check', fn: 'files', roles: REVIEWERS },
  { method: 'GET', path: '/v1/trust-anchors', fn: 'files', roles: REVIEWERS },
  { method: 'POST', path: '/v1/trust-anchors', fn: 'files', roles: ADMIN },
  { method: 'GET', path: '/v1/units/{unitId}/scores/{year}', fn: 'scores', roles: ALL, scope: 'submissions.read' },
  { method: 'POST', path: '/v1/aggregations/{year}', fn: 'aggregation', roles: ADMIN },
  { method: 'GET', path: '/v1/aggregations/{year}', fn: 'results', roles: ALL },
  { method: 'GET', path: '/v1/aggregations/{year}/runs/{runId}', fn: 'results', roles: ALL },
  { method: 'POST', path: '/v1/years/{year}/finalize', fn: 'aggregation', roles: ADMIN },
  { method: 'POST', path: '/v1/years/{year}/reopen', fn: 'aggregation', roles: ADMIN },
  { method: 'POST', path: '/v1/years/{year}/stages/{stage}/reopen', fn: 'aggregation', roles: ADMIN },
  { method: 'POST', path: '/v1/awards/{year}/{unitId}/revoke', fn: 'aggregation', roles: ADMIN },
  { method: 'POST', path: '/v1/awards/{year}/tie-decisions', fn: 'aggregation', roles: ADMIN },
  { method: 'GET', path: '/v1/rankings/{year}', fn: 'results', roles: ALL },
  { method: 'GET', path: '/v1/reports/{year}', fn: 'results', roles: ALL },
  { method: 'GET', path: '/v1/awards/{year}/{unitId}/dossier', fn: 'results', roles: ALL },
  // The verifiable scorecard: the run's bundle, and each unit's page of it for anyone to read (công khai).
  { method: 'GET', path: '/v1/messages', fn: 'reminders', roles: ALL, scope: 'submissions.read' },
  { method: 'GET', path: '/v1/scorecards/{year}/bundle', fn: 'files', roles: ALL },
  { method: 'GET', path: '/v1/scorecards/{year}/units/{unitId}', fn: 'files', roles: 'public' },
];

export const routeKey = (r: Pick<RouteDef, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** A path parameter as sent, decoded; malformed percent-encoding is the client's error, named by the parameter. */
function decodePathPart(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw invalid(name, 'có mã hóa phần trăm (%) không hợp lệ');
  }
}

/** Each route's path as a pattern, made once (a request tries them in order). */
let patterns: Array<{ route: RouteDef; pattern: RegExp; names: string[] }> | null = null;
const routePatterns = () =>
  (patterns ??= ROUTES.map((route) => {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${route.path.replace(/\{(\w+)\}/g, (_, n: string) => {
        names.push(n);
        return '([^/]+)';
      })}$`,
    );
    return { route, pattern, names };
  }));

/** Matches a concrete path against the table: the local server's stand-in for API Gateway routing. */
export function matchRoute(
  method: string,
  path: string,
): { route: RouteDef; pathParameters: Record<string, string> } | { allowed: string[] } | null {
  const allowed: string[] = [];
  for (const { route, pattern, names } of routePatterns()) {
    const m = pattern.exec(path);
    if (!m) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    return { route, pathParameters: Object.fromEntries(names.map((n, i) => [n, decodePathPart(n, m[i + 1]!)])) };
  }
  return allowed.length ? { allowed } : null;
}

/**
 * The header CloudFront adds to every request it forwards to the API (its value known to the deployment only): the
 * functions answer only requests that carry it, so nobody goes around the web ACL through the execute-api address.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
