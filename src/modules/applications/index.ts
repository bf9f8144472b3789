import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction, Db } from '../../platform/db';
import type { I18n } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { MailPort } from '../../platform/mail';
import type { AuditModule } from '../audit';
import { applicationsApi } from './applications.api';
import { applicationPages, type PagesDeps } from './applications.pages';
import { orderingPages } from './ordering.pages';
import type {
  BranchesPort,
  IdentityOnRecordPort,
  CataloguePort,
  DocumentsPort,
  PartnerNotifier,
  PaymentsPort,
  PreSubmissionChecks,
  TravelDocumentPort,
} from './applications.ports';
import { createApplicationsRepository } from './applications.repository';
import {
  createApplicationsService,
  SUBMITTED_JOB,
  type SubmittedJob,
} from './applications.service';
import { submittedJob, type NotifyReceived, type Recipient } from './jobs/submitted.job';
import { filedForYouJob } from './jobs/filed-for-you.job';
import { filingPages } from './filing.pages';
import type { SubmissionListener } from './use-cases/submit-application';
import type { FilingPort } from './filing.ports';
import { seedDemoApplications, type DemoApplication } from './demo-data';
import { createFilingService, FILED_FOR_YOU_JOB, type FiledForYouJob } from './filing.service';

export type {
  BranchesPort,
  IdentityOnRecordPort,
  OrderingCatalogue,
  CataloguePort,
  DocumentsPort,
  PaymentsPort,
  PreSubmissionCheck,
  PreSubmissionChecks,
  TravelDocumentPort,
  Question,
  RequiredDocument,
  StoredDocument,
  Texts,
} from './applications.ports';
export type { ApplicationRow } from './applications.repository';
export type { ApplicantPanels } from './applications.pages';
export type { SubmissionListener } from './use-cases/submit-application';
export type { NotifyReceived, ReceivedNotice } from './jobs/submitted.job';
export type { DemoApplication } from './demo-data';
export type { FilingOrganisation, FilingPort } from './filing.ports';
export { isValidReference } from './reference-number';
export { SAMPLE_RENEWAL } from './test-data';

export interface ApplicationsDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  mail: MailPort;
  i18n: I18n;
  audit: AuditModule;
  publicUrl: string;
  catalogue: CataloguePort;
  documents: DocumentsPort;
  payments: PaymentsPort;
  travelDocuments: TravelDocumentPort;
  /** Webhooks to the partner that filed an application (partners module). */
  notifyPartner?: PartnerNotifier;
  /** Told of each submission inside its transaction: the cases module opens the case (src/app). */
  onSubmitted?: SubmissionListener;
  /** Photo, signature and documents on record (holdings); absent: a visit is always required. */
  identityOnRecord?: IdentityOnRecordPort;
  /** Branches a produced document can be collected at (accounts module). */
  branches?: BranchesPort;
  /** Who to write to about an application filed by an account (from the accounts module). */
  recipientOf: (accountId: string) => Promise<Recipient | undefined>;
  /** "Application received" in the filer's account and by e-mail (notifications module). */
  notify: NotifyReceived;
  /** Filing for others: organisations, verified accounts, who may file (app/filing.wiring.ts). */
  filing: FilingPort;
  /** Notices other modules show on an application's page (e.g. information requested). */
  notices?: PagesDeps['notices'];
  /** "Checks before you submit" on the check page (rules module, src/app/rules.wiring.ts). */
  checksBeforeSubmission?: PreSubmissionChecks;
  /** Automated checks and the decision date on a submitted application's page (issue 8). */
  applicantPanels?: PagesDeps['applicantPanels'];
}

export function createApplicationsModule(deps: ApplicationsDeps) {
  const repo = createApplicationsRepository(deps.db);
  const service = createApplicationsService({ ...deps, repo });
  deps.jobs.register<SubmittedJob>(SUBMITTED_JOB, submittedJob({ ...deps, repo }));
  const filing = createFilingService({ ...deps, repo });
  deps.jobs.register<FiledForYouJob>(FILED_FOR_YOU_JOB, filedForYouJob({ ...deps, repo }));
  return {
    service,
    /** An application's reference, read in the caller's transaction (other modules' notices). */
    referenceOf: async (id: string, trx?: AnyTransaction) =>
      (await repo.find(id, trx))?.reference ?? null,
    /** Applications filed by organisations for invitees; linking them to verified accounts. */
    filing,
    /** Demo data: submitted applications whose cases open as real ones do (src/app/demo-cases.ts). */
    seedDemo: (
      items: readonly DemoApplication[],
      after?: Parameters<typeof seedDemoApplications>[2],
    ) => seedDemoApplications({ ...deps, repo }, items, after),
    routes: async (app: FastifyInstance) => {
      await app.register(
        applicationsApi({ service, catalogue: deps.catalogue, documents: deps.documents }),
      );
      await app.register(
        applicationPages({
          service,
          clock: deps.clock,
          catalogue: deps.catalogue,
          documents: deps.documents,
          payments: deps.payments,
          travelDocuments: deps.travelDocuments,
          publicUrl: deps.publicUrl,
          filing: deps.filing,
          notices: deps.notices,
          checksBeforeSubmission: deps.checksBeforeSubmission,
          applicantPanels: deps.applicantPanels,
        }),
      );
      await app.register(filingPages({ filing, catalogue: deps.catalogue }));
      await app.register(orderingPages({ service, catalogue: deps.catalogue }));
    },
  };
}

export type ApplicationsModule = ReturnType<typeof createApplicationsModule>;
