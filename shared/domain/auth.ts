/** Who is calling, from the JWT claims the API Gateway authorizer (or the local server) verified. */
import { DomainError } from './errors.js';
import { type Actor, ROLES, type Role } from './types.js';

/** API Gateway flattens array claims to "[a b]"; Cognito sends arrays; accept both. */
function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
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
  return { sub: claims.sub, role, unitId };
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
