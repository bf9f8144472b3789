import type { I18n } from '../../../platform/i18n';
import type { MailPort } from '../../../platform/mail';
import type { AccountsRepository } from '../accounts.repository';
import type { AccountsService, SendEmailJob } from '../accounts.service';

/**
 * Sends an account e-mail. The token is made here, when the mail is actually written, so no
 * usable secret waits in the job table; a retry issues a fresh link and voids the older one.
 */
export function sendAccountEmailJob(deps: { repo: AccountsRepository; service: AccountsService; mail: MailPort; i18n: I18n; publicUrl: string }) {
  return async (data: SendEmailJob): Promise<void> => {
    const account = await deps.repo.findById(data.accountId);
    if (!account || account.disabled_at) return;
    const lang = account.preferred_lang;
    const t = deps.i18n.translator(lang);
    let link = '';
    if (data.email === 'verify-email') {
      if (account.email_verified_at) return; // already verified: nothing to send
      link = `${deps.publicUrl}/verify-email?token=${await deps.service.issueToken(account.id, 'verify-email')}`;
    } else if (data.email === 'reset-password') {
      link = `${deps.publicUrl}/password/reset?token=${await deps.service.issueToken(account.id, 'reset-password')}`;
    } else if (data.email === 'already-registered') {
      link = `${deps.publicUrl}/password/forgot`;
    } else {
      link = `${deps.publicUrl}/sign-in`;
    }
    await deps.mail.send({
      to: account.email,
      lang,
      subject: t(`email.${data.email}.subject`),
      text: t(`email.${data.email}.body`, { name: account.display_name, link }),
    });
  };
}
