/** Pagination tokens cannot be forged or edited, and continue only the listing they came from. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PageTokens } from '../../adapters/page-tokens.js';

const tokens = new PageTokens(async () => randomBytes(32));
const position = { PK: 'UY#hp-175#2026#so-khcn-2025', SK: 'S#ho-so#V#000002' };

describe('Class: PageTokens', () => {
  it('opens what it sealed, for the same listing only', async () => {
    const token = await tokens.seal(position, 'so-khcn-2025');
    expect(await tokens.open(token, 'so-khcn-2025')).toEqual(position);
    await expect(tokens.open(token, 'so-nn-mt')).rejects.toMatchObject({ details: [{ field: 'nextToken' }] });
  });

  it('refuses a token whose position was edited and re-encoded, or that another key signed', async () => {
    const token = await tokens.seal(position, 'so-khcn-2025');
    const [, sig] = token.split('.');
    const edited = Buffer.from(JSON.stringify({ l: 'so-khcn-2025', p: { ...position, SK: 'S#khac' } })).toString(
      'base64url',
    );
    await expect(tokens.open(`${edited}.${sig}`, 'so-khcn-2025')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const other = await new PageTokens(async () => randomBytes(32)).seal(position, 'so-khcn-2025');
    await expect(tokens.open(other, 'so-khcn-2025')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    for (const junk of ['', '.', 'a.b.c', 'x'.repeat(2000), '%%.%%'])
      await expect(tokens.open(junk, 'so-khcn-2025')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
