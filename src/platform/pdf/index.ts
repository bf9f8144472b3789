import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from '../errors';

/** Debian's fonts-dejavu-core: covers Lithuanian letters and Cyrillic, unlike PDF's built-in fonts. */
export const PDF_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
export const PDF_FONT_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

export interface LabelledPdf {
  lang: string;
  /** The authority's name, printed first and recorded as the author. */
  authority: string;
  title: string;
  rows: [label: string, value: string][];
  note?: string;
  font?: string;
}

/**
 * A one-page document of labelled values (receipts, confirmations) with the Unicode font
 * embedded, so names in any of the service's languages print as written.
 */
export async function labelledPdf(p: LabelledPdf): Promise<Buffer> {
  const font = p.font ?? PDF_FONT;
  if (!fs.existsSync(font)) {
    throw new AppError(
      'RECEIPT_FONT_MISSING',
      'unavailable',
      `The PDF font ${font} is not installed (Debian package fonts-dejavu-core)`,
    );
  }
  const bold = fs.existsSync(PDF_FONT_BOLD) && font === PDF_FONT ? PDF_FONT_BOLD : font;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    font,
    lang: p.lang,
    info: { Title: p.title, Author: p.authority },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', font).registerFont('bold', bold);
  doc.font('bold').fontSize(11).text(p.authority);
  doc.moveDown(1.5).fontSize(18).text(p.title);
  doc.moveDown(1);
  for (const [label, value] of p.rows) {
    doc.font('bold').fontSize(10).text(label);
    doc.font('body').fontSize(12).text(value).moveDown(0.6);
  }
  if (p.note) doc.moveDown(1).font('body').fontSize(9).text(p.note);
  doc.end();
  return done;
}
