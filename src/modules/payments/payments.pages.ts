import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import { formatMoney } from './payments.format';
import type { PaymentRow } from './payments.repository';
import { viewOf, type PaymentsService } from './payments.service';
import { receiptPdf } from './receipt-pdf';

const V = 'modules/payments/views';
const applicant = { config: { access: { who: 'applicant' as const } } };
const idOf = (req: FastifyRequest) => String((req.params as Record<string, unknown>).id ?? '');

/** The applicant's payment pages: back from the provider, receipts, receipt PDFs. */
export function paymentPages(service: PaymentsService, audit: AuditModule) {
  return async (app: FastifyInstance) => {
    const read = (req: FastifyRequest, p: PaymentRow | { id: string }, fields: string[]) =>
      audit.recordRead({
        actor: req.principal,
        subject: { kind: 'payment', id: p.id },
        purpose: 'own-payment',
        fields,
        ip: req.ip,
      });

    app.get('/payments/:id/return', applicant, async (req, reply) => {
      // The notification may not have arrived yet: a pending payment is checked with the provider.
      const p = await service.settleAndGet(idOf(req), req.principal);
      await read(req, p, ['status', 'amount', 'description']);
      const view = viewOf(p);
      return reply.page(`${V}/return.njk`, {
        title: req.t(`payments.return.title.${view.status}`),
        payment: view,
        amount: formatMoney(view.amountCents, view.currency, req.lang),
      });
    });

    app.post('/payments/:id/retry', applicant, async (req, reply) => {
      const started = await service.retry(idOf(req), req.principal);
      return reply.redirect(started.redirectUrl, 303);
    });

    app.get('/account/payments', applicant, async (req, reply) => {
      const p = req.principal as Extract<Principal, { kind: 'applicant' }>;
      const receipts = await service.receiptsFor(p.accountId);
      await audit.recordRead({
        actor: p,
        subject: { kind: 'account', id: p.accountId },
        purpose: 'own-payments',
        fields: ['receipts'],
        ip: req.ip,
      });
      return reply.page(`${V}/receipts.njk`, {
        title: req.t('payments.receipts.title'),
        receipts: receipts.map((r) => ({
          ...r,
          amount: formatMoney(r.amountCents, r.currency, req.lang),
        })),
      });
    });

    app.get('/account/payments/:id/receipt.pdf', applicant, async (req, reply) => {
      const p = req.principal as Extract<Principal, { kind: 'applicant' }>;
      // Someone else's payment, or one not paid, has no receipt: the same 404 either way.
      const receipt = await service.receipt(idOf(req), p);
      await read(req, { id: receipt.paymentId }, ['receipt']);
      const pdf = await receiptPdf(receipt, p.displayName, req.lang, req.t);
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="receipt-${receipt.paymentId.slice(0, 8)}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .send(pdf);
    });
  };
}
