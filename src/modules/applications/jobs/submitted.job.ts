import type { I18n, Language } from '../../../platform/i18n';
import type { MailPort } from '../../../platform/mail';
import type { CataloguePort } from '../applications.ports';
import type { ApplicationsRepository } from '../applications.repository';
import type { SubmittedJob } from '../applications.service';
import { textIn } from '../applications.pages';

export interface Recipient {
  email: string;
  name: string;
  lang: Language;
}

/**
 * Tells the person who filed an application that it was received, with its reference number.
 * Idempotent by the job's singleton key; a retry may send the same confirmation again, which is
 * harmless.
 */
export function submittedJob(deps: {
  repo: ApplicationsRepository;
  catalogue: CataloguePort;
  mail: MailPort;
  i18n: I18n;
  publicUrl: string;
  recipientOf: (accountId: string) => Promise<Recipient | undefined>;
}) {
  return async (data: SubmittedJob): Promise<void> => {
    const row = await deps.repo.find(data.applicationId);
    if (!row?.reference || !row.filed_by_account_id) return;
    const to = await deps.recipientOf(row.filed_by_account_id);
    if (!to) return;
    const t = deps.i18n.translator(to.lang);
    await deps.mail.send({
      to: to.email,
      lang: to.lang,
      subject: t('applications.email.subject', { reference: row.reference }),
      text: t('applications.email.body', {
        name: to.name,
        service: textIn(deps.catalogue.serviceName(row.service_id), to.lang),
        reference: row.reference,
        link: `${deps.publicUrl}/applications/${row.id}`,
      }),
    });
  };
}
