/**
 * The public face of module `notifications` (DESIGN §4: other modules and src/app import only
 * this file): every step an applicant must know about, in their account, by e-mail and, with
 * consent, by SMS, in their language, from the country pack's templates (issue 4 point 8).
 */
import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { I18n, Translate } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { MailPort } from '../../platform/mail';
import type { SmsPort } from '../../platform/sms';
import type { AuditModule } from '../audit';
import { deliverJob } from './jobs/deliver.job';
import { DUE_SOON_CRON, DUE_SOON_JOB, remindDueSoon } from './jobs/due-soon.job';
import { loadNotificationPack, type NotificationPack } from './notifications.pack';
import { notificationPages } from './notifications.pages';
import { createNotificationsRepository } from './notifications.repository';
import {
  createNotificationsService,
  DELIVER_JOB,
  type DeliverJob,
  type NotificationsPorts,
} from './notifications.service';

export {
  EVENT_PLACEHOLDERS,
  loadNotificationPack,
  NOTIFICATION_EVENTS,
  renderNotification,
  SMS_PLACEHOLDERS,
  type NoticeValue,
  type NotificationEvent,
  type NotificationPack,
} from './notifications.pack';
export {
  DELIVER_JOB,
  INBOX_SIZE,
  type DueRequest,
  type NotificationsPorts,
  type NotificationsService,
  type NotifyInput,
  type PreferencesInput,
} from './notifications.service';
export type { NotificationRow, PreferencesRow } from './notifications.repository';
export { DUE_SOON_CRON, DUE_SOON_JOB } from './jobs/due-soon.job';
export { E164, normaliseMobile } from './notifications.schemas';
export { notificationsErrors } from './errors';

export interface NotificationsDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  mail: MailPort;
  sms: SmsPort;
  i18n: I18n;
  audit: AuditModule;
  publicUrl: string;
  /** Per-client limit on posting the contact preferences form (RATE_LIMIT_FORMS_PER_MINUTE). */
  formsPerMinute: number;
  ports: NotificationsPorts;
  /** The pack's templates; read from content/lt/notifications.yaml when not given. */
  pack?: NotificationPack;
}

export function createNotificationsModule(deps: NotificationsDeps) {
  // A broken notification pack stops start-up here, naming file and field.
  const pack = deps.pack ?? loadNotificationPack();
  const repo = createNotificationsRepository(deps.db);
  const service = createNotificationsService({ ...deps, repo, pack });
  deps.jobs.register<DeliverJob>(DELIVER_JOB, deliverJob({ ...deps, repo }));
  const dueSoon = remindDueSoon({ ...deps, pack, service });
  deps.jobs.register(DUE_SOON_JOB, async () => {
    await dueSoon();
  });
  deps.jobs.schedule(DUE_SOON_JOB, DUE_SOON_CRON);
  return {
    service,
    repo,
    pack,
    /** Tells an applicant, in the caller's transaction; idempotent by event and business id. */
    notify: service.notify,
    /** Reminds unanswered requests for information due soon (the daily job); returns how many. */
    remindDueSoon: dueSoon,
    /** The account page's banner while something is unread: how many, and the way to them. */
    accountNotices: async (accountId: string, t: Translate) => {
      const unread = await service.unreadCount(accountId);
      if (unread === 0) return [];
      return [
        {
          title: t('notifications.account.title'),
          text: t('notifications.account.unread', { count: unread }),
          href: '/account/notifications',
          linkText: t('notifications.account.link'),
        },
      ];
    },
    routes: async (app: FastifyInstance) => {
      await app.register(notificationPages(service, deps.formsPerMinute));
    },
  };
}

export type NotificationsModule = ReturnType<typeof createNotificationsModule>;
