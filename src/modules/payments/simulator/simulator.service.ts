import { z } from 'zod';
import type { Clock, Ids } from '../../../platform/clock';
import type { Db } from '../../../platform/db';
import type { JobQueue } from '../../../platform/jobs';
import type { Logger } from '../../../platform/log';
import { PROVIDER_STATUSES, type ProviderStatus } from '../payments.lifecycle';
import type { PaymentProvider, ProviderStatusReport } from '../provider.port';
import {
  createSimulatorRepository,
  type CheckoutRow,
  type Delivery,
  type NotificationRow,
} from './simulator.repository';
import { checkSignature, SIGNATURE_HEADER, signatureHeader } from './signature';

export const NOTIFY_JOB = 'payments.simulator-notify';
export interface NotifyJob {
  eventId: string;
}

/** An undecided checkout expires after this long, as hosted payment pages do. */
export const CHECKOUT_TTL_MS = 60 * 60_000;

/** How the simulator's notification reaches Vartai: headers and raw body in, HTTP status out. */
export type CallbackTransport = (headers: Record<string, string>, body: string) => Promise<number>;

const NotificationBody = z.strictObject({
  eventId: z.string().min(1).max(100),
  providerRef: z.string().min(1).max(100),
  status: z.enum(PROVIDER_STATUSES),
  amountCents: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
});

export type Outcome = 'pay' | 'decline' | 'cancel';
const STATUS_OF: Record<Outcome, ProviderStatus> = {
  pay: 'paid',
  decline: 'failed',
  cancel: 'cancelled',
};

export interface SimulatorDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  logger: Logger;
  secret: string;
  publicUrl: string;
  delivery: Delivery;
}

/**
 * A simulated bank-link / card gateway: hosted payment page, idempotent checkout creation,
 * signed server-to-server notifications sent asynchronously through the job queue (retried until
 * acknowledged), a status query, and checkouts that expire. It can be told to deliver each
 * notification twice with the later event first, to prove Vartai copes.
 */
export function createSimulator(d: SimulatorDeps) {
  const repo = createSimulatorRepository(d.db);
  let transport: CallbackTransport | undefined;

  const notification = (ref: string, status: ProviderStatus, at: Date): NotificationRow => ({
    event_id: `evt_${d.ids.token(12)}`,
    provider_ref: ref,
    status,
    occurred_at: at,
    attempts: 0,
    delivered_at: null,
  });

  /** Records the decision and its notifications; queues them unless `notify` is false (a crash). */
  async function decide(
    ref: string,
    status: ProviderStatus,
    opts: { notify?: boolean } = {},
  ): Promise<CheckoutRow | undefined> {
    const now = d.clock.now();
    return repo.db.transaction().execute(async (trx) => {
      const decided = await repo.decide(ref, status, now, trx);
      if (!decided) return repo.find(ref, trx);
      // A card payment is first authorised (pending), then captured (paid).
      const events =
        status === 'paid'
          ? [
              notification(ref, 'pending', new Date(now.getTime() - 1000)),
              notification(ref, 'paid', now),
            ]
          : [notification(ref, status, now)];
      for (const e of events) await repo.insertNotification(e, trx);
      if (opts.notify === false) return decided;
      const order = decided.delivery === 'twice-out-of-order' ? [...events].reverse() : events;
      const times = decided.delivery === 'twice-out-of-order' ? 2 : 1;
      for (const e of order)
        for (let i = 0; i < times; i++)
          await d.jobs.enqueue(trx, NOTIFY_JOB, { eventId: e.event_id } satisfies NotifyJob);
      return decided;
    });
  }

  /** An undecided checkout past its lifetime is cancelled (and Vartai told), like a real gateway. */
  async function current(ref: string): Promise<CheckoutRow | undefined> {
    const row = await repo.find(ref);
    if (
      row?.status === 'pending' &&
      d.clock.now().getTime() - row.created_at.getTime() > CHECKOUT_TTL_MS
    )
      return decide(ref, 'cancelled');
    return row;
  }

  const provider: PaymentProvider = {
    name: 'simulator',
    async createCheckout(req) {
      await repo.insert({
        provider_ref: `sim_${d.ids.token(12)}`,
        merchant_payment_id: req.paymentId,
        amount_cents: req.amountCents,
        currency: req.currency,
        description: req.description,
        return_url: req.returnUrl,
        status: 'pending',
        delivery: d.delivery,
        created_at: d.clock.now(),
        decided_at: null,
      });
      const row = (await repo.findByPayment(req.paymentId))!;
      return {
        providerRef: row.provider_ref,
        redirectUrl: `${d.publicUrl}/payments/simulator/${row.provider_ref}`,
      };
    },
    parseCallback(headers, rawBody) {
      const header = headers[SIGNATURE_HEADER];
      const check = checkSignature(
        d.secret,
        Array.isArray(header) ? header[0] : header,
        rawBody,
        d.clock.now(),
      );
      if (check !== 'ok') return { ok: false, reason: check };
      let json: unknown;
      try {
        json = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return { ok: false, reason: 'body-invalid' };
      }
      const body = NotificationBody.safeParse(json);
      if (!body.success) return { ok: false, reason: 'body-invalid' };
      return {
        ok: true,
        event: { ...body.data, occurredAt: new Date(body.data.occurredAt) },
        raw: body.data,
      };
    },
    async fetchStatus(ref): Promise<ProviderStatusReport | undefined> {
      const row = await current(ref);
      if (!row) return undefined;
      return {
        status: row.status,
        amountCents: row.amount_cents,
        occurredAt: row.decided_at ?? row.created_at,
      };
    },
  };

  /** Sends one notification, signed now; a refusal throws so the job queue retries it. */
  async function deliver(eventId: string): Promise<number> {
    const n = await repo.findNotification(eventId);
    if (!n) return 0;
    const checkout = (await repo.find(n.provider_ref))!;
    if (!transport) throw new Error('The payment simulator has no callback transport yet');
    const body = JSON.stringify({
      eventId: n.event_id,
      providerRef: n.provider_ref,
      status: n.status,
      amountCents: checkout.amount_cents,
      occurredAt: n.occurred_at.toISOString(),
    });
    const status = await transport(
      {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signatureHeader(d.secret, body, d.clock.now()),
      },
      body,
    );
    const ok = status >= 200 && status < 300;
    await repo.markAttempt(eventId, ok ? d.clock.now() : null);
    if (!ok) {
      d.logger.warn({ eventId, status }, 'payment notification refused; will retry');
      throw new Error(`Notification ${eventId} answered ${status}`);
    }
    return status;
  }

  d.jobs.register<NotifyJob>(NOTIFY_JOB, async (job) => {
    await deliver(job.eventId);
  });

  return {
    provider,
    /** The payer's decision on the hosted page (tests may pass `notify: false` to lose the notifications). */
    decide: (ref: string, outcome: Outcome, opts: { notify?: boolean } = {}) =>
      decide(ref, STATUS_OF[outcome], opts),
    /** Test hook: how this checkout's notifications are delivered from now on. */
    setDelivery: (ref: string, delivery: Delivery) => repo.setDelivery(ref, delivery),
    deliver,
    notificationsFor: (ref: string) => repo.notificationsFor(ref),
    checkout: current,
    useTransport(t: CallbackTransport) {
      transport = t;
    },
  };
}

export type Simulator = ReturnType<typeof createSimulator>;
