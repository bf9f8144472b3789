import type { I18n } from '../../../platform/i18n';
import type { MailPort } from '../../../platform/mail';
import { daysBetween, nextStepAfterLoss, vilniusDate } from '../holdings.core';
import type { RecipientOf } from '../holdings.ports';
import type { HoldingsRepository } from '../holdings.repository';
import type { SendEmailJob } from '../holdings.service';

/**
 * Writes to the holder of a document, in their language: the confirmation of a loss report, or a
 * renewal reminder. Enqueued with a singleton key per document (and threshold); a retry after a
 * crash may send the same message again, which is harmless.
 */
export function sendHoldingsEmailJob(deps: {
  repo: HoldingsRepository;
  mail: MailPort;
  i18n: I18n;
  publicUrl: string;
  recipientOf: RecipientOf;
}) {
  return async (data: SendEmailJob): Promise<void> => {
    const doc = await deps.repo.find(data.heldDocumentId);
    if (!doc) return;
    const to = await deps.recipientOf(doc.holder_account_id);
    if (!to) return;
    const t = deps.i18n.translator(to.lang);
    const date = (iso: string) =>
      new Intl.DateTimeFormat(to.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${iso}T00:00:00Z`),
      );
    const document = t(`holdings.kind.${doc.kind}`);
    if (data.kind === 'loss-reported') {
      const report = await deps.repo.lossReportFor(doc.id);
      if (!report) return;
      const next = nextStepAfterLoss(doc.kind);
      await deps.mail.send({
        to: to.email,
        lang: to.lang,
        subject: t('holdings.email.reported.subject', { document }),
        text: t('holdings.email.reported.body', {
          name: to.name,
          document,
          number: doc.document_number,
          reportedAt: new Intl.DateTimeFormat(to.lang, {
            dateStyle: 'long',
            timeStyle: 'short',
            timeZone: 'Europe/Vilnius',
          }).format(report.reported_at),
          reportId: report.id,
          nextStep: t(`holdings.next.${next.key}`),
          link: `${deps.publicUrl}${next.href}`,
        }),
      });
      return;
    }
    // The reminder names the days left as counted when it was recorded, not when mail goes out.
    const notice = (await deps.repo.noticesFor([doc.id])).find(
      (n) => n.threshold_days === data.threshold,
    );
    if (!notice || doc.status !== 'valid') return;
    await deps.mail.send({
      to: to.email,
      lang: to.lang,
      subject: t('holdings.email.reminder.subject', { document, date: date(doc.expires_on) }),
      text: t('holdings.email.reminder.body', {
        name: to.name,
        document,
        number: doc.document_number,
        date: date(doc.expires_on),
        days: Math.max(0, daysBetween(vilniusDate(notice.sent_at), doc.expires_on)),
        link: `${deps.publicUrl}/my-documents`,
      }),
    });
  };
}
