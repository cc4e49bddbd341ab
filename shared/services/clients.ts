/**
 * Units' IT systems as API clients (ứng dụng kết nối): an admin registers one for a unit, the identity provider
 * holds its secret and issues its tokens (client-credentials grant), and every request of a machine is resolved
 * here to the unit it acts for, so a revoked client is refused at its next request whatever token it still holds.
 */

import { randomUUID } from 'node:crypto';
import { assertAllCampaigns, tokenScopes } from '../domain/auth.js';
import { DomainError, notFound } from '../domain/errors.js';
import { clientBodySchema } from '../domain/schemas.js';
import { type Actor, type ApiClient, CLIENT_SCOPES } from '../domain/types.js';
import { parseOrThrow } from '../domain/validation.js';
import type { Deps } from '../ports/index.js';
import { auditEntry, loadUnit } from './context.js';

/** A unit keeps its list of clients short (one per system, a spare while rotating). */
export const MAX_CLIENTS_PER_UNIT = 10;
/** How long a machine's access token lives (Cognito's AccessTokenValidity for the clients it creates). */
export const CLIENT_TOKEN_MINUTES = 15;

/** A client as the API shows it: no revision, no place bookkeeping. */
const present = ({ revision: _r, place: _p, ...client }: ApiClient & { revision?: number }): ApiClient => client;

function issuerOf(deps: Deps) {
  if (!deps.clientIssuer) throw new Error('this function has no client issuer (only the catalogue function has one)');
  return deps.clientIssuer;
}

/** Registers a client for a unit; the secret is in this answer only and is never stored by the platform. */
export async function registerClient(deps: Deps, actor: Actor, unitId: string, raw: unknown) {
  assertAllCampaigns(actor);
  const body = parseOrThrow(clientBodySchema, raw);
  const unit = await loadUnit(deps, unitId);
  // A unit that has ceased reports nothing any more: its systems have nothing to send.
  if (unit.validTo !== null && unit.validTo < deps.clock.now().toISOString().slice(0, 10))
    throw new DomainError(
      'UNIT_NOT_ACTIVE',
      `${unit.name} đã chấm dứt hoạt động từ ${unit.validTo.split('-').reverse().join('/')}: không đăng ký ứng dụng kết nối cho đơn vị này`,
      [{ field: 'unitId', message: 'đơn vị đã chấm dứt hoạt động' }],
    );
  // The unit's place for a client, claimed by a conditional write: the limit holds under concurrent registrations,
  // and nothing is created at the identity provider unless a place was won.
  const holder = randomUUID();
  const place = await deps.clients.claimClientPlace(unitId, holder, MAX_CLIENTS_PER_UNIT);
  if (place === null)
    throw new DomainError(
      'CONFLICT',
      `${unit.name} đã có ${MAX_CLIENTS_PER_UNIT} ứng dụng kết nối đang hoạt động: hãy thu hồi một ứng dụng cũ trước`,
      [{ field: 'unitId', message: `tối đa ${MAX_CLIENTS_PER_UNIT} ứng dụng kết nối đang hoạt động` }],
    );
  const scopes = body.scopes ? CLIENT_SCOPES.filter((s) => body.scopes!.includes(s)) : [...CLIENT_SCOPES];
  const issuer = issuerOf(deps);
  const now = deps.clock.now();
  let clientId: string | null = null;
  try {
    const created = await issuer.create(`${unitId} ${body.name}`.slice(0, 128), scopes);
    clientId = created.clientId;
    const client: ApiClient = {
      clientId,
      unitId,
      name: body.name,
      scopes,
      createdAt: now.toISOString(),
      createdBy: actor.sub,
      revokedAt: null,
      revokedBy: null,
      place: { number: place, holder },
    };
    if (
      !(await deps.clients.saveClient(
        client,
        auditEntry(actor, now, 'client.registered', { after: present(client) }),
        0,
      ))
    )
      throw new Error(`client id ${clientId} is taken`);
    return {
      ...present(client),
      clientSecret: created.clientSecret,
      tokenUrl: deps.tokenUrl ?? null,
      tokenMinutes: CLIENT_TOKEN_MINUTES,
    };
  } catch (e) {
    // A client the registry does not know is refused anyway; removing it keeps the identity provider tidy.
    if (clientId) await issuer.remove(clientId).catch(() => undefined);
    await deps.clients.releaseClientPlace(unitId, place, holder);
    throw e;
  }
}

export async function listClients(deps: Deps, unitId: string) {
  await loadUnit(deps, unitId);
  return { items: (await deps.clients.listClients(unitId)).map(present) };
}

/**
 * Revokes a client: the registry first (its next request is refused), then the identity provider (no new token).
 * Repeating it changes nothing and finishes a revocation whose second step failed.
 */
export async function revokeClient(deps: Deps, actor: Actor, unitId: string, clientId: string) {
  assertAllCampaigns(actor);
  const stored = await deps.clients.getClient(clientId);
  if (!stored || stored.unitId !== unitId) throw notFound(`ứng dụng kết nối ${clientId} của đơn vị ${unitId}`);
  if (stored.revokedAt) {
    await issuerOf(deps).remove(clientId);
    return present(stored);
  }
  const now = deps.clock.now();
  const before = present(stored);
  const after: ApiClient = { ...before, revokedAt: now.toISOString(), revokedBy: actor.sub };
  const { revision: _r, ...record } = stored;
  const entry = auditEntry(actor, now, 'client.revoked', { before, after });
  if (!(await deps.clients.saveClient({ ...record, ...after }, entry, stored.revision)))
    throw new DomainError('VERSION_CONFLICT', 'Ứng dụng kết nối vừa được người khác thay đổi, hãy thử lại');
  await issuerOf(deps).remove(clientId);
  if (stored.place) await deps.clients.releaseClientPlace(unitId, stored.place.number, stored.place.holder);
  return after;
}

const PERSON_CLAIMS = ['sub', 'cognito:groups', 'custom:unitId', 'custom:campaigns', 'email'] as const;

/**
 * The claims the handlers trust for a token the authorizer verified. A person's are their own (groups and
 * unit set by admins); a machine's access token names only its client, so the registry says which unit it acts
 * for, and its scopes are those both the token and the registration allow. A client unknown or revoked: refused.
 */
export async function trustedClaims(deps: Deps, claims: Record<string, unknown>): Promise<Record<string, string>> {
  if (claims.token_use !== 'access') {
    // Flat strings: an API Gateway Lambda authorizer's context holds no lists.
    const flat: Record<string, string> = {};
    for (const k of PERSON_CLAIMS) {
      const v = claims[k];
      if (v !== undefined && v !== null) flat[k] = Array.isArray(v) ? v.join(' ') : String(v);
    }
    return flat;
  }
  const clientId = typeof claims.client_id === 'string' ? claims.client_id : '';
  const client = clientId ? await deps.clients.getClient(clientId) : null;
  if (!client || client.revokedAt)
    throw new DomainError('UNAUTHENTICATED', 'Ứng dụng kết nối không tồn tại hoặc đã bị thu hồi');
  const scopes = tokenScopes(claims.scope).filter((s) => client.scopes.includes(s));
  return {
    sub: `client:${clientId}`,
    client_id: clientId,
    'cognito:groups': 'unit',
    'custom:unitId': client.unitId,
    scope: scopes.join(' '),
  };
}
