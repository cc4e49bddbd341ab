/** Lambda entry point of the API's authorizer: Cognito's tokens verified with aws-jwt-verify (keys cached per container). */
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { makeDeps } from '../../adapters/deps.js';
import { createAuthorizer } from './handler.js';

const userPoolId = process.env.USER_POOL_ID!;
/** People sign in to the console: their ID tokens, for the console's app client only. */
const people = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'id', clientId: process.env.PEOPLE_CLIENT_ID! });
/** Machines: access tokens of any app client of the pool; the registry decides whether the client is one of ours. */
const machines = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'access', clientId: null });

/** Which verifier applies is read from the token's (unverified) token_use; the chosen one then checks everything. */
function tokenUse(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).token_use;
  } catch {
    return undefined;
  }
}

export const handler = createAuthorizer(makeDeps({ catalogueCacheMs: 0 }), async (token) =>
  tokenUse(token) === 'access' ? machines.verify(token) : people.verify(token),
);
