import type { I18n, Language } from '../../platform/i18n';
import type { MailPort } from '../../platform/mail';
import type { DecisionLetterJob } from './decisions.service';

/**
 * Tells the applicant, in their language, that a decision letter is in their account. The letter
 * itself stays behind sign-in (it carries the reasons); the e-mail only points to it. A retry may
 * send the notice again, which is harmless.
 */
export function decisionLetterJob(deps: {
  mail: MailPort;
  i18n: I18n;
  publicUrl: string;
  recipientOf: (
    accountId: string,
  ) => Promise<{ email: string; name: string; lang: Language } | undefined>;
}) {
  return async (data: DecisionLetterJob): Promise<void> => {
    const to = await deps.recipientOf(data.accountId);
    if (!to) return;
    const t = deps.i18n.translator(to.lang);
    await deps.mail.send({
      to: to.email,
      lang: to.lang,
      subject: t('decisions.email.subject', { reference: data.reference }),
      text: t('decisions.email.body', {
        name: to.name,
        reference: data.reference,
        link: `${deps.publicUrl}/applications/${data.applicationId}/letters`,
      }),
    });
  };
}
