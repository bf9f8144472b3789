import fs from 'node:fs';
import { labelledPdf, PDF_FONT, PDF_FONT_BOLD } from '../../platform/pdf';
import type { Language, Translate } from '../../platform/i18n';
import { paymentsErrors } from './errors';
import { formatMoney } from './payments.format';
import type { Receipt } from './payments.schemas';

/** Debian's fonts-dejavu-core: covers Lithuanian letters and Cyrillic, unlike PDF's built-in fonts. */
export const RECEIPT_FONT = PDF_FONT;
export const RECEIPT_FONT_BOLD = PDF_FONT_BOLD;

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
  return labelledPdf({
    lang,
    font,
    authority: t('common.authority'),
    title: t('payments.receipt.pdfTitle'),
    rows: [
      [t('payments.field.receiptNumber'), r.paymentId],
      [t('payments.field.payer'), payerName],
      [t('payments.field.description'), r.description],
      [t('payments.field.reference'), r.reference.id],
      [t('payments.field.amount'), formatMoney(r.amountCents, r.currency, lang)],
      [t('payments.field.paidAt'), when(r.paidAt, lang)],
      [t('payments.field.providerRef'), `${r.provider} ${r.providerRef}`],
    ],
    note: t('payments.receipt.pdfNote'),
  });
}
