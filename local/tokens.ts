/**
 * The local stand-in for Cognito and the API Gateway JWT authorizer: signs RS256 tokens with a key kept
 * in the data directory and verifies them as the authorizer would (signature, issuer, audience, expiry).
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { RESOURCE_SERVER } from '../shared/domain/auth.js';
import type { ClientScope, Role } from '../shared/domain/types.js';
import { CLIENT_TOKEN_MINUTES } from '../shared/services/clients.js';

export const LOCAL_ISSUER = 'urn:thi-dua:local-issuer';
export const LOCAL_AUDIENCE = 'thi-dua-api';
const VERIFIED_CACHE = 1000;

export interface TokenIssuer {
  issue(claims: {
    role: Role;
    unitId: string | null;
    sub?: string;
    name?: string;
    campaigns?: string[];
  }): Promise<string>;
  /** A machine client's access token, shaped as Cognito's client-credentials tokens (no unit in it). */
  issueAccess(clientId: string, scopes: ClientScope[]): Promise<string>;
  verify(token: string): Promise<Record<string, unknown>>;
}

export async function tokenIssuer(dataDir: string): Promise<TokenIssuer> {
  const file = join(dataDir, 'jwt-signing-key.json');
  let jwk: JWK;
  if (existsSync(file)) jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  else {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    jwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now()}` };
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  const privateKey = await importJWK(jwk, 'RS256');
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
  const publicKey = await importJWK(publicJwk, 'RS256');
  const verified = new Map<string, JWTPayload>();
  return {
    issue: async ({ role, unitId, sub, name, campaigns }) =>
      new SignJWT({
        'cognito:groups': [role],
        ...(name ? { name } : {}),
        ...(unitId ? { 'custom:unitId': unitId } : {}),
        ...(campaigns?.length ? { 'custom:campaigns': campaigns.join(',') } : {}),
        token_use: 'id',
      })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
        .setSubject(sub ?? `local-${role}${unitId ? `-${unitId}` : ''}`)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('12h')
        .sign(privateKey),
    issueAccess: async (clientId, scopes) =>
      new SignJWT({
        client_id: clientId,
        scope: scopes.map((s) => `${RESOURCE_SERVER}/${s}`).join(' '),
        token_use: 'access',
      })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
        .setSubject(clientId)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${CLIENT_TOKEN_MINUTES}m`)
        .sign(privateKey),
    async verify(token) {
      // A token verified once stays valid until it expires: remember it rather than check RS256 again (as
      // API Gateway caches authorizer results). Bounded: the oldest is forgotten first.
      const known = verified.get(token);
      if (known && (known.exp ?? 0) * 1000 > Date.now()) return known;
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        algorithms: ['RS256'],
      });
      if (verified.size >= VERIFIED_CACHE) verified.delete(verified.keys().next().value as string);
      verified.set(token, payload);
      return payload;
    },
  };
}
