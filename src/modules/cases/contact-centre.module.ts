import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../platform/http';
import type { I18n, Language } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { MailPort } from '../../platform/mail';
import { contactCentrePages } from './contact-centre.pages';
import type { ContactCentreService } from './contact-centre.service';
import type { Recipient } from './information-requests.job';

export const CONTACT_MESSAGE_JOB = 'cases.contact-message';
interface ContactMessageJob {
  entryId: string;
  accountId: string;
}

export interface ContactCentreDeps {
  jobs: JobQueue;
  mail: MailPort;
  i18n: I18n;
  publicUrl: string;
  service: ContactCentreService;
  /** The account to write to about an application (its person, else whoever filed it). */
  applicantAccountOf(applicationId: string, p: Principal): Promise<string | undefined>;
  recipientOf(accountId: string): Promise<Recipient | undefined>;
  serviceName(serviceId: string, lang: Language): string;
}

/**
 * The contact centre's pages and its messages to applicants (issue 4 point 7). A message is kept
 * in the contact log and e-mailed in the applicant's language; the portal does not list these
 * messages (yet), so the e-mail is the applicant's only copy.
 */
export function createContactCentre(deps: ContactCentreDeps) {
  deps.jobs.register<ContactMessageJob>(CONTACT_MESSAGE_JOB, async (data) => {
    const entry = await deps.service.repo.entry(data.entryId);
    const to = await deps.recipientOf(data.accountId);
    if (!entry || !to) return;
    const t = deps.i18n.translator(to.lang);
    // A retry may send the same message again, which is harmless.
    await deps.mail.send({
      to: to.email,
      lang: to.lang,
      subject: t('contactCentre.email.subject'),
      text: t('contactCentre.email.body', {
        name: to.name,
        message: entry.summary,
        link: `${deps.publicUrl}/applications`,
      }),
    });
  });
  return {
    routes: async (app: FastifyInstance) => {
      await app.register(
        contactCentrePages({
          service: deps.service,
          serviceName: deps.serviceName,
          sendMessage: async (c, p, text) => {
            const accountId = await deps.applicantAccountOf(c.applicationId, p);
            if (!accountId) return false;
            await deps.service.logMessage(c, p, text, (row, trx) =>
              deps.jobs.enqueue(trx, CONTACT_MESSAGE_JOB, { entryId: row.id, accountId }),
            );
            return true;
          },
        }),
      );
    },
  };
}

export type ContactCentreModule = ReturnType<typeof createContactCentre>;
