import type { I18n, Language } from '../../platform/i18n';
import type { MailPort } from '../../platform/mail';
import type { CasesRepository } from './cases.repository';
import type { InformationRequestsRepository } from './information-requests.repository';
import type { InformationRequestedJob } from './information-requests.service';

export interface Recipient {
  email: string;
  name: string;
  lang: Language;
}

/**
 * Tells the applicant, in their own language, that information was requested, by when, and where
 * to answer. The request's contents stay in the portal (e-mail is not a safe place for them).
 * A retry may send the same message again, which is harmless.
 */
export function informationRequestedJob(deps: {
  repo: InformationRequestsRepository;
  cases: CasesRepository;
  mail: MailPort;
  i18n: I18n;
  publicUrl: string;
  recipientOf: (accountId: string) => Promise<Recipient | undefined>;
}) {
  return async (data: InformationRequestedJob): Promise<void> => {
    const request = await deps.repo.findById(data.requestId);
    const c = request ? await deps.cases.find(request.case_id) : undefined;
    const to = await deps.recipientOf(data.accountId);
    if (!request || !c || !to || request.answered_at) return;
    const t = deps.i18n.translator(to.lang);
    await deps.mail.send({
      to: to.email,
      lang: to.lang,
      subject: t('informationRequests.email.subject'),
      text: t('informationRequests.email.body', {
        name: to.name,
        dueOn: request.due_on,
        link: `${deps.publicUrl}/applications/${c.application_id}/information-requests/${request.seq}`,
      }),
    });
  };
}
