/** The scorecard's ZIP writer: any reader opens it (fflate here, `unzip` elsewhere), and the same files make the same bytes. */
import fc from 'fast-check';
import { strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipFiles } from '../../adapters/zip.js';

const at = new Date('2026-12-28T01:00:00Z');
describe('zipFiles', () => {
  it('round-trips any files, names in UTF-8 included, and is deterministic', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-zđươ0-9/_-]{1,20}\.json$/), fc.uint8Array({ maxLength: 2000 }), {
          maxKeys: 8,
        }),
        (files) => {
          const zip = zipFiles(files, at);
          const back = unzipSync(zip);
          expect(Object.keys(back).sort()).toEqual(Object.keys(files).sort());
          for (const [name, bytes] of Object.entries(files)) expect(back[name]).toEqual(bytes);
          expect(zipFiles(files, at)).toEqual(zip);
        },
      ),
      { numRuns: 50 },
    );
  });
  it('records the given time, so a bundle does not depend on when it was zipped', () => {
    const zip = zipFiles({ 'bảng-điểm.json': strToU8('{}') }, at);
    const later = zipFiles({ 'bảng-điểm.json': strToU8('{}') }, new Date('2027-01-01T00:00:00Z'));
    expect(zip).not.toEqual(later);
    expect(Object.keys(unzipSync(zip))).toEqual(['bảng-điểm.json']);
  });
});
