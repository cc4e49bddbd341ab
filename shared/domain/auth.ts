/** Who is calling, from the JWT claims the API Gateway authorizer (or the local server) verified. */
import { DomainError } from './errors.js';
import { type Actor, CLIENT_SCOPES, type ClientScope, ROLES, type Role } from './types.js';

/** API Gateway flattens array claims to "[a b]"; Cognito sends arrays; accept both. */
function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** The resource server's identifier: scopes in Cognito's tokens read `thi-dua-api/submissions.write`. */
export const RESOURCE_SERVER = 'thi-dua-api';

/** The scopes a token names (with or without the resource server's prefix) that the platform knows. */
export function tokenScopes(scope: unknown): ClientScope[] {
  if (typeof scope !== 'string') return [];
  const named = new Set(scope.split(/\s+/).map((s) => s.replace(`${RESOURCE_SERVER}/`, '')));
  return CLIENT_SCOPES.filter((s) => named.has(s));
}

const PRECEDENCE: Role[] = ['admin', 'reviewer', 'unit'];

export function actorFromClaims(claims: Record<string, unknown> | undefined): Actor {
  if (!claims || typeof claims.sub !== 'string' || !claims.sub)
    throw new DomainError('UNAUTHENTICATED', 'Chưa đăng nhập hoặc mã truy cập không hợp lệ');
  const groups = groupsOf(claims['cognito:groups']).filter((g): g is Role => (ROLES as readonly string[]).includes(g));
  const role = PRECEDENCE.find((r) => groups.includes(r));
  if (!role) throw new DomainError('FORBIDDEN', 'Tài khoản chưa được gán vai trò (unit, reviewer hoặc admin)');
  const unitId =
    typeof claims['custom:unitId'] === 'string' && claims['custom:unitId'] ? claims['custom:unitId'] : null;
  if (role === 'unit' && !unitId)
    throw new DomainError('FORBIDDEN', 'Tài khoản đơn vị chưa được gắn mã đơn vị (custom:unitId)');
  // One deployment may serve several provinces or departments: staff may be limited to their campaigns.
  const campaigns = groupsOf(claims['custom:campaigns']);
  // A machine client (its claims resolved by the authorizer from the registry) acts within its scopes only.
  const machine = typeof claims.client_id === 'string' && claims.client_id !== '';
  const name = typeof claims.name === 'string' ? claims.name.trim().slice(0, 100) : '';
  return {
    sub: claims.sub,
    role: machine ? 'unit' : role,
    unitId,
    ...(role !== 'unit' && !machine && campaigns.length ? { campaigns } : {}),
    ...(machine ? { scopes: tokenScopes(claims.scope) } : {}),
    ...(name ? { name } : {}),
  };
}

/** A machine client calls only the routes its scopes allow; a route that names no scope is for people only. */
export function requireScope(actor: Actor, scope: ClientScope | undefined): void {
  if (!actor.scopes) return;
  if (!scope)
    throw new DomainError('FORBIDDEN', 'Ứng dụng kết nối không được dùng chức năng này (chỉ dành cho người dùng)');
  if (!actor.scopes.includes(scope))
    throw new DomainError('FORBIDDEN', `Ứng dụng kết nối chưa được cấp quyền ${scope}`, [
      { field: 'scope', message: `thiếu quyền ${scope}` },
    ]);
}

/** Staff limited to some campaigns change nothing of another's (FORBIDDEN, naming the campaign). */
export function assertMayActOnCampaign(actor: Actor, campaignId: string, field = 'campaignId'): void {
  if (actor.campaigns && !actor.campaigns.includes(campaignId))
    throw new DomainError('FORBIDDEN', `Tài khoản chỉ được thao tác trên phong trào ${actor.campaigns.join(', ')}`, [
      { field, message: `không thuộc phạm vi của tài khoản (${campaignId})` },
    ]);
}

/** The unit registry is shared by every campaign: only staff of all campaigns change it. */
export function assertAllCampaigns(actor: Actor): void {
  if (actor.campaigns)
    throw new DomainError(
      'FORBIDDEN',
      'Danh mục đơn vị dùng chung cho mọi phong trào: chỉ quản trị viên toàn hệ thống được thay đổi',
    );
}

export function requireRole(actor: Actor, allowed: readonly Role[]): void {
  if (!allowed.includes(actor.role))
    throw new DomainError('FORBIDDEN', `Vai trò ${actor.role} không được thực hiện thao tác này`);
}

/** A unit sees and changes only its own data, whatever ids it sends; reviewers and admins see all. */
export function assertMayAccessUnit(actor: Actor, unitId: string, field = 'unitId'): void {
  if (actor.role === 'unit' && actor.unitId !== unitId) {
    throw new DomainError('FORBIDDEN', 'Đơn vị chỉ được truy cập dữ liệu của chính mình', [
      { field, message: 'không phải đơn vị của tài khoản' },
    ]);
  }
}
