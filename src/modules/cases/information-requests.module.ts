import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { I18n } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { MailPort } from '../../platform/mail';
import type { AuditModule } from '../audit';
import type { CaseRow, CasesRepository } from './cases.repository';
import type { CasesService } from './cases.service';
import { informationRequestedJob, type Recipient } from './information-requests.job';
import {
  informationRequestPages,
  type InformationRequestPagesDeps,
} from './information-requests.pages';
import { createInformationRequestsRepository } from './information-requests.repository';
import {
  createInformationRequestsService,
  INFORMATION_REQUESTED_JOB,
  type InformationRequestedJob,
  type InformationRequestsPorts,
} from './information-requests.service';

export interface InformationRequestsDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  jobs: JobQueue;
  mail: MailPort;
  i18n: I18n;
  publicUrl: string;
  cases: { service: CasesService; repo: CasesRepository };
  ports: InformationRequestsPorts;
  documents: InformationRequestPagesDeps['documents'];
  documentTypes: (c: CaseRow) => ReturnType<InformationRequestPagesDeps['documentTypes']>;
  recipientOf: (accountId: string) => Promise<Recipient | undefined>;
}

/**
 * Requests for information (issue 4): the officer asks, the applicant answers in the portal, and
 * the case's legal term stops and resumes. Part of the cases module, made once in src/app.
 */
export function createInformationRequests(deps: InformationRequestsDeps) {
  const repo = createInformationRequestsRepository(deps.db);
  const service = createInformationRequestsService({ ...deps, repo });
  deps.jobs.register<InformationRequestedJob>(
    INFORMATION_REQUESTED_JOB,
    informationRequestedJob({ ...deps, repo, cases: deps.cases.repo }),
  );
  return {
    service,
    repo,
    /** For the applications module: "information requested" on the application's page. */
    notices: (applicationId: string, p: Principal) => service.notices(applicationId, p),
    /** For the documents module: who may open a file sent with an answer. */
    mayOpenAnswerDocument: (requestId: string, p: Principal) =>
      service.mayOpenAnswerDocument(requestId, p),
    routes: async (app: FastifyInstance) => {
      await app.register(
        informationRequestPages({
          clock: deps.clock,
          cases: deps.cases.service,
          requests: service,
          documents: deps.documents,
          documentTypes: deps.documentTypes,
        }),
      );
    },
  };
}

export type InformationRequestsModule = ReturnType<typeof createInformationRequests>;
