/**
 * The award dossier laid out as an editable Word document (docx: the OOXML is too intricate to write by hand) and as
 * a PDF (pdfkit, with DejaVu Serif from the dejavu-fonts-ttf package: its glyphs cover Vietnamese). A4, 13 pt,
 * the margins of Decree 30/2020/NĐ-CP (top and bottom 2 cm, left 3 cm, right 1.5–2 cm); each part on its own page.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import PDFDocument from 'pdfkit';
import {
  type DOSSIER_FONTS,
  type DossierBlock,
  type DossierDocument,
  NATIONAL_MOTTO,
} from '../../shared/domain/dossier.js';

/** The fonts' files: beside the bundle in Lambda (copied there when bundling), from the package locally. */
const fontFile = (name: (typeof DOSSIER_FONTS)[number]) => {
  const bundled = join(process.cwd(), 'fonts', name);
  if (existsSync(bundled)) return bundled;
  return createRequire(join(process.cwd(), 'package.json')).resolve(`dejavu-fonts-ttf/ttf/${name}`);
};

const FONT = 'Times New Roman';
const SIZE = 26; // half-points: 13 pt
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

type Face = { bold?: boolean; italic?: boolean; size?: number };
const run = (text: string, o: Face = {}) => new TextRun({ text, font: FONT, size: SIZE, ...o });
const centered = (text: string, o: Face = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, o)] });
/** The heading's lines are 12 pt, so the motto holds on one line. */
const HEADING = { size: 24 };
/** A cell of a borderless layout table (the heading, the signature row), `size` per cent of the width. */
const cell = (children: Paragraph[], size: number) =>
  new TableCell({ children, width: { size, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
const SIGNED = '(Ký, ghi rõ họ tên, đóng dấu)';
/** A full-width borderless row of two cells (the heading's two halves, the signature row's). */
const layoutRow = (cells: TableCell[]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: cells })],
  });

/** A signer's block: the capacity, how it is signed, room for the signature, the name. */
const signerBlock = (role: string, note: string, name: string) => [
  centered(role, { bold: true }),
  centered(note, { italic: true }),
  new Paragraph({ children: [] }),
  new Paragraph({ children: [] }),
  new Paragraph({ children: [] }),
  centered(name, { bold: true }),
];
/** Nơi nhận: 12 pt bold italic, each recipient on its own line in 11 pt (Decree 30/2020, Annex I). */
const recipientsBlock = (recipients: string[]) => [
  new Paragraph({ children: [run('Nơi nhận:', { bold: true, italic: true, size: 24 })] }),
  ...recipients.map((r) => new Paragraph({ children: [run(`- ${r}`, { size: 22 })] })),
];

function docxBlock(b: DossierBlock): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'heading':
      return [
        layoutRow([
          cell(
            [
              ...(b.superior ? [centered(b.superior, HEADING)] : []),
              ...b.issuer.filter(Boolean).map((l) => centered(l, { ...HEADING, bold: true })),
              centered(b.number, HEADING),
            ],
            40,
          ),
          cell(
            [
              centered(NATIONAL_MOTTO[0]!, { ...HEADING, bold: true }),
              centered(NATIONAL_MOTTO[1]!, { ...HEADING, bold: true }),
              centered('———————', HEADING),
              centered(b.dateline, { ...HEADING, italic: true }),
            ],
            60,
          ),
        ]),
        new Paragraph({ children: [] }),
      ];
    case 'title':
      return [...b.lines.map((l, i) => centered(l, { bold: i === 0 || undefined })), new Paragraph({ children: [] })];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: b.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
          indent: b.center ? undefined : { firstLine: 567 },
          spacing: { after: 120 },
          children: [run(b.text, { bold: b.bold, italic: b.italic })],
        }),
      ];
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [b.headers, ...b.rows].map(
            (cells, r) =>
              new TableRow({
                tableHeader: r === 0,
                children: cells.map(
                  (text, c) =>
                    new TableCell({
                      width: { size: b.widths[c] ?? 10, type: WidthType.PERCENTAGE },
                      children: [new Paragraph({ children: [run(text, { bold: r === 0 })] })],
                    }),
                ),
              }),
          ),
        }),
        new Paragraph({ children: [] }),
      ];
    case 'signature':
      return [
        new Paragraph({ children: [] }),
        layoutRow([
          cell(
            b.second
              ? signerBlock(b.second.role, b.second.note, b.second.name)
              : b.recipients
                ? recipientsBlock(b.recipients)
                : [new Paragraph({ children: [] })],
            50,
          ),
          cell(signerBlock(b.role, b.note ?? SIGNED, b.name), 50),
        ]),
      ];
    case 'digital-signature':
      return b.lines.map((l, i) => new Paragraph({ children: [run(l, { bold: i === 0 || undefined })] }));
  }
}

/** A4 in twentieths of a point, and the decree's margins (2 cm top and bottom, 3 cm left, 2 cm right). */
const A4 = { width: 11906, height: 16838 };
const MARGINS = { top: 1134, bottom: 1134, left: 1701, right: 1134 };

export async function toDocx(document: DossierDocument): Promise<Buffer> {
  const doc = new Document({
    creator: 'Nền tảng chấm điểm thi đua chuyển đổi số',
    title: document.parts.map((p) => p.name).join(' · '),
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: document.parts.map((part) => ({
      properties: { page: { size: A4, margin: MARGINS } },
      children: part.blocks.flatMap(docxBlock),
    })),
  });
  return Packer.toBuffer(doc);
}

const PT = 72 / 2.54; // points per cm

export async function toPdf(document: DossierDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 2 * PT, bottom: 2 * PT, left: 3 * PT, right: 2 * PT },
    font: fontFile('DejaVuSerif.ttf'),
    autoFirstPage: false,
    info: { Title: document.parts.map((p) => p.name).join(' · '), Creator: 'Nền tảng chấm điểm thi đua' },
  });
  pdf.registerFont('regular', fontFile('DejaVuSerif.ttf'));
  pdf.registerFont('bold', fontFile('DejaVuSerif-Bold.ttf'));
  pdf.registerFont('italic', fontFile('DejaVuSerif-Italic.ttf'));
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  const left = 3 * PT;
  const width = () => pdf.page.width - left - 2 * PT;
  const bottom = () => pdf.page.height - 2 * PT;
  const face = (o: { bold?: boolean; italic?: boolean }) => (o.bold ? 'bold' : o.italic ? 'italic' : 'regular');
  const line = (text: string, o: { bold?: boolean; italic?: boolean; align?: 'center' | 'right' | 'justify' } = {}) =>
    pdf
      .font(face(o))
      .fontSize(12)
      .text(text, left, undefined, { width: width(), align: o.align ?? 'left' });

  for (const part of document.parts) {
    pdf.addPage();
    for (const b of part.blocks) {
      switch (b.kind) {
        case 'heading': {
          const top = pdf.y;
          const w = width();
          if (b.superior)
            pdf
              .font('regular')
              .fontSize(11)
              .text(b.superior, left, undefined, { width: w * 0.4, align: 'center' });
          pdf.font('bold').fontSize(11);
          for (const l of b.issuer.filter(Boolean)) pdf.text(l, left, undefined, { width: w * 0.4, align: 'center' });
          pdf.font('regular').text(b.number, left, undefined, { width: w * 0.4, align: 'center' });
          const leftEnd = pdf.y;
          pdf
            .font('bold')
            .fontSize(11)
            .text(NATIONAL_MOTTO[0]!, left + w * 0.4, top, { width: w * 0.6, align: 'center' });
          pdf.text(NATIONAL_MOTTO[1]!, left + w * 0.4, undefined, { width: w * 0.6, align: 'center' });
          const ruleY = pdf.y + 2;
          pdf
            .moveTo(left + w * 0.55, ruleY)
            .lineTo(left + w * 0.85, ruleY)
            .lineWidth(0.6)
            .stroke();
          pdf.moveDown(0.4);
          pdf.font('italic').text(b.dateline, left + w * 0.4, undefined, { width: w * 0.6, align: 'center' });
          pdf.y = Math.max(leftEnd, pdf.y) + 18;
          break;
        }
        case 'title':
          for (const [i, l] of b.lines.entries()) line(l, { bold: i === 0, align: 'center' });
          pdf.moveDown(0.8);
          break;
        case 'paragraph':
          line(b.text, { bold: b.bold, italic: b.italic, align: b.center ? 'center' : 'justify' });
          pdf.moveDown(0.4);
          break;
        case 'table': {
          const total = b.widths.reduce((a, w) => a + w, 0);
          const cols = b.widths.map((w) => (w / total) * width());
          for (const [r, cells] of [b.headers, ...b.rows].entries()) {
            pdf.font(r === 0 ? 'bold' : 'regular').fontSize(10);
            const h = Math.max(...cells.map((t, c) => pdf.heightOfString(t, { width: cols[c]! - 6 }))) + 6;
            if (pdf.y + h > bottom()) pdf.addPage();
            const y = pdf.y;
            let x = left;
            cells.forEach((t, c) => {
              pdf.rect(x, y, cols[c]!, h).lineWidth(0.5).stroke();
              pdf.text(t, x + 3, y + 3, { width: cols[c]! - 6 });
              x += cols[c]!;
            });
            pdf.x = left;
            pdf.y = y + h;
          }
          pdf.moveDown(0.6);
          break;
        }
        case 'signature': {
          // The signer centred in the right half; the recipients or a second signer in the left half.
          pdf.moveDown(1);
          const half = width() / 2;
          if (pdf.y + 150 > bottom()) pdf.addPage();
          const top = pdf.y;
          const signer = (x: number, role: string, note: string, name: string) => {
            pdf.font('bold').fontSize(12).text(role, x, top, { width: half, align: 'center' });
            pdf.font('italic').text(note, x, undefined, { width: half, align: 'center' });
            pdf.moveDown(3.5);
            pdf.font('bold').text(name, x, undefined, { width: half, align: 'center' });
            return pdf.y;
          };
          let leftEnd = top;
          if (b.second) leftEnd = signer(left, b.second.role, b.second.note, b.second.name);
          else if (b.recipients) {
            pdf.font('bold').fontSize(11).text('Nơi nhận:', left, top, { width: half });
            pdf.font('regular').fontSize(10);
            for (const r of b.recipients) pdf.text(`- ${r}`, left, undefined, { width: half });
            leftEnd = pdf.y;
          }
          const rightEnd = signer(left + half, b.role, b.note ?? SIGNED, b.name);
          pdf.x = left;
          pdf.y = Math.max(leftEnd, rightEnd);
          break;
        }
        case 'digital-signature': {
          // A framed box at the foot of the last page's text, as a signing tool stamps one.
          pdf.moveDown(1.5);
          pdf.font('regular').fontSize(10);
          const w = width() * 0.6;
          const x = left + width() - w;
          const h = b.lines.reduce((sum, l) => sum + pdf.heightOfString(l, { width: w - 12 }), 0) + 12;
          if (pdf.y + h > bottom()) pdf.addPage();
          const y = pdf.y;
          pdf.rect(x, y, w, h).lineWidth(1).strokeColor('#0b4f8a').stroke().strokeColor('black');
          pdf.y = y + 6;
          for (const [i, l] of b.lines.entries())
            pdf.font(i === 0 ? 'bold' : 'regular').text(l, x + 6, undefined, { width: w - 12 });
          pdf.x = left;
          pdf.y = y + h;
          break;
        }
      }
    }
  }
  pdf.end();
  return done;
}
