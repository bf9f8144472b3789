import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import type { NotifyApplicant } from './applicant-notices';
import type { CaseRow, CasesRepository } from './cases.repository';
import type { CasesService } from './cases.service';
import { informationRequestedJob, openRequestsDue } from './information-requests.job';
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
  cases: { service: CasesService; repo: CasesRepository };
  ports: InformationRequestsPorts;
  documents: InformationRequestPagesDeps['documents'];
  documentTypes: (c: CaseRow) => ReturnType<InformationRequestPagesDeps['documentTypes']>;
  /** Tells the applicant of a new request (the notifications module, through src/app). */
  notify: NotifyApplicant;
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
    /** For the notifications module's reminder: unanswered requests due between two days. */
    openRequestsDue: openRequestsDue(deps.db),
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
