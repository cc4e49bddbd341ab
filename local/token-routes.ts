/**
 * The local server's stand-ins for Cognito: `POST /local/token` gives a person's ID token for any role (development
 * and demonstrations only: loopback requests alone), and `POST /local/oauth2/token` is machine clients'
 * client-credentials grant, as Cognito's: form-encoded, id and secret in the body or Basic.
 */
import type { IncomingMessage } from 'node:http';
import * as z from 'zod/mini';
import { type ApiResult, json, parseJsonText } from '../functions/http.js';
import { DomainError, payloadTooLarge } from '../shared/domain/errors.js';
import { roleSchema } from '../shared/domain/schemas.js';
import { parseOrThrow } from '../shared/domain/validation.js';
import type { Deps } from '../shared/ports/index.js';
import { CLIENT_TOKEN_MINUTES } from '../shared/services/clients.js';
import type { LocalClients } from './clients.js';
import { isLoopbackHost, readBody } from './http-io.js';
import type { TokenIssuer } from './tokens.js';

const tokenRequest = z.strictObject({
  role: roleSchema,
  unitId: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  sub: z.optional(z.string().check(z.maxLength(128))),
  /** The person's name (Cognito's standard attribute `name`), shown instead of the subject. */
  name: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  /** Staff limited to these campaigns (the claim custom:campaigns). */
  campaigns: z.optional(z.array(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/))).check(z.maxLength(20))),
});

const oauthError = (statusCode: number, error: string, description: string) =>
  json(statusCode, { error, error_description: description }, { 'cache-control': 'no-store' });

export function tokenRoutes(deps: Deps, issuer: TokenIssuer, clients: LocalClients) {
  return {
    /** A person's token, for any role: the local sign-in. */
    async person(req: IncomingMessage, method: string): Promise<ApiResult> {
      if (method !== 'POST') throw new DomainError('METHOD_NOT_ALLOWED', 'Chỉ hỗ trợ POST');
      // A page on another site whose name resolves to this machine (DNS rebinding) sends its own Host.
      if (!isLoopbackHost(req.headers.host))
        throw new DomainError('FORBIDDEN', 'Chỉ cấp mã truy cập thử nghiệm cho yêu cầu gửi tới localhost', [
          { field: 'Host', message: 'phải là localhost, 127.0.0.1 hoặc [::1]' },
        ]);
      const raw = await readBody(req);
      if (raw === null) throw payloadTooLarge();
      const body = parseOrThrow(tokenRequest, parseJsonText(raw.toString('utf8') || '{}'));
      const unitId = body.unitId ?? null;
      if (body.role === 'unit' && !unitId)
        throw new DomainError('VALIDATION_FAILED', 'Tài khoản đơn vị cần mã đơn vị', [
          { field: 'unitId', message: 'là bắt buộc với vai trò unit' },
        ]);
      if (unitId && !(await deps.catalogue.getUnit(unitId)))
        throw new DomainError('VALIDATION_FAILED', `Đơn vị ${unitId} không tồn tại`, [
          { field: 'unitId', message: 'không tồn tại' },
        ]);
      return json(200, {
        token: await issuer.issue({
          role: body.role,
          unitId: body.role === 'unit' ? unitId : null,
          sub: body.sub,
          ...(body.name ? { name: body.name } : {}),
          campaigns: body.role === 'unit' ? undefined : body.campaigns,
        }),
      });
    },

    /** A machine client's access token (client-credentials grant). */
    async clientCredentials(req: IncomingMessage, method: string): Promise<ApiResult> {
      if (method !== 'POST') return oauthError(405, 'invalid_request', 'Chỉ hỗ trợ POST');
      const raw = await readBody(req);
      if (raw === null) return oauthError(413, 'invalid_request', 'Nội dung quá lớn');
      if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? ''))
        return oauthError(400, 'invalid_request', 'Content-Type phải là application/x-www-form-urlencoded');
      const form = new URLSearchParams(raw.toString('utf8'));
      if (form.get('grant_type') !== 'client_credentials')
        return oauthError(400, 'unsupported_grant_type', 'grant_type phải là client_credentials');
      let clientId = form.get('client_id') ?? '';
      let clientSecret = form.get('client_secret') ?? '';
      const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (basic) {
        const decoded = Buffer.from(basic, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) [clientId, clientSecret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
      }
      const outcome = await clients.authenticate(clientId, clientSecret, form.get('scope') ?? undefined);
      if ('error' in outcome)
        return outcome.error === 'invalid_client'
          ? oauthError(401, 'invalid_client', 'Mã ứng dụng hoặc khóa bí mật không đúng, hoặc ứng dụng đã bị thu hồi')
          : outcome.error === 'slow_down'
            ? oauthError(429, 'slow_down', 'Sai khóa bí mật quá nhiều lần: hãy thử lại sau một phút')
            : oauthError(400, 'invalid_scope', 'Có quyền (scope) không được cấp cho ứng dụng');
      return json(
        200,
        {
          access_token: await issuer.issueAccess(clientId, outcome.scopes),
          token_type: 'Bearer',
          expires_in: CLIENT_TOKEN_MINUTES * 60,
        },
        { 'cache-control': 'no-store' },
      );
    },
  };
}
