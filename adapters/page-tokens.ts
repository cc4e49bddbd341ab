/**
 * Pagination tokens: a listing's position, signed (HMAC-SHA256) so that a client cannot forge or edit one,
 * and bound to the listing it came from, so that no token leads into another unit's data.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalid } from '../shared/domain/errors.js';

const refused = () => invalid('nextToken', 'không hợp lệ hoặc không thuộc danh sách này');

export class PageTokens {
  private key: Promise<Buffer> | null = null;

  /** `loadKey` gives the signing key (loaded once, then kept): the same in every process that serves the listing. */
  constructor(private readonly loadKey: () => Promise<Buffer>) {}

  private signingKey(): Promise<Buffer> {
    this.key ??= this.loadKey().catch((e: unknown) => {
      this.key = null;
      throw e;
    });
    return this.key;
  }

  private async signature(payload: string): Promise<Buffer> {
    return createHmac('sha256', await this.signingKey())
      .update(payload)
      .digest();
  }

  async seal(position: Record<string, string>, listing: string): Promise<string> {
    const payload = Buffer.from(JSON.stringify({ l: listing, p: position })).toString('base64url');
    return `${payload}.${(await this.signature(payload)).toString('base64url')}`;
  }

  async open(token: string, listing: string): Promise<Record<string, string>> {
    const [payload, sig, ...rest] = token.split('.');
    if (!payload || !sig || rest.length) throw refused();
    const given = Buffer.from(sig, 'base64url');
    const expected = await this.signature(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
    let body: { l?: unknown; p?: unknown };
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof body;
    } catch {
      throw refused();
    }
    const position = body.p;
    if (
      body.l !== listing ||
      !position ||
      typeof position !== 'object' ||
      !Object.values(position).every((v) => typeof v === 'string')
    )
      throw refused();
    return position as Record<string, string>;
  }
}
