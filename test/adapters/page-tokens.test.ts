/** Pagination tokens cannot be forged or edited, and continue only the listing they came from. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PageTokens } from '../../adapters/page-tokens.js';

const tokens = new PageTokens(async () => randomBytes(32));
const position = { PK: 'UY#hp-175#2026#le-chan', SK: 'S#ho-so#V#000002' };

describe('Class: PageTokens', () => {
  it('opens what it sealed, for the same listing only', async () => {
    const token = await tokens.seal(position, 'le-chan');
    expect(await tokens.open(token, 'le-chan')).toEqual(position);
    await expect(tokens.open(token, 'hong-bang')).rejects.toMatchObject({ details: [{ field: 'nextToken' }] });
  });

  it('refuses a token whose position was edited and re-encoded, or that another key signed', async () => {
    const token = await tokens.seal(position, 'le-chan');
    const [, sig] = token.split('.');
    const edited = Buffer.from(JSON.stringify({ l: 'le-chan', p: { ...position, SK: 'S#khac' } })).toString(
      'base64url',
    );
    await expect(tokens.open(`${edited}.${sig}`, 'le-chan')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const other = await new PageTokens(async () => randomBytes(32)).seal(position, 'le-chan');
    await expect(tokens.open(other, 'le-chan')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    for (const junk of ['', '.', 'a.b.c', 'x'.repeat(2000), '%%.%%'])
      await expect(tokens.open(junk, 'le-chan')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
