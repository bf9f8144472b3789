import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Language, Translate } from '../../platform/i18n';
import { paymentsErrors } from './errors';
import { formatMoney } from './payments.format';
import type { Receipt } from './payments.schemas';

/** Debian's fonts-dejavu-core: covers Lithuanian letters and Cyrillic, unlike PDF's built-in fonts. */
export const RECEIPT_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
export const RECEIPT_FONT_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

const when = (d: Date, lang: Language) =>
  new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Vilnius',
  }).format(d);

/** A one-page receipt in the payer's language, with the font embedded. */
export async function receiptPdf(
  r: Receipt,
  payerName: string,
  lang: Language,
  t: Translate,
  font = RECEIPT_FONT,
): Promise<Buffer> {
  if (!fs.existsSync(font)) throw paymentsErrors.fontMissing(font);
  const bold = fs.existsSync(RECEIPT_FONT_BOLD) && font === RECEIPT_FONT ? RECEIPT_FONT_BOLD : font;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    font,
    lang,
    info: { Title: t('payments.receipt.pdfTitle'), Author: t('common.authority') },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', font).registerFont('bold', bold);
  doc.font('bold').fontSize(11).text(t('common.authority'));
  doc.moveDown(1.5).fontSize(18).text(t('payments.receipt.pdfTitle'));
  doc.moveDown(1);
  const rows: [string, string][] = [
    [t('payments.field.receiptNumber'), r.paymentId],
    [t('payments.field.payer'), payerName],
    [t('payments.field.description'), r.description],
    [t('payments.field.reference'), r.reference.id],
    [t('payments.field.amount'), formatMoney(r.amountCents, r.currency, lang)],
    [t('payments.field.paidAt'), when(r.paidAt, lang)],
    [t('payments.field.providerRef'), `${r.provider} ${r.providerRef}`],
  ];
  for (const [label, value] of rows) {
    doc.font('bold').fontSize(10).text(label);
    doc.font('body').fontSize(12).text(value).moveDown(0.6);
  }
  doc.moveDown(1).font('body').fontSize(9).text(t('payments.receipt.pdfNote'));
  doc.end();
  return done;
}
