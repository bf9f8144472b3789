import type { I18n } from '../../../platform/i18n';
import type { MailPort } from '../../../platform/mail';
import type { AccountsRepository } from '../accounts.repository';
import type { AccountsService, SendEmailJob } from '../accounts.service';

/**
 * Sends an account e-mail. The token is made here, when the mail is actually written, so no
 * usable secret waits in the job table; a retry issues a fresh link and voids the older one.
 */
export function sendAccountEmailJob(deps: {
  repo: AccountsRepository;
  service: AccountsService;
  mail: MailPort;
  i18n: I18n;
  publicUrl: string;
}) {
  const linkFor = async (email: SendEmailJob['email'], accountId: string): Promise<string> => {
    switch (email) {
      case 'verify-email':
        return `${deps.publicUrl}/verify-email?token=${await deps.service.issueToken(accountId, 'verify-email')}`;
      case 'reset-password':
        return `${deps.publicUrl}/password/reset?token=${await deps.service.issueToken(accountId, 'reset-password')}`;
      case 'already-registered':
        return `${deps.publicUrl}/password/forgot`;
      case 'password-changed':
        return `${deps.publicUrl}/sign-in`;
    }
  };
  return async (data: SendEmailJob): Promise<void> => {
    const account = await deps.repo.findById(data.accountId);
    if (!account || account.disabled_at) return;
    const lang = account.preferred_lang;
    const t = deps.i18n.translator(lang);
    if (data.email === 'verify-email' && account.email_verified_at) return; // nothing to confirm
    const link = await linkFor(data.email, account.id);
    await deps.mail.send({
      to: account.email,
      lang,
      subject: t(`email.${data.email}.subject`),
      text: t(`email.${data.email}.body`, { name: account.display_name, link }),
    });
  };
}
