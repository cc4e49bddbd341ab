/** What an evidence file is, by its content alone: the sniffing a disguised file cannot pass. */
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { refusalOf, sha256Hex, sniffEvidenceType } from '../../shared/domain/evidence-files.js';

const office = (parts: string[]) =>
  zipSync(Object.fromEntries(['[Content_Types].xml', ...parts].map((p) => [p, strToU8('<x/>')])));
/** Well-formed files of each kind: a PDF ends at %%EOF, a PNG at IEND, a JPEG at its end marker. */
const pdf = (body = '') => strToU8(`%PDF-1.7\n1 0 obj<<>>endobj\n${body}trailer<<>>\n%%EOF\n`);
const PNG_END = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, ...PNG_END]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0xff, 0xd9]);

describe('sniffEvidenceType', () => {
  it('recognises PDF, PNG, JPEG, DOCX and XLSX by their bytes', () => {
    expect(sniffEvidenceType(pdf())).toBe('application/pdf');
    expect(sniffEvidenceType(png)).toBe('image/png');
    expect(sniffEvidenceType(jpeg)).toBe('image/jpeg');
    expect(sniffEvidenceType(office(['word/document.xml']))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(sniffEvidenceType(office(['xl/workbook.xml']))).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });
  it('refuses executables, other ZIPs, Office files with macros, and broken ZIPs', () => {
    expect(sniffEvidenceType(strToU8('MZ\x90\x00'))).toBeNull();
    expect(sniffEvidenceType(strToU8('\x7fELF'))).toBeNull();
    expect(sniffEvidenceType(zipSync({ 'setup.exe': strToU8('MZ') }))).toBeNull();
    expect(sniffEvidenceType(office(['word/document.xml', 'word/vbaProject.bin']))).toBeNull();
    expect(sniffEvidenceType(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
  });
  it('takes nothing that does not start with a known signature', () => {
    const known = [
      [0x25, 0x50, 0x44, 0x46, 0x2d],
      [0x89, 0x50],
      [0xff, 0xd8, 0xff],
      [0x50, 0x4b, 0x03, 0x04],
    ];
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        fc.pre(!known.some((sig) => sig.every((b, i) => bytes[i] === b)));
        expect(sniffEvidenceType(bytes)).toBeNull();
      }),
    );
  });
});

describe('refusalOf', () => {
  const bytes = pdf('% tệp\n');
  const file = { size: bytes.length, sha256: sha256Hex(bytes), contentType: 'application/pdf' as const };
  it('accepts the announced bytes and names what differs otherwise', () => {
    expect(refusalOf(file, bytes)).toBeNull();
    expect(refusalOf({ ...file, size: 3 }, bytes)).toContain('kích thước');
    expect(refusalOf({ ...file, sha256: '0'.repeat(64) }, bytes)).toContain('SHA-256');
    expect(refusalOf({ ...file, contentType: 'image/png' }, bytes)).toContain('khác với loại đã khai');
  });
});
