import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import type { CataloguePort } from './applications.ports';
import {
  newDraft,
  type ApplicationRow,
  type ApplicationsRepository,
} from './applications.repository';
import { applicationsErrors } from './errors';
import type { FilingOrganisation, FilingPort } from './filing.ports';
import { createFilingRepository } from './filing.repository';

export const FILED_FOR_YOU_JOB = 'applications.filed-for-you';
export interface FiledForYouJob {
  applicationId: string;
}

export interface FilingServiceDeps {
  repo: ApplicationsRepository;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  audit: AuditModule;
  catalogue: CataloguePort;
  filing: FilingPort;
}

type Applicant = Extract<Principal, { kind: 'applicant' }>;

/**
 * Applications filed by an organisation for a foreigner it invites (the invitee), and linking
 * them to the invitee's account once that person proves the e-mail address is theirs.
 */
export function createFilingService(d: FilingServiceDeps) {
  const { repo, clock, ids, filing } = d;
  const data = createFilingRepository(repo);

  /** The organisation, when the person is one of its members; "not found" for anyone else. */
  async function organisationOf(organisationId: string, p: Principal): Promise<FilingOrganisation> {
    const org =
      p.kind === 'applicant'
        ? await filing.organisationForMember(organisationId, p.accountId)
        : undefined;
    if (!org) throw applicationsErrors.notFound();
    return org;
  }

  return {
    organisationOf,
    /** Services this organisation may file: those whose `applicants` name its kind. */
    servicesFor: (org: FilingOrganisation) => filing.servicesFiledBy(org.kind),

    /**
     * A member files for an invitee: the draft belongs to the organisation's list at once, and to
     * the invitee's account as soon as one with a VERIFIED address exists (now or later). The
     * invitee is told by e-mail, after the commit.
     */
    async fileForInvitee(input: {
      organisationId: string;
      by: Applicant;
      serviceId: string;
      groundId: string;
      invitee: { name: string; email: string; lang: Language };
    }): Promise<ApplicationRow> {
      const org = await organisationOf(input.organisationId, input.by);
      if (!filing.applicantsOf(input.serviceId).includes(org.kind))
        throw applicationsErrors.filerNotAllowed(input.serviceId, org.kind);
      if (!d.catalogue.groundName(input.serviceId, input.groundId))
        throw applicationsErrors.groundUnknown(input.groundId);
      const owner = await filing.verifiedApplicantByEmail(input.invitee.email);
      const now = clock.now();
      const row = newDraft({
        id: ids.uuid(),
        now,
        service_id: input.serviceId,
        ground_id: input.groundId,
        owner_account_id: owner?.id ?? null,
        filed_by_kind: 'organisation',
        filed_by_account_id: input.by.accountId,
        filed_by_organisation_id: org.id,
        invitee_email: input.invitee.email.toLowerCase(),
        invitee_lang: input.invitee.lang,
        for_person_name: input.invitee.name,
      });
      await repo.db.transaction().execute(async (trx) => {
        await repo.insertDraft(
          row,
          {
            actor_kind: 'applicant',
            actor_id: input.by.accountId,
            details: { filedBy: 'organisation', organisationId: org.id },
          },
          trx,
        );
        await d.audit.record(
          {
            actor: input.by,
            action: 'applications.filed-for-invitee',
            subject: { kind: 'application', id: row.id },
            details: { organisationId: org.id, linked: Boolean(owner) },
          },
          trx,
        );
        await d.jobs.enqueue(
          trx,
          FILED_FOR_YOU_JOB,
          { applicationId: row.id } satisfies FiledForYouJob,
          {
            singletonKey: `filed-for-you:${row.id}`,
          },
        );
      });
      return row;
    },

    /** The organisation's invitees, for its members only; reading names and e-mails is audited. */
    async invitees(organisationId: string, p: Principal) {
      const org = await organisationOf(organisationId, p);
      const rows = await data.listForOrganisation(org.id);
      await d.audit.recordRead({
        actor: p,
        subject: { kind: 'organisation', id: org.id },
        purpose: 'organisation-invitees',
        fields: ['inviteeName', 'inviteeEmail', 'service', 'state', 'reference'],
      });
      return { organisation: org, rows };
    },

    /**
     * Links what organisations filed for this address to the account. Called when the accounts
     * module has confirmed the address (verification, reset link, sign-in), in its transaction:
     * an address typed at sign-up but never verified claims nothing.
     */
    async claimForVerifiedEmail(
      e: { accountId: string; email: string },
      trx: AnyTransaction,
    ): Promise<number> {
      const rows = await data.unclaimedFor(e.email, trx);
      let linked = 0;
      for (const row of rows) {
        if (!(await data.link(row.id, e.accountId, trx))) continue;
        linked += 1;
        await repo.appendEvent(
          {
            application_id: row.id,
            at: clock.now(),
            action: 'claimed',
            actor_kind: 'applicant',
            actor_id: e.accountId,
            details: {},
          },
          trx,
        );
        await d.audit.record(
          {
            actor: { kind: 'system' },
            action: 'applications.invitee-linked',
            subject: { kind: 'application', id: row.id },
            details: { accountId: e.accountId },
          },
          trx,
        );
      }
      return linked;
    },
  };
}

export type FilingService = ReturnType<typeof createFilingService>;
