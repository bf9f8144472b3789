import { sql } from 'kysely';
import type { AnyTransaction } from '../../platform/db';
import type { Clock, Ids } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import type { Logger } from '../../platform/log';
import type { AuditModule } from '../audit';
import { paymentsErrors } from './errors';
import { combinedStatus, settle } from './payments.lifecycle';
import type { PaymentRow, PaymentsRepository } from './payments.repository';
import {
  StartPayment,
  type PaymentReference,
  type PaymentView,
  type Receipt,
  type StartedPayment,
} from './payments.schemas';
import type { PaymentProvider, ProviderEvent } from './provider.port';

export const CURRENCY = 'EUR';
/** Serialises starting payments for one reference, so two clicks never make two charges. */
const START_LOCK = 7301005;

/** Whoever asks to see a payment: a signed-in user, or a partner through the API. */
export type Viewer = Principal | { kind: 'partner'; partnerId: string };

export type EventOutcome = 'applied' | 'ignored' | 'duplicate' | 'unknown';

export interface PaymentsServiceDeps {
  repo: PaymentsRepository;
  provider: PaymentProvider;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  logger: Logger;
  publicUrl: string;
  reconcileAfterMinutes: number;
}

export const viewOf = (p: PaymentRow): PaymentView => ({
  id: p.id,
  status: p.status,
  reference: { kind: p.reference_kind, id: p.reference_id },
  description: p.description,
  amountCents: p.amount_cents,
  currency: p.currency,
  createdAt: p.created_at,
  paidAt: p.paid_at,
  providerRef: p.provider_ref,
  continueUrl: p.continue_url,
});

const receiptOf = (p: PaymentRow): Receipt => ({
  paymentId: p.id,
  reference: { kind: p.reference_kind, id: p.reference_id },
  description: p.description,
  amountCents: p.amount_cents,
  currency: p.currency,
  paidAt: p.paid_at!,
  provider: p.provider,
  providerRef: p.provider_ref!,
});

const owns = (viewer: Viewer, p: PaymentRow) =>
  viewer.kind === 'partner'
    ? p.partner_id === viewer.partnerId
    : viewer.kind === 'applicant' && p.account_id === viewer.accountId;

/** Told inside the transaction that records a payment as paid (so its effect commits with it). */
export type PaidListener = (
  payment: { paymentId: string; reference: { kind: string; id: string }; amountCents: number },
  trx: AnyTransaction,
) => Promise<void>;

export function createPaymentsService(d: PaymentsServiceDeps) {
  const { repo, provider, clock } = d;
  const paidListeners: PaidListener[] = [];

  /** Records what the provider said, once per event id, and moves the status forward if it may. */
  async function applyEvent(
    event: ProviderEvent,
    source: 'callback' | 'status-check',
    raw: Record<string, unknown>,
  ): Promise<EventOutcome> {
    return repo.db.transaction().execute(async (trx) => {
      const p = await repo.lockByProviderRef(event.providerRef, trx);
      if (!p) return 'unknown';
      const amountMatches = event.amountCents === p.amount_cents;
      if (!amountMatches)
        d.logger.error(
          { paymentId: p.id, eventId: event.eventId },
          'provider reported another amount',
        );
      const next = amountMatches ? settle(p.status, event.status) : null;
      const now = clock.now();
      const recorded = await repo.insertEvent(
        {
          id: d.ids.uuid(),
          event_id: event.eventId,
          payment_id: p.id,
          source,
          status: event.status,
          amount_cents: event.amountCents,
          applied: next !== null,
          occurred_at: event.occurredAt,
          received_at: now,
          raw,
        },
        trx,
      );
      if (!recorded) return 'duplicate';
      if (!next) return 'ignored';
      await repo.setStatus(p.id, next, now, next === 'paid' ? event.occurredAt : null, trx);
      if (next === 'paid') {
        for (const listener of paidListeners) {
          await listener(
            {
              paymentId: p.id,
              reference: { kind: p.reference_kind, id: p.reference_id },
              amountCents: p.amount_cents,
            },
            trx,
          );
        }
      }
      await d.audit.record(
        {
          actor: { kind: 'system' },
          action: 'payments.status-changed',
          subject: { kind: 'payment', id: p.id },
          details: { from: p.status, to: next, source, eventId: event.eventId },
        },
        trx,
      );
      return 'applied';
    });
  }

  /** Asks the provider about a pending payment and settles it (reconciliation, return page). */
  async function refresh(p: PaymentRow): Promise<EventOutcome | 'no-checkout'> {
    if (!p.provider_ref) return 'no-checkout';
    const report = await provider.fetchStatus(p.provider_ref);
    if (!report) return 'unknown';
    return applyEvent(
      {
        eventId: `status:${p.provider_ref}:${report.status}`,
        providerRef: p.provider_ref,
        ...report,
      },
      'status-check',
      { ...report, occurredAt: report.occurredAt.toISOString() },
    );
  }

  async function ensureCheckout(p: PaymentRow): Promise<string> {
    if (p.redirect_url) return p.redirect_url;
    const checkout = await provider.createCheckout({
      paymentId: p.id,
      amountCents: p.amount_cents,
      currency: p.currency,
      description: p.description,
      returnUrl: `${d.publicUrl}/payments/${p.id}/return`,
    });
    await repo.setCheckout(p.id, checkout.providerRef, checkout.redirectUrl, clock.now());
    return checkout.redirectUrl;
  }

  async function startPayment(input: StartPayment): Promise<StartedPayment> {
    const parsed = StartPayment.safeParse(input);
    if (!parsed.success)
      throw paymentsErrors.invalid(
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    const req = parsed.data;
    const { kind, id: refId } = req.reference;
    const payerOf = (p: PaymentRow) =>
      'accountId' in req.payer
        ? p.account_id === req.payer.accountId
        : p.partner_id === req.payer.partnerId;
    // A checkout the payer abandoned may have expired at the provider: find out before reusing it.
    for (const p of await repo.forReference(kind, refId))
      if (p.status === 'pending' && payerOf(p)) await refresh(p);

    const chosen = await repo.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${START_LOCK}, hashtext(${`${kind}:${refId}`}))`.execute(
        trx,
      );
      const existing = await repo.forReference(kind, refId, trx);
      const paid = existing.find((p) => p.status === 'paid' && p.amount_cents === req.amountCents);
      if (paid) return paid;
      const open = existing.find(
        (p) => p.status === 'pending' && p.amount_cents === req.amountCents && payerOf(p),
      );
      if (open) return open;
      const now = clock.now();
      const row: PaymentRow = {
        id: d.ids.uuid(),
        account_id: 'accountId' in req.payer ? req.payer.accountId : null,
        partner_id: 'partnerId' in req.payer ? req.payer.partnerId : null,
        reference_kind: kind,
        reference_id: refId,
        amount_cents: req.amountCents,
        currency: CURRENCY,
        description: req.description,
        status: 'pending',
        provider: provider.name,
        provider_ref: null,
        redirect_url: null,
        continue_url: req.returnUrl,
        created_at: now,
        paid_at: null,
        updated_at: now,
      };
      await repo.insert(row, trx);
      return row;
    });
    if (chosen.status === 'paid')
      return {
        paymentId: chosen.id,
        status: 'paid',
        redirectUrl: req.returnUrl,
      };
    // Outside the transaction: the provider is another system (and PGlite has one session).
    return { paymentId: chosen.id, status: 'pending', redirectUrl: await ensureCheckout(chosen) };
  }

  async function get(paymentId: string, viewer: Viewer): Promise<PaymentRow> {
    const p = /^[0-9a-f-]{36}$/i.test(paymentId) ? await repo.find(paymentId) : undefined;
    if (!p || !owns(viewer, p)) throw paymentsErrors.notFound();
    return p;
  }

  return {
    /** Lets the module that owns a reference react when it is paid (e.g. the application's timeline). */
    onPaid(listener: PaidListener) {
      paidListeners.push(listener);
    },
    startPayment,
    applyEvent,
    get,
    /** The payment for its owner, settled with the provider first if still pending. */
    async settleAndGet(paymentId: string, viewer: Viewer): Promise<PaymentRow> {
      const p = await get(paymentId, viewer);
      if (p.status !== 'pending') return p;
      try {
        await refresh(p);
      } catch (err) {
        // The provider being unreachable is no reason to fail the page: it shows "processing".
        d.logger.warn({ err, paymentId: p.id }, 'payment status check failed');
        return p;
      }
      return (await repo.find(p.id))!;
    },
    /** Starts again after a failure or cancellation, with what the first attempt asked for. */
    async retry(paymentId: string, viewer: Viewer): Promise<StartedPayment> {
      const p = await get(paymentId, viewer);
      return startPayment({
        payer: p.account_id ? { accountId: p.account_id } : { partnerId: p.partner_id! },
        reference: { kind: p.reference_kind, id: p.reference_id },
        amountCents: p.amount_cents,
        description: p.description,
        returnUrl: p.continue_url ?? '/account/payments',
      });
    },
    async statusFor(ref: PaymentReference) {
      return combinedStatus(await repo.forReference(ref.kind, ref.id));
    },
    /** Whether a payment for the reference was received (of exactly `amountCents` when given). */
    async isPaid(ref: PaymentReference, amountCents?: number): Promise<boolean> {
      return (await repo.forReference(ref.kind, ref.id)).some(
        (p) => p.status === 'paid' && (amountCents === undefined || p.amount_cents === amountCents),
      );
    },
    async receiptsFor(accountId: string): Promise<Receipt[]> {
      return (await repo.paidFor(accountId)).map(receiptOf);
    },
    /** One paid payment's receipt for its owner; not paid or not theirs is PAYMENT_NOT_FOUND. */
    async receipt(paymentId: string, viewer: Viewer): Promise<Receipt> {
      const p = await get(paymentId, viewer);
      if (p.status !== 'paid') throw paymentsErrors.notFound();
      return receiptOf(p);
    },
    /**
     * Settles payments pending longer than the configured minutes by asking the provider. Heals a
     * lost notification, or a crash between the provider's charge and our record. Idempotent.
     */
    async reconcile(): Promise<{ checked: number; settled: number }> {
      const before = new Date(clock.now().getTime() - d.reconcileAfterMinutes * 60_000);
      const stale = await repo.stalePending(before, 500);
      let settled = 0;
      for (const p of stale) {
        try {
          // A checkout never recorded (crash right after creating the payment) is created now,
          // idempotently, so the provider expires it if nobody pays.
          if (!p.provider_ref) await ensureCheckout(p);
          else if ((await refresh(p)) === 'applied') settled++;
        } catch (err) {
          // One provider failure must not stop the others; the next run tries again.
          d.logger.warn({ err, paymentId: p.id }, 'payment reconciliation failed');
        }
      }
      if (stale.length > 0)
        d.logger.info({ checked: stale.length, settled }, 'payments reconciled');
      return { checked: stale.length, settled };
    },
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
