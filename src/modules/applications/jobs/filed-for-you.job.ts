import type { I18n } from '../../../platform/i18n';
import type { MailPort } from '../../../platform/mail';
import { textIn } from '../applications.pages';
import type { CataloguePort } from '../applications.ports';
import type { ApplicationsRepository } from '../applications.repository';
import type { FiledForYouJob } from '../filing.service';
import type { FilingPort } from '../filing.ports';
import type { Recipient } from './submitted.job';

/**
 * Tells an invited foreigner that an organisation filed an application for them, and how to see
 * it: sign in (or create an account) with this same address. Nothing personal beyond the
 * organisation's name and the service is written. Idempotent by the job's singleton key.
 */
export function filedForYouJob(deps: {
  repo: ApplicationsRepository;
  catalogue: CataloguePort;
  filing: Pick<FilingPort, 'organisationName'>;
  mail: MailPort;
  i18n: I18n;
  publicUrl: string;
  recipientOf: (accountId: string) => Promise<Recipient | undefined>;
}) {
  return async (data: FiledForYouJob): Promise<void> => {
    const row = await deps.repo.find(data.applicationId);
    if (!row?.invitee_email || !row.filed_by_organisation_id || row.state === 'withdrawn') return;
    const account = row.owner_account_id ? await deps.recipientOf(row.owner_account_id) : undefined;
    const lang = account?.lang ?? row.invitee_lang ?? 'en';
    const t = deps.i18n.translator(lang);
    const organisation = (await deps.filing.organisationName(row.filed_by_organisation_id)) ?? '';
    await deps.mail.send({
      to: row.invitee_email,
      lang,
      subject: t('applications.filing.email.subject', { organisation }),
      text: t(account ? 'applications.filing.email.bodyLinked' : 'applications.filing.email.body', {
        name: row.for_person_name ?? '',
        organisation,
        service: textIn(deps.catalogue.serviceName(row.service_id), lang),
        email: row.invitee_email,
        link: account ? `${deps.publicUrl}/applications/${row.id}` : `${deps.publicUrl}/sign-up`,
      }),
    });
  };
}
