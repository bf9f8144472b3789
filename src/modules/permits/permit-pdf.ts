/**
 * The printable permit (issue 9): an A4 page in the authority's layout with the holder's photo,
 * the facts, and the credential as a QR code any verifier can scan, online or offline. The
 * embedded Unicode font prints Lithuanian and Cyrillic names as written.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { formatDay } from './verifier.view';
import QRCode from 'qrcode';
import { AppError } from '../../platform/errors';
import type { Language, Translate } from '../../platform/i18n';
import { PDF_FONT, PDF_FONT_BOLD } from '../../platform/pdf';
import type { PermitView } from './permits.model';

export const AUTHORITY_LT = 'Lietuvos Respublikos migracijos departamentas';

export interface PermitPdfInput {
  view: PermitView;
  /** The presentation the QR code carries (the full one, on the holder's own print). */
  credential: string;
  photo?: { bytes: Buffer } | undefined;
  lang: Language;
  /** Translator in `lang`. */
  t: Translate;
  /** The credential type's name in a language (the title is printed in Lithuanian and `lang`). */
  typeName: (lang: Language) => string;
  /** The ground's name in a language (the catalogue's). */
  groundName?: (lang: Language) => string;
  /** Where the QR code can be checked: `{publicUrl}/verify`. */
  verifyUrl: string;
}

/**
 * The credential as a QR PNG. Error correction M survives a crease or a smudge; a full
 * credential with every disclosure is long, so L is used only when M cannot hold it.
 */
export async function permitQrPng(credential: string, scale = 4): Promise<Buffer> {
  try {
    return await QRCode.toBuffer(credential, { errorCorrectionLevel: 'M', margin: 4, scale });
  } catch {
    return QRCode.toBuffer(credential, { errorCorrectionLevel: 'L', margin: 4, scale });
  }
}

/** The facts as printed: label in the holder's language, value as on the permit. */
export function permitRows(input: PermitPdfInput): [string, string][] {
  const { view: v, t, lang } = input;
  const rows: [string, string][] = [
    [t('permits.claim.family_name'), v.familyName],
    [t('permits.claim.given_name'), v.givenName],
    [t('permits.claim.birthdate'), formatDay(v.birthdate, lang)],
    [t('permits.claim.permit_type'), input.typeName(lang)],
  ];
  if (v.groundId)
    rows.push([t('permits.claim.permit_ground'), input.groundName?.(lang) ?? v.groundId]);
  rows.push(
    [t('permits.claim.right_to_work'), t(v.rightToWork ? 'permits.yes' : 'permits.no')],
    [t('permits.claim.valid_from'), formatDay(v.validFrom, lang)],
    [t('permits.claim.valid_until'), formatDay(v.validUntil, lang)],
    [t('permits.claim.document_number'), v.documentNumber],
  );
  return rows;
}

export async function renderPermitPdf(input: PermitPdfInput): Promise<Buffer> {
  if (!fs.existsSync(PDF_FONT))
    throw new AppError(
      'RECEIPT_FONT_MISSING',
      'unavailable',
      `The PDF font ${PDF_FONT} is not installed (Debian package fonts-dejavu-core)`,
    );
  const { view, t, lang } = input;
  const qr = await permitQrPng(input.credential);
  const titleLt = input.typeName('lt');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    font: PDF_FONT,
    lang,
    info: { Title: `${titleLt} ${view.documentNumber}`, Author: AUTHORITY_LT },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', PDF_FONT);
  doc.registerFont('bold', fs.existsSync(PDF_FONT_BOLD) ? PDF_FONT_BOLD : PDF_FONT);
  const left = 48;
  const width = doc.page.width - 96;

  doc.font('bold').fontSize(11).text(AUTHORITY_LT, left, 48, { width });
  if (lang !== 'lt') doc.font('body').fontSize(9).text(t('permits.pdf.authority'), { width });
  doc
    .moveTo(left, doc.y + 6)
    .lineTo(left + width, doc.y + 6)
    .stroke();
  doc.moveDown(1).font('bold').fontSize(17).text(titleLt, { width });
  if (lang !== 'lt') doc.font('body').fontSize(12).text(input.typeName(lang), { width });

  // Photo on the left, facts beside it, as on a permit card.
  const top = doc.y + 14;
  const photoBox = { w: 110, h: 140 };
  doc.rect(left, top, photoBox.w, photoBox.h).lineWidth(0.5).stroke();
  if (input.photo) {
    try {
      doc.image(input.photo.bytes, left, top, {
        fit: [photoBox.w, photoBox.h],
        align: 'center',
        valign: 'center',
      });
    } catch {
      // A photo format pdfkit cannot read leaves the frame empty rather than failing the print.
    }
  }
  let y = top;
  const labelX = left + photoBox.w + 16;
  const valueX = labelX + 150;
  for (const [label, value] of permitRows(input)) {
    doc.font('body').fontSize(8.5).fillColor('#505a5f').text(label, labelX, y, { width: 145 });
    const labelBottom = doc.y;
    doc
      .font('bold')
      .fontSize(10.5)
      .fillColor('black')
      .text(value, valueX, y, { width: left + width - valueX });
    y = Math.max(labelBottom, doc.y) + 4;
  }

  // The QR code: large enough for a phone to read a long credential from paper.
  const qrSize = 290;
  const qrTop = Math.max(y, top + photoBox.h) + 16;
  doc.image(qr, left + (width - qrSize) / 2, qrTop, { width: qrSize, height: qrSize });
  doc
    .font('body')
    .fontSize(10)
    .text(t('permits.pdf.checkAt', { url: input.verifyUrl }), left, qrTop + qrSize + 8, {
      width,
      align: 'center',
    });
  doc.fontSize(9).text(t('permits.pdf.number', { number: view.documentNumber }), {
    width,
    align: 'center',
  });
  if (view.credentialType === 'temporary-protection')
    doc.moveDown(0.6).font('bold').fontSize(9).text(t('permits.pdf.notTravelDocument'), {
      width,
      align: 'center',
    });
  doc.end();
  return done;
}
