import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { I18n } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { MailPort } from '../../platform/mail';
import type { AuditModule } from '../audit';
import { applicationsApi } from './applications.api';
import { applicationPages } from './applications.pages';
import type {
  CataloguePort,
  DocumentsPort,
  PartnerNotifier,
  PaymentsPort,
  TravelDocumentPort,
} from './applications.ports';
import { createApplicationsRepository } from './applications.repository';
import {
  createApplicationsService,
  SUBMITTED_JOB,
  type SubmittedJob,
} from './applications.service';
import { submittedJob, type Recipient } from './jobs/submitted.job';

export type {
  CataloguePort,
  DocumentsPort,
  PaymentsPort,
  TravelDocumentPort,
  Question,
  RequiredDocument,
  StoredDocument,
  Texts,
} from './applications.ports';
export type { ApplicationRow } from './applications.repository';
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
  /** Who to write to about an application filed by an account (from the accounts module). */
  recipientOf: (accountId: string) => Promise<Recipient | undefined>;
}

export function createApplicationsModule(deps: ApplicationsDeps) {
  const repo = createApplicationsRepository(deps.db);
  const service = createApplicationsService({ ...deps, repo });
  deps.jobs.register<SubmittedJob>(SUBMITTED_JOB, submittedJob({ ...deps, repo }));
  return {
    service,
    routes: async (app: FastifyInstance) => {
      await app.register(
        applicationsApi({ service, catalogue: deps.catalogue, documents: deps.documents }),
      );
      await app.register(
        applicationPages({
          service,
          catalogue: deps.catalogue,
          documents: deps.documents,
          payments: deps.payments,
          travelDocuments: deps.travelDocuments,
          publicUrl: deps.publicUrl,
        }),
      );
    },
  };
}

export type ApplicationsModule = ReturnType<typeof createApplicationsModule>;
