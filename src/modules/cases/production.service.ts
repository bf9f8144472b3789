import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import { localDate } from '../catalogue';
import type { CardHolder, CardProducer, Courier } from './card-producer';
import type { CaseRow, CasesRepository } from './cases.repository';
import type { CasesService } from './cases.service';
import { PROPOSER_ROLES } from './decisions.service';
import { casesErrors } from './errors';
import type { ProducedDocument, ProductionPack } from './production.pack';
import type { DocumentOrderRow, ProductionRepository } from './production.repository';

type HeldKindName = ProducedDocument['kind'];

export const ORDER_DOCUMENT_JOB = 'cases.order-document';
export const POLL_PRODUCER_JOB = 'cases.poll-producer';
export const DOCUMENT_READY_JOB = 'cases.document-ready';
/** Every 15 minutes: the producer reports in hours or days, the courier in days. */
export const POLL_PRODUCER_CRON = '*/15 * * * *';
/** Sending to the producer at most this often; then the order waits for an officer (state failed). */
export const MAX_PRODUCTION_ATTEMPTS = 3;

export interface OrderDocumentJob {
  orderId: string;
}
export interface DocumentReadyJob {
  orderId: string;
}

/** A document handed over, for the holder's held documents (holdings, adapted in src/app). */
export interface IssuedDocument {
  caseId: string;
  holderAccountId: string | null;
  holder: CardHolder;
  applicationId: string;
  serviceId: string;
  groundId: string | null;
  documentKind: HeldKindName;
  documentNumber: string;
  issuedAt: Date;
  /** YYYY-MM-DD, from the pack's validity for the kind and the holder's age. */
  expiresOn: string;
}

/** What production needs from the rest of Vartai (adapted in src/app). */
export interface ProductionPorts {
  /**
   * Read as the ordering officer: the application's delivery choice (branch when it made none),
   * the account of the person it is for, and their identity for the card.
   */
  cardDataOf(
    applicationId: string,
    p: Principal,
  ): Promise<{
    method: 'branch' | 'courier';
    branch: string | null;
    accountId: string | null;
    holder: CardHolder;
  }>;
  /** Adds the handed-over document to the holder's held documents, in the hand-over's transaction. */
  recordIssued(doc: IssuedDocument, trx: AnyTransaction): Promise<void>;
}

export interface ProductionServiceDeps {
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  jobs: JobQueue;
  producer: CardProducer;
  courier: Courier;
  repo: ProductionRepository;
  cases: { service: CasesService; repo: CasesRepository };
  ports: ProductionPorts;
  pack: ProductionPack;
  maxAttempts?: number;
}

const SYSTEM = { kind: 'system', id: 'cases.production' } as const;

export function createProductionService(d: ProductionServiceDeps) {
  const { repo, clock, audit } = d;
  const maxAttempts = d.maxAttempts ?? MAX_PRODUCTION_ATTEMPTS;
  const db = repo.db;

  /** Officers and team leads of the case's branch (mayOpenCase); others get CASE_NOT_FOUND. */
  async function workable(caseId: string, p: Principal): Promise<CaseRow> {
    const c = await d.cases.service.openable(caseId, p);
    if (p.kind !== 'staff' || !p.roles.some((r) => PROPOSER_ROLES.includes(r))) {
      throw casesErrors.notFound();
    }
    return c;
  }

  /** Records a production step on the case with its audit entry; `by` null = the system (jobs). */
  async function step(
    order: DocumentOrderRow,
    kind: 'document-produced' | 'ready-for-collection' | 'sent-by-courier' | 'issued',
    by: Principal | null,
    details: Record<string, unknown>,
    trx: AnyTransaction,
  ) {
    const actor: { actor_kind: string; actor_id: string | null } =
      by?.kind === 'staff'
        ? { actor_kind: 'staff', actor_id: by.accountId }
        : { actor_kind: 'system', actor_id: null };
    await d.cases.service.recordAction(order.case_id, { kind, ...actor, details }, trx);
    await audit.record(
      {
        actor: by ?? SYSTEM,
        action: `cases.${kind}`,
        subject: { kind: 'case', id: order.case_id },
        details: { orderId: order.id, ...details },
      },
      trx,
    );
  }

  /** A produced document goes to the branch or the courier, as the application chose. */
  async function deliver(order: DocumentOrderRow, documentNumber: string, trx: AnyTransaction) {
    const now = clock.now();
    await repo.update(
      order.id,
      { state: 'produced', produced_at: now, document_number: documentNumber },
      trx,
    );
    await step(order, 'document-produced', null, {}, trx);
    if (order.delivery_method === 'courier') {
      const { trackingReference } = await d.courier.dispatch({ orderId: order.id });
      await repo.update(
        order.id,
        { state: 'sent-by-courier', tracking_reference: trackingReference, dispatched_at: now },
        trx,
      );
      await step(order, 'sent-by-courier', null, { trackingReference }, trx);
    } else {
      await repo.update(order.id, { state: 'ready-for-collection', dispatched_at: now }, trx);
      await step(order, 'ready-for-collection', null, { branch: order.delivery_branch }, trx);
    }
    await d.jobs.enqueue(
      trx,
      DOCUMENT_READY_JOB,
      { orderId: order.id } satisfies DocumentReadyJob,
      {
        singletonKey: order.id,
      },
    );
  }

  /** Hand-over: the case is issued and the document joins the holder's held documents. */
  async function handOver(order: DocumentOrderRow, by: Principal | null, trx: AnyTransaction) {
    const c = await d.cases.repo.find(order.case_id, trx);
    if (!c) throw casesErrors.notFound();
    const at = clock.now();
    await step(order, 'issued', by, {}, trx);
    await repo.update(
      order.id,
      {
        state: 'issued',
        issued_at: at,
        issued_by: by?.kind === 'staff' ? by.accountId : 'courier',
      },
      trx,
    );
    await d.ports.recordIssued(
      {
        caseId: c.id,
        holderAccountId: order.holder_account_id,
        holder: order.card_data,
        applicationId: c.application_id,
        serviceId: c.service_id,
        groundId: c.ground_id,
        documentKind: order.document_kind as HeldKindName,
        documentNumber: order.document_number ?? '',
        issuedAt: at,
        expiresOn: d.pack.expiresOn(
          d.pack.find(c.service_id, c.ground_id)!,
          localDate(at),
          order.card_data.dateOfBirth,
        ),
      },
      trx,
    );
  }

  return {
    /**
     * "Order the document" on a granted case: the case moves to document-ordered and the order
     * is sent to the producer by a job enqueued in the same transaction (no order without the
     * action, no action without the order).
     */
    async order(caseId: string, p: Principal): Promise<DocumentOrderRow> {
      const c = await workable(caseId, p);
      const produced = d.pack.find(c.service_id, c.ground_id);
      if (!produced) {
        // A service that produces no card (e.g. a certificate letter) has nothing to order.
        throw casesErrors.actionNotAllowed({
          reason: 'transition-forbidden',
          from: c.status,
          action: 'document-ordered',
        });
      }
      const app = await d.ports.cardDataOf(c.application_id, p);
      return db.transaction().execute(async (trx) => {
        const actor = { actor_kind: 'staff', actor_id: p.kind === 'staff' ? p.accountId : null };
        await d.cases.service.recordAction(caseId, { kind: 'document-ordered', ...actor }, trx);
        const row: DocumentOrderRow = {
          id: d.ids.uuid(),
          case_id: caseId,
          holder_account_id: app.accountId,
          card_data: app.holder,
          document_kind: produced.kind,
          state: 'ordered',
          producer_order_id: null,
          attempts: 0,
          last_error: null,
          ordered_at: clock.now(),
          produced_at: null,
          document_number: null,
          delivery_method: app.method,
          delivery_branch: app.method === 'branch' ? app.branch : null,
          tracking_reference: null,
          dispatched_at: null,
          issued_at: null,
          issued_by: null,
        };
        await repo.insert(row, trx);
        await d.jobs.enqueue(
          trx,
          ORDER_DOCUMENT_JOB,
          { orderId: row.id } satisfies OrderDocumentJob,
          {
            singletonKey: `${row.id}:0`,
          },
        );
        await audit.record(
          {
            actor: p,
            action: 'cases.document-ordered',
            subject: { kind: 'case', id: caseId },
            details: { orderId: row.id, delivery: app.method },
          },
          trx,
        );
        return row;
      });
    },

    /** Job: sends a waiting order to the producer. Idempotent: a sent order is left alone. */
    async sendToProducer(orderId: string): Promise<void> {
      const waiting = await repo.find(orderId);
      if (!waiting || waiting.state !== 'ordered' || waiting.producer_order_id) return;
      const attempt = waiting.attempts + 1;
      const { producerOrderId } = await d.producer.order({
        orderId,
        attempt,
        documentKind: waiting.document_kind,
        holder: waiting.card_data,
      });
      await db.transaction().execute(async (trx) => {
        const o = await repo.lock(orderId, trx);
        if (!o || o.producer_order_id) return;
        await repo.update(orderId, { producer_order_id: producerOrderId, attempts: attempt }, trx);
      });
    },

    /** Job: asks the producer and the courier about every open order and moves the cases on. */
    async poll(limit = 500): Promise<{ produced: number; failed: number; delivered: number }> {
      const counts = { produced: 0, failed: 0, delivered: 0 };
      for (const { id } of await repo.open(limit)) {
        const seen = await repo.find(id);
        if (!seen) continue;
        if (seen.state === 'sent-by-courier' && seen.tracking_reference) {
          const s = await d.courier.status(seen.tracking_reference);
          if (s.state !== 'delivered') continue;
          await db.transaction().execute(async (trx) => {
            const o = await repo.lock(id, trx);
            if (o?.state !== 'sent-by-courier') return;
            await handOver(o, null, trx);
            counts.delivered++;
          });
          continue;
        }
        if (seen.state !== 'ordered' || !seen.producer_order_id) continue;
        const s = await d.producer.status(seen.producer_order_id);
        if (s.state === 'in-production') continue;
        await db.transaction().execute(async (trx) => {
          const o = await repo.lock(id, trx);
          if (o?.state !== 'ordered' || o.producer_order_id !== seen.producer_order_id) return;
          if (s.state === 'produced') {
            await deliver(o, s.documentNumber, trx);
            counts.produced++;
            return;
          }
          counts.failed++;
          const retry = o.attempts < maxAttempts;
          // A re-order keeps the case in document-ordered; the failure stays visible on the order.
          await repo.update(
            id,
            { state: retry ? 'ordered' : 'failed', producer_order_id: null, last_error: s.reason },
            trx,
          );
          await audit.record(
            {
              actor: SYSTEM,
              action: 'cases.production-failed',
              subject: { kind: 'case', id: o.case_id },
              details: { orderId: id, attempt: o.attempts, reason: s.reason, reordered: retry },
            },
            trx,
          );
          if (retry) {
            await d.jobs.enqueue(
              trx,
              ORDER_DOCUMENT_JOB,
              { orderId: id } satisfies OrderDocumentJob,
              {
                singletonKey: `${id}:${o.attempts}`,
              },
            );
          }
        });
      }
      return counts;
    },

    /** POST /workbench/cases/:id/issue: the officer hands the document over (or records delivery). */
    async issue(caseId: string, p: Principal): Promise<void> {
      await workable(caseId, p);
      await db.transaction().execute(async (trx) => {
        const found = await repo.byCase(caseId, trx);
        const o = found ? await repo.lock(found.id, trx) : undefined;
        if (!o || (o.state !== 'ready-for-collection' && o.state !== 'sent-by-courier')) {
          const c = await d.cases.repo.find(caseId, trx);
          throw casesErrors.actionNotAllowed({
            reason: 'transition-forbidden',
            from: c?.status ?? null,
            action: 'issued',
          });
        }
        await handOver(o, p, trx);
      });
    },

    /** The case's document order for the case view (the view audits its own read), if any. */
    async orderOf(caseId: string, p: Principal): Promise<DocumentOrderRow | undefined> {
      await d.cases.service.openable(caseId, p);
      return repo.byCase(caseId);
    },
  };
}

export type ProductionService = ReturnType<typeof createProductionService>;
