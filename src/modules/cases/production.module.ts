import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { I18n } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { MailPort } from '../../platform/mail';
import type { AuditModule } from '../audit';
import type { CardProducer, Courier } from './card-producer';
import type { CasesRepository } from './cases.repository';
import type { CasesService } from './cases.service';
import type { Recipient } from './information-requests.job';
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
  mail: MailPort;
  i18n: I18n;
  publicUrl: string;
  producer: CardProducer;
  courier: Courier;
  cases: { service: CasesService; repo: CasesRepository };
  ports: ProductionPorts;
  recipientOf: (accountId: string) => Promise<Recipient | undefined>;
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
    // Tells the applicant, in their language, where the document is; a retry may repeat it.
    const o = await repo.find(data.orderId);
    const c = o ? await deps.cases.repo.find(o.case_id) : undefined;
    const to = o?.holder_account_id ? await deps.recipientOf(o.holder_account_id) : undefined;
    if (!o || !c || !to) return;
    const t = deps.i18n.translator(to.lang);
    const courier = o.delivery_method === 'courier';
    await deps.mail.send({
      to: to.email,
      lang: to.lang,
      subject: t(courier ? 'production.email.courierSubject' : 'production.email.readySubject'),
      text: t(courier ? 'production.email.courierBody' : 'production.email.readyBody', {
        name: to.name,
        tracking: o.tracking_reference ?? '',
        branch: o.delivery_branch ?? '',
        link: `${deps.publicUrl}/applications/${c.application_id}`,
      }),
    });
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
