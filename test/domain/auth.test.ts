import { describe, expect, it } from 'vitest';
import { actorFromClaims, assertMayAccessUnit } from '../../shared/domain/auth.js';
import { DomainError } from '../../shared/domain/errors.js';
import { decodeSubmissionId, encodeSubmissionId } from '../../shared/domain/submission-id.js';

describe('claims', () => {
  it('reads Cognito arrays and API Gateway\'s flattened "[a b]" form', () => {
    expect(actorFromClaims({ sub: 's', 'cognito:groups': ['unit'], 'custom:unitId': 'u1' })).toEqual({
      sub: 's',
      role: 'unit',
      unitId: 'u1',
    });
    expect(actorFromClaims({ sub: 's', 'cognito:groups': '[reviewer admin]' }).role).toBe('admin');
    expect(actorFromClaims({ sub: 's', 'cognito:groups': 'reviewer' }).role).toBe('reviewer');
  });
  it('refuses missing subjects, roles and unit ids', () => {
    const code = (claims: Record<string, unknown> | undefined) => {
      try {
        actorFromClaims(claims);
        return 'ok';
      } catch (e) {
        return (e as DomainError).code;
      }
    };
    expect(code(undefined)).toBe('UNAUTHENTICATED');
    expect(code({ sub: 's', 'cognito:groups': ['citizen'] })).toBe('FORBIDDEN');
    expect(code({ sub: 's', 'cognito:groups': ['unit'] })).toBe('FORBIDDEN');
  });
  it('lets a unit reach only its own unit id', () => {
    expect(() => assertMayAccessUnit({ sub: 's', role: 'unit', unitId: 'a' }, 'b')).toThrow(DomainError);
    expect(() => assertMayAccessUnit({ sub: 's', role: 'unit', unitId: 'a' }, 'a')).not.toThrow();
    expect(() => assertMayAccessUnit({ sub: 's', role: 'reviewer', unitId: null }, 'b')).not.toThrow();
  });
});

describe('submission ids', () => {
  it('round-trip and reject tampering', () => {
    const key = { campaignId: 'hp-175', year: 2026, unitId: 'so-tttt', slotId: 'nhiem-vu-284~VIII.1.đ', version: 3 };
    const id = encodeSubmissionId(key);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSubmissionId(id)).toEqual(key);
    expect(decodeSubmissionId('not-an-id!')).toBeNull();
    expect(decodeSubmissionId(Buffer.from('a|b|c').toString('base64url'))).toBeNull();
    expect(decodeSubmissionId(encodeSubmissionId({ ...key, version: 0 }))).toBeNull();
  });
});
