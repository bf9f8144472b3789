import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import type { NotifyApplicant } from './applicant-notices';
import { contactCentrePages } from './contact-centre.pages';
import type { ContactCentreService } from './contact-centre.service';

export interface ContactCentreDeps {
  service: ContactCentreService;
  /** The account to write to about an application (its person, else whoever filed it). */
  applicantAccountOf(applicationId: string, p: Principal): Promise<string | undefined>;
  /** Puts the message in the applicant's account and sends it (notifications module, src/app). */
  notify: NotifyApplicant;
  serviceName(serviceId: string, lang: Language): string;
}

/**
 * The contact centre's pages and its messages to applicants (issue 4 point 7). A message is kept
 * in the contact log and, in the same transaction, given to the notifications module: it appears
 * in the applicant's inbox (/account/notifications) and is e-mailed (and sent by SMS with
 * consent, without its text) in the applicant's language.
 */
export function createContactCentre(deps: ContactCentreDeps) {
  return {
    routes: async (app: FastifyInstance) => {
      await app.register(
        contactCentrePages({
          service: deps.service,
          serviceName: deps.serviceName,
          sendMessage: async (c, p, text) => {
            const accountId = await deps.applicantAccountOf(c.applicationId, p);
            if (!accountId) return false;
            await deps.service.logMessage(c, p, text, async (row, trx) => {
              await deps.notify(
                {
                  event: 'contact-centre-message',
                  accountId,
                  applicationId: c.applicationId,
                  about: row.id,
                  path: `/applications/${c.applicationId}`,
                  values: { reference: c.reference ?? '', message: text },
                  at: row.at,
                },
                trx,
              );
            });
            return true;
          },
        }),
      );
    },
  };
}

export type ContactCentreModule = ReturnType<typeof createContactCentre>;
