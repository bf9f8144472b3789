import type { Clock } from '../../../platform/clock';
import type { I18n } from '../../../platform/i18n';
import type { MailPort } from '../../../platform/mail';
import type { SmsPort } from '../../../platform/sms';
import type {
  Channel,
  NotificationRow,
  NotificationsRepository,
} from '../notifications.repository';
import type { DeliverJob, NotificationsPorts } from '../notifications.service';

/**
 * Sends a notification by e-mail and, when the person gave a mobile number with consent to SMS,
 * by SMS. Each channel is claimed in the database before it is sent (`claim`), so a retry or a
 * second worker never sends it twice; a failed send gives the claim back and fails the job, which
 * pg-boss retries. The price: a process that dies between the claim and the send loses that one
 * message (the notification stays in the account's inbox), which is better than sending twice.
 */
export function deliverJob(d: {
  repo: NotificationsRepository;
  mail: MailPort;
  sms: SmsPort;
  i18n: I18n;
  clock: Clock;
  publicUrl: string;
  ports: Pick<NotificationsPorts, 'emailOf'>;
}) {
  /** Sends through one channel unless it was sent (or is being sent) already. */
  async function once(n: NotificationRow, channel: Channel, send: () => Promise<unknown>) {
    const at = d.clock.now();
    if (!(await d.repo.claim(n.id, channel, at))) return;
    try {
      await send();
    } catch (e) {
      await d.repo.release(n.id, channel, at);
      throw e;
    }
  }

  const email = (n: NotificationRow, to: string) => {
    const t = d.i18n.translator(n.lang);
    return d.mail.send({
      to,
      lang: n.lang,
      subject: n.subject,
      text: [
        n.body,
        t('notifications.email.open', { link: `${d.publicUrl}${n.link}` }),
        t('notifications.email.footer', {
          preferences: `${d.publicUrl}/account/contact-preferences`,
        }),
      ].join('\n\n'),
    });
  };

  return async (data: DeliverJob): Promise<void> => {
    const n = await d.repo.find(data.notificationId);
    if (!n) return;
    // Both channels are tried before the job fails, so a broken SMS gateway delays no e-mail.
    const failures: unknown[] = [];
    if (!n.email_sent_at) {
      const to = await d.ports.emailOf(n.account_id);
      if (to) await once(n, 'email', () => email(n, to)).catch((e: unknown) => failures.push(e));
    }
    if (!n.sms_sent_at) {
      const prefs = await d.repo.preferences(n.account_id);
      if (prefs?.sms_consent && prefs.mobile_number) {
        const to = prefs.mobile_number;
        await once(n, 'sms', () => d.sms.send({ to, text: n.sms_text, lang: n.lang })).catch(
          (e: unknown) => failures.push(e),
        );
      }
    }
    if (failures.length > 0) throw failures[0];
  };
}
