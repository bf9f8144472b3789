import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import type { ApplicantNotice, NoticeValue, NotifyApplicant } from './applicant-notices';
import type { CardProducer, Courier } from './card-producer';
import type { CasesRepository } from './cases.repository';
import type { CasesService } from './cases.service';
import { loadProductionPack, type ProductionPack } from './production.pack';
import { productionPages } from './production.pages';
import { createProductionRepository } from './production.repository';
import {
  createProductionService,
  DOCUMENT_READY_JOB,
  ORDER_DOCUMENT_JOB,
  POLL_PRODUCER_CRON,
  POLL_PRODUCER_JOB,
  type DocumentReadyJob,
  type OrderDocumentJob,
  type ProductionPorts,
} from './production.service';

export interface ProductionDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  jobs: JobQueue;
  producer: CardProducer;
  courier: Courier;
  cases: { service: CasesService; repo: CasesRepository };
  ports: ProductionPorts;
  /** Tells the holder the document is ready or on its way (notifications module, via src/app). */
  notify: NotifyApplicant;
  /** A branch's name and address per language, by its code; the code itself when not given. */
  branchName?: (code: string) => Promise<NoticeValue | undefined>;
  maxAttempts?: number;
  /** Documents per service and their validity; read from content/lt/production when not given. */
  pack?: ProductionPack;
}

/** Document production and delivery (issue 4 point 6): producer, courier, hand-over. */
export function createProduction(deps: ProductionDeps) {
  const repo = createProductionRepository(deps.db);
  // A broken production pack stops start-up here, naming file and field.
  const pack = deps.pack ?? loadProductionPack();
  const service = createProductionService({ ...deps, repo, pack });
  deps.jobs.register<OrderDocumentJob>(ORDER_DOCUMENT_JOB, (data) =>
    service.sendToProducer(data.orderId),
  );
  deps.jobs.register(POLL_PRODUCER_JOB, async () => {
    await service.poll();
  });
  deps.jobs.schedule(POLL_PRODUCER_JOB, POLL_PRODUCER_CRON);
  deps.jobs.register<DocumentReadyJob>(DOCUMENT_READY_JOB, async (data) => {
    // Tells the holder where the document is; a retry finds the notification made.
    const o = await repo.find(data.orderId);
    const c = o ? await deps.cases.repo.find(o.case_id) : undefined;
    if (!o || !c || !o.holder_account_id) return;
    const common = {
      accountId: o.holder_account_id,
      applicationId: c.application_id,
      about: o.id,
      path: `/applications/${c.application_id}`,
    };
    const branch = o.delivery_branch ?? '';
    const notice: ApplicantNotice =
      o.delivery_method === 'courier'
        ? {
            ...common,
            event: 'document-sent-by-courier',
            values: { tracking: o.tracking_reference ?? '' },
          }
        : {
            ...common,
            event: 'document-ready-for-collection',
            values: { branch: (await deps.branchName?.(branch)) ?? branch },
          };
    await deps.db.transaction().execute((trx) => deps.notify(notice, trx));
  });
  return {
    service,
    repo,
    routes: async (app: FastifyInstance) => {
      await app.register(productionPages(service));
    },
  };
}

export type ProductionModule = ReturnType<typeof createProduction>;
