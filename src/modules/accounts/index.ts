import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { Database } from '../../platform/db';
import type { Principal, Session } from '../../platform/http';
import type { I18n } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { MailPort } from '../../platform/mail';
import type { AuditModule } from '../audit';
import { accountsApi } from './accounts.api';
import { accountPages, type AccountNoticeSource } from './accounts.pages';
import { createAccountsRepository } from './accounts.repository';
import { createAccountsService, SEND_EMAIL_JOB, type SendEmailJob } from './accounts.service';
import { sendAccountEmailJob } from './jobs/send-email.job';
import { simulatedLegalEntityRegister, type LegalEntityRegister } from './legal-entities';
import { organisationPages } from './organisations.pages';
import { createOrganisationsRepository } from './organisations.repository';
import { createOrganisationsService } from './organisations.service';
import { seedDemo } from './test-data';

export { STAFF_ROLES, type StaffRole, type NewStaff } from './accounts.schemas';
export { checkPassword, MIN_PASSWORD_LENGTH } from './password-policy';
export { totpCode } from './totp';
export { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_STAFF, DEMO_APPLICANTS } from './test-data';
export type { AccountRow, BranchRow } from './accounts.repository';
export type { AccountNoticeSource } from './accounts.pages';
export type { OrganisationKind, OrganisationRow } from './organisations.repository';
export type { Membership, OrganisationsService } from './organisations.service';
export type { EmailConfirmed } from './accounts.service';
export { DEMO_LEGAL_ENTITIES, type LegalEntityRegister } from './legal-entities';
export { DEMO_ORGANISATION } from './test-data';

export interface AccountsDeps {
  config: Config;
  database: Database;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  mail: MailPort;
  i18n: I18n;
  audit: AuditModule;
  /** The Register of Legal Entities; the simulator unless a real adapter is given. */
  legalEntities?: LegalEntityRegister;
}

export function createAccountsModule(deps: AccountsDeps) {
  const accountNotices: AccountNoticeSource[] = [];
  const repo = createAccountsRepository(deps.database.db);
  const service = createAccountsService({
    db: deps.database.db,
    repo,
    clock: deps.clock,
    ids: deps.ids,
    jobs: deps.jobs,
    audit: deps.audit,
  });
  const organisations = createOrganisationsService({
    repo: createOrganisationsRepository(deps.database.db),
    accounts: repo,
    register: deps.legalEntities ?? simulatedLegalEntityRegister(),
    clock: deps.clock,
    ids: deps.ids,
    audit: deps.audit,
  });
  deps.jobs.register<SendEmailJob>(
    SEND_EMAIL_JOB,
    sendAccountEmailJob({
      repo,
      service,
      mail: deps.mail,
      i18n: deps.i18n,
      publicUrl: deps.config.publicUrl,
    }),
  );
  return {
    service,
    repo,
    /** Employers and universities, and the accounts that act for them. */
    organisations,
    /** Loads demo branches, staff, applicants and the demo employer (idempotent). */
    seedDemo: () =>
      seedDemo({
        repo,
        service,
        organisations,
        clock: deps.clock,
        ids: deps.ids,
        audit: deps.audit,
      }),
    findBranch: (id: string) => repo.findBranch(id),
    principalFor: (session: Session | null): Promise<Principal> => service.principalFor(session),
    /** Lets another module show notices on the account page (added before routes register). */
    addAccountNotices: (source: AccountNoticeSource) => {
      accountNotices.push(source);
    },
    routes: async (app: FastifyInstance) => {
      await app.register(
        accountPages(service, deps.audit, deps.config.RATE_LIMIT_FORMS_PER_MINUTE, accountNotices),
      );
      await app.register(accountsApi(service, repo));
      await app.register(organisationPages(organisations, deps.config.RATE_LIMIT_FORMS_PER_MINUTE));
    },
  };
}

export type AccountsModule = ReturnType<typeof createAccountsModule>;
