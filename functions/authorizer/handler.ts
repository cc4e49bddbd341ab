/**
 * The API's authorizer in AWS (an HTTP API Lambda authorizer, simple responses): it verifies the bearer token
 * and hands the handlers the claims they trust (shared/services/clients.ts trustedClaims). A JWT authorizer
 * cannot serve machine clients: their app clients are created at run time, and its audience list is fixed at deploy.
 */
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { DomainError } from '../../shared/domain/errors.js';
import type { Deps } from '../../shared/ports/index.js';
import { trustedClaims } from '../../shared/services/clients.js';

export type AuthorizerResult = APIGatewaySimpleAuthorizerWithContextResult<Record<string, string>>;

/** Verifies a JWT (signature, issuer, expiry, token use, audience of people's tokens); throws when it fails. */
export type VerifyToken = (token: string) => Promise<Record<string, unknown>>;

export const createAuthorizer =
  (deps: Deps, verify: VerifyToken) =>
  async (event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerResult> => {
    const header = event.headers?.authorization ?? event.headers?.Authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const refused: AuthorizerResult = { isAuthorized: false, context: {} };
    if (!token) return refused;
    let claims: Record<string, unknown>;
    try {
      claims = await verify(token);
    } catch {
      return refused;
    }
    try {
      return { isAuthorized: true, context: await trustedClaims(deps, claims) };
    } catch (e) {
      if (e instanceof DomainError) return refused;
      throw e;
    }
  };
