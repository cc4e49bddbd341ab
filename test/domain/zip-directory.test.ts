/** Reading a ZIP's parts with Node's zlib: what another writer (fflate) wrote comes back whole; a lying part never does. */
import { deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipParts, zipProblem } from '../../shared/domain/zip-directory.js';
import { deflatedZeros, zipOf } from '../fixtures/hostile-files.js';

const LIMITS = { maxEntries: 10, maxTotalSize: 1024 * 1024 };

describe('zipParts', () => {
  const files = {
    'a.json': strToU8('{"a":1}'),
    'b/c.xml': strToU8('<c>ừ</c>'.repeat(500)),
    'empty.txt': new Uint8Array(),
  };

  it.each([0, 6, 9])('reads the parts another writer deflated at level %i, and only those asked for', (level) => {
    const zip = zipSync(files, { level: level as 0 | 6 | 9 });
    expect(zipParts(zip)).toEqual(files);
    expect(Object.keys(zipParts(zip, (name) => name.startsWith('b/'))!)).toEqual(['b/c.xml']);
    expect(zipProblem(zip, LIMITS)).toBeNull();
  });

  it('refuses a part that inflates to more than it declares, without inflating it all', () => {
    const bomb = zipOf([{ name: 'word/document.xml', deflated: deflatedZeros(64), declaredSize: 1000 }]);
    expect(zipParts(bomb)).toBeNull();
    expect(zipProblem(bomb, LIMITS)).toBe(
      'phần word/document.xml giải nén ra nhiều hơn kích thước đã ghi (tệp nén độc hại)',
    );
  });

  it('calls damaged a part that inflates to less than it declares, or is no deflate data', () => {
    const short = zipOf([{ name: 'a.xml', deflated: deflateRawSync(Buffer.alloc(10)), declaredSize: 11 }]);
    const garbage = zipOf([{ name: 'b.xml', deflated: Buffer.from([0xff, 0xff, 0xff, 0xff]), declaredSize: 4 }]);
    expect(zipParts(short)).toBeNull();
    expect(zipProblem(short, LIMITS)).toBe('phần a.xml hỏng');
    expect(zipProblem(garbage, LIMITS)).toBe('phần b.xml hỏng');
    // a part not asked for is not read: its damage does not spoil the others
    expect(
      zipParts(zipOf([{ name: 'a.xml', deflated: deflateRawSync(Buffer.alloc(10)), declaredSize: 11 }]), () => false),
    ).toEqual({});
  });

  it('reads no ZIP from bytes that are none', () => {
    expect(zipParts(strToU8('không phải ZIP'))).toBeNull();
  });
});
