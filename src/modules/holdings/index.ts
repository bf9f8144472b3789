import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { Database } from '../../platform/db';
import type { I18n, Translate } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { MailPort } from '../../platform/mail';
import type { AuditModule } from '../audit';
import { holdingsPages } from './holdings.pages';
import type { RecipientOf, RenewalApplications } from './holdings.ports';
import { createHoldingsRepository } from './holdings.repository';
import { createHoldingsService, SEND_EMAIL_JOB, type SendEmailJob } from './holdings.service';
import { REMINDERS_CRON, REMINDERS_JOB, renewalRemindersJob } from './jobs/renewal-reminders.job';
import { sendHoldingsEmailJob } from './jobs/send-email.job';
import { seedDemoHoldings } from './test-data';

export type { RecipientOf, RenewalApplications } from './holdings.ports';
export type { HeldDocumentRow } from './holdings.repository';
export type { HeldDocumentView, IssuedDocumentInput, LossReportInput } from './holdings.service';
export { HELD_KINDS, REMINDER_THRESHOLDS, type HeldKind, type HeldStatus } from './holdings.core';
export { DEMO_HOLDINGS } from './test-data';

export interface HoldingsDeps {
  config: Config;
  database: Database;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  mail: MailPort;
  i18n: I18n;
  audit: AuditModule;
  /** Reading and starting applications (adapted from the applications module). */
  applications: RenewalApplications;
  recipientOf: RecipientOf;
}

/** Documents people hold: loss reports, renewal reminders and pre-filled renewals. */
export function createHoldingsModule(deps: HoldingsDeps) {
  const repo = createHoldingsRepository(deps.database.db);
  const service = createHoldingsService({
    repo,
    clock: deps.clock,
    ids: deps.ids,
    jobs: deps.jobs,
    audit: deps.audit,
    applications: deps.applications,
  });
  deps.jobs.register<SendEmailJob>(
    SEND_EMAIL_JOB,
    sendHoldingsEmailJob({
      repo,
      mail: deps.mail,
      i18n: deps.i18n,
      publicUrl: deps.config.publicUrl,
      recipientOf: deps.recipientOf,
    }),
  );
  deps.jobs.register(REMINDERS_JOB, renewalRemindersJob(service));
  deps.jobs.schedule(REMINDERS_JOB, REMINDERS_CRON);
  return {
    service,
    repo,
    /** For citizens' orders without a visit: photo, signature and valid documents on record. */
    identityOnRecord: service.identityOnRecord,
    /** Documents with a renewal reminder still to act on (the account page's banner). */
    remindersFor: service.remindersFor,
    /** The account page's banner: one line per document with a reminder to act on. */
    accountNotices: async (accountId: string, t: Translate) =>
      (await service.remindersFor(accountId)).map((d) => ({
        title: t('holdings.reminder.title'),
        text: t('holdings.reminder.account', {
          document: t(`holdings.kind.${d.kind}`),
          days: d.daysLeft,
        }),
        href: '/my-documents',
        linkText: t('holdings.reminder.accountLink'),
      })),
    /** Loads the demo holdings (idempotent) and sends the reminders they are due at once. */
    seedDemo: async (accountIdOf: (email: string) => Promise<string | undefined>) => {
      const seeded = await seedDemoHoldings({
        repo,
        clock: deps.clock,
        ids: deps.ids,
        audit: deps.audit,
        accountIdOf,
      });
      await service.sendRenewalReminders();
      return seeded;
    },
    routes: async (app: FastifyInstance) => {
      await app.register(holdingsPages(service, deps.clock));
    },
  };
}

export type HoldingsModule = ReturnType<typeof createHoldingsModule>;
