/**
 * The local stand-in for Cognito's app clients: machine clients' secrets, kept as scrypt hashes in the data
 * directory, and the client-credentials grant of `POST /local/oauth2/token` that checks them.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RESOURCE_SERVER, tokenScopes } from '../shared/domain/auth.js';
import type { ClientScope } from '../shared/domain/types.js';
import type { ClientIssuer } from '../shared/ports/index.js';

interface StoredSecret {
  salt: string;
  hash: string;
  scopes: ClientScope[];
}

const scryptAsync = promisify(scrypt) as (secret: string, salt: string, length: number) => Promise<Buffer>;
/** Off the server's one thread (libuv's pool): a flood of wrong secrets does not hold up other requests. */
const hashOf = async (secret: string, salt: string) => (await scryptAsync(secret, salt, 32)).toString('hex');

/** Wrong secrets a client may send in a window before it must wait (as Cognito throttles the token endpoint). */
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 60_000;

export interface LocalClients extends ClientIssuer {
  /** The scopes to grant (those asked for, or all the client has), or the OAuth 2.0 error to answer. */
  authenticate(
    clientId: string,
    clientSecret: string,
    scope?: string,
  ): Promise<{ scopes: ClientScope[] } | { error: 'invalid_client' | 'invalid_scope' | 'slow_down' }>;
}

export function localClients(dataDir: string): LocalClients {
  const file = join(dataDir, 'api-clients.json');
  const read = (): Record<string, StoredSecret> => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {});
  const write = (all: Record<string, StoredSecret>) => writeFileSync(file, JSON.stringify(all), { mode: 0o600 });
  const failures = new Map<string, { count: number; since: number }>();
  return {
    async create(_name, scopes) {
      // Cognito's shapes: a 26-character id, a long random secret.
      const clientId = randomBytes(16)
        .toString('base64url')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 26);
      const clientSecret = randomBytes(36).toString('base64url');
      const salt = randomBytes(16).toString('hex');
      write({ ...read(), [clientId]: { salt, hash: await hashOf(clientSecret, salt), scopes } });
      return { clientId, clientSecret };
    },
    async remove(clientId) {
      const { [clientId]: _gone, ...rest } = read();
      write(rest);
    },
    async authenticate(clientId, clientSecret, scope) {
      const all = read();
      const stored = Object.hasOwn(all, clientId) ? all[clientId] : undefined;
      if (!stored) return { error: 'invalid_client' };
      // Each guess is counted before its secret is hashed: twenty guesses at once cannot all pass the check.
      const now = Date.now();
      const seen = failures.get(clientId);
      const counted = seen && now - seen.since < FAILURE_WINDOW_MS ? seen : { count: 0, since: now };
      if (counted.count >= MAX_FAILURES) return { error: 'slow_down' };
      failures.set(clientId, { ...counted, count: counted.count + 1 });
      const given = Buffer.from(await hashOf(clientSecret, stored.salt), 'hex');
      if (!timingSafeEqual(given, Buffer.from(stored.hash, 'hex'))) return { error: 'invalid_client' };
      failures.delete(clientId);
      const asked = (scope ?? '').split(/\s+/).filter(Boolean);
      if (!asked.length) return { scopes: stored.scopes };
      // As Cognito: every scope asked for must be the client's, named with the resource server's prefix.
      const granted = tokenScopes(asked.join(' ')).filter((s) => stored.scopes.includes(s));
      if (granted.length !== asked.length || asked.some((a) => !a.startsWith(`${RESOURCE_SERVER}/`)))
        return { error: 'invalid_scope' };
      return { scopes: granted };
    },
  };
}
