/** The scorecard's ZIP writer: any reader opens it (fflate here, `unzip` elsewhere), and the same files make the same bytes. */
import fc from 'fast-check';
import { strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipFiles } from '../../adapters/zip.js';

const at = new Date('2026-12-28T01:00:00Z');
describe('zipFiles', () => {
  it('round-trips any files, names in UTF-8 included, and is deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.stringMatching(/^[a-zđươ0-9/_-]{1,20}\.json$/), fc.uint8Array({ maxLength: 2000 }), {
          maxKeys: 8,
        }),
        async (files) => {
          const zip = await zipFiles(files, at);
          const back = unzipSync(zip);
          expect(Object.keys(back).sort()).toEqual(Object.keys(files).sort());
          for (const [name, bytes] of Object.entries(files)) expect(back[name]).toEqual(bytes);
          expect(await zipFiles(files, at)).toEqual(zip);
        },
      ),
      { numRuns: 50 },
    );
  });
  it('records the given time, so a bundle does not depend on when it was zipped', async () => {
    const zip = await zipFiles({ 'bảng-điểm.json': strToU8('{}') }, at);
    const later = await zipFiles({ 'bảng-điểm.json': strToU8('{}') }, new Date('2027-01-01T00:00:00Z'));
    expect(zip).not.toEqual(later);
    expect(Object.keys(unzipSync(zip))).toEqual(['bảng-điểm.json']);
  });
  it('lets other work run while it writes a large archive (a run writes its results meanwhile)', async () => {
    // 4,000 unit files of 8 KB: tens of milliseconds of deflating at the least, on any machine.
    const page = strToU8(JSON.stringify({ diem: Array.from({ length: 800 }, (_, i) => i * 7) }).padEnd(8192, ' '));
    const files = Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`don-vi/${i}.json`, page]));
    let turns = 0;
    const tick = () => {
      turns++;
      if (!done) setImmediate(tick);
    };
    let done = false;
    setImmediate(tick);
    const zip = await zipFiles(files, at);
    done = true;
    expect(Object.keys(unzipSync(zip))).toHaveLength(4000);
    expect(turns).toBeGreaterThan(1);
  });
});
