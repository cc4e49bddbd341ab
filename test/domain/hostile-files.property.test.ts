/**
 * Files an attacker builds, generated: whatever is appended to a PDF or an image, whatever active part, content type
 * or loading relationship an Office file carries under whatever name, whatever odd file name — each is refused by
 * its content or its name; and a ZIP bomb is refused from its directory without being inflated.
 */
import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type EvidenceType, fileNameProblem, sniffEvidenceType } from '../../shared/domain/evidence-files.js';
import { zipProblem } from '../../shared/domain/zip-directory.js';
import { officeBomb, officeWith } from '../fixtures/hostile-files.js';

const DOCX: EvidenceType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const pdf = strToU8('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const png = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xd9]);
const join = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** Bytes with at least one that is not whitespace: what a polyglot or an appended archive leaves after the end. */
const appended = fc
  .oneof(
    fc.uint8Array({ minLength: 1, maxLength: 200 }),
    fc.constant(officeWith('docx', { 'word/vbaProject.bin': 'MZ' })),
    fc.constantFrom('<html><script>alert(1)</script>', 'PK\x03\x04', '%%EOF junk').map(strToU8),
  )
  .filter((b) => b.some((x) => ![0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x00].includes(x)));

describe('a file is only what it is', () => {
  it('refuses a PDF, PNG or JPEG with anything after its end', () => {
    fc.assert(
      fc.property(fc.constantFrom(pdf, png, jpeg), appended, (file, tail) => {
        expect(sniffEvidenceType(join(file, tail))).toBeNull();
      }),
    );
  });
  it('takes only the white space of the PDF standard after %%EOF: every other byte, NBSP and VT included, is refused', () => {
    const pdfSpace = [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20];
    for (let byte = 0; byte < 256; byte++) {
      const type = sniffEvidenceType(join(pdf, Uint8Array.of(byte, 0x0a)));
      expect({ byte, type }).toEqual({ byte, type: pdfSpace.includes(byte) ? 'application/pdf' : null });
    }
  });
  it('refuses a PDF that carries markup in its first kilobyte (a PDF/HTML polyglot)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('html', 'script', 'SVG', 'iframe', 'body'),
        fc.string({ maxLength: 40 }),
        (tag, pad) => {
          const bytes = strToU8(`%PDF-1.7\n%${pad.replace(/[<>]/g, '')}<${tag} onload=x>\ntrailer<<>>\n%%EOF\n`);
          expect(sniffEvidenceType(bytes)).toBeNull();
        },
      ),
    );
  });
  it('refuses an Office file with a part that carries code or an object, whatever it is called', () => {
    const folder = fc.constantFrom('', 'word/', 'xl/', 'customXml/', 'word/media/', 'docProps/');
    const active = fc.oneof(
      fc.constantFrom(
        'vbaProject.bin',
        'vbaData.xml',
        'activeX/activeX1.xml',
        'embeddings/oleObject1.bin',
        'oleObject2.bin',
      ),
      fc
        .tuple(
          fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,11}$/),
          fc.constantFrom('bin', 'mso', 'exe', 'dll', 'js', 'vbs', 'ps1', 'bat', 'cmd', 'scr'),
        )
        .filter(([name, ext]) => !(ext === 'bin' && /^printerSettings\d*$/.test(name)))
        .map(([name, ext]) => `${name}.${ext}`),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('docx', 'xlsx') as fc.Arbitrary<'docx' | 'xlsx'>,
        folder,
        active,
        (kind, dir, part) => {
          expect(sniffEvidenceType(officeWith(kind, { [`${dir}${part}`]: 'x' }))).toBeNull();
        },
      ),
    );
  });
  it('refuses macro, OLE and binary content types, and relationships that load something from elsewhere', () => {
    const types = fc.constantFrom(
      'application/vnd.ms-word.document.macroEnabled.main+xml',
      'application/vnd.ms-office.vbaProject',
      'application/vnd.ms-office.activeX+xml',
      'application/vnd.openxmlformats-officedocument.oleObject',
      'application/octet-stream; binary',
    );
    fc.assert(
      fc.property(types, (type) => {
        const contentTypes = `<Types><Override PartName="/word/editData.xml" ContentType="${type}"/></Types>`;
        expect(sniffEvidenceType(officeWith('docx', {}, contentTypes))).toBeNull();
      }),
    );
    const loading = fc.constantFrom('attachedTemplate', 'image', 'frame', 'oleObject', 'subDocument');
    fc.assert(
      fc.property(loading, fc.webUrl(), (type, url) => {
        const rels = `<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${url}" TargetMode="External"/></Relationships>`;
        expect(sniffEvidenceType(officeWith('docx', { 'word/_rels/document.xml.rels': rels }))).toBeNull();
      }),
    );
    // A hyperlink to a web page is part of a plain document, and stays accepted.
    const link =
      '<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.vn" TargetMode="External"/></Relationships>';
    expect(sniffEvidenceType(officeWith('docx', { 'word/_rels/document.xml.rels': link }))).toBe(DOCX);
  });
  it('refuses a 1 GiB-inflating DOCX or XLSX from its directory, declared or lied about, inflating next to nothing', () => {
    for (const kind of ['docx', 'xlsx'] as const)
      for (const lying of [false, true]) {
        const bomb = officeBomb(kind, lying);
        expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
        expect(zipProblem(bomb, { maxEntries: 2_000, maxTotalSize: 100 * 1024 * 1024 })).toMatch(
          lying ? /nhiều hơn kích thước đã ghi/ : /quá 100 MB/,
        );
        expect(sniffEvidenceType(bomb)).toBeNull();
      }
  });
});

describe('file names', () => {
  const ending = fc.constantFrom('pdf', 'PDF', 'docx');
  it('refuses reserved device names, path and stream characters, and dots or spaces at the ends', () => {
    const device = fc.constantFrom('CON', 'nul', 'Prn', 'AUX', 'COM1', 'lpt9', 'COM¹');
    fc.assert(
      fc.property(device, ending, (name, ext) => {
        expect(fileNameProblem(`${name}.${ext}`, 'application/pdf')).not.toBeNull();
        expect(fileNameProblem(name, 'application/pdf')).not.toBeNull();
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(...'<>:"/\\|?*'),
        fc.string({ maxLength: 20 }),
        (a, bad, b) => {
          expect(fileNameProblem(`${a}${bad}${b}.pdf`, 'application/pdf')).not.toBeNull();
        },
      ),
    );
    for (const name of ['..', '.pdf', 'bao-cao.pdf.', 'bao-cao.pdf ', ' bao-cao.pdf', 'bao-cao.pdf:Zone.Identifier'])
      expect(fileNameProblem(name, 'application/pdf')).not.toBeNull();
  });
  it('takes a name only with the ending of its declared type', () => {
    expect(fileNameProblem('bao-cao.docm', DOCX)).toMatch(/\.docx/);
    expect(fileNameProblem('bao-cao.pdf', DOCX)).not.toBeNull();
    expect(fileNameProblem('Báo cáo số 125-BC-UBND.PDF', 'application/pdf')).toBeNull();
    expect(fileNameProblem('anh.jpeg', 'image/jpeg')).toBeNull();
  });
});
