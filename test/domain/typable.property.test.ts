/** What a person would not type is refused in free text; Vietnamese text as people write it is not. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { typable } from '../../shared/domain/validation.js';

const UNTYPABLE = [
  ...Array.from({ length: 32 }, (_, i) => i).filter((c) => c !== 9 && c !== 10 && c !== 13),
  0x7f,
  0x85,
  0x9f,
  0x061c,
  0x200e,
  0x200f,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
].map((c) => String.fromCharCode(c));
const vietnamese = fc
  .array(
    fc.constantFrom(
      ...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ĐÂ0123456789.,;:-/()\n\t'.split(
        '',
      ),
    ),
    {
      maxLength: 80,
    },
  )
  .map((cs) => cs.join(''));

describe('Function: typable', () => {
  it('accepts Vietnamese text with line breaks and tabs', () => {
    fc.assert(
      fc.property(vietnamese, (s) => {
        expect(typable(s)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a control, bidirectional or lone-surrogate character anywhere in it', () => {
    const bad = fc.oneof(fc.constantFrom(...UNTYPABLE), fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF'));
    fc.assert(
      fc.property(vietnamese, bad, vietnamese, (before, c, after) => {
        // A lone high surrogate followed by a low one would be a pair: keep the test's character lone.
        fc.pre(!(/[\uD800-\uDBFF]/.test(c) && /^[\uDC00-\uDFFF]/.test(after)));
        expect(typable(before + c + after)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts characters outside the basic plane written as surrogate pairs', () => {
    expect(typable('Báo cáo 📄 năm 2026 𠀀')).toBe(true);
  });
});
