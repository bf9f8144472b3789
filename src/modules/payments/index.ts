import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import { ConfigError, type Config } from '../../platform/config';
import type { Database } from '../../platform/db';
import type { JobQueue } from '../../platform/jobs';
import type { Logger } from '../../platform/log';
import type { AuditModule } from '../audit';
import { reconcileJob, RECONCILE_CRON, RECONCILE_JOB } from './jobs/reconcile.job';
import { CALLBACK_PATH, paymentsApi } from './payments.api';
import { paymentPages } from './payments.pages';
import { createPaymentsRepository } from './payments.repository';
import { createPaymentsService } from './payments.service';
import { createSimulator } from './simulator/simulator.service';
import { simulatorPages } from './simulator/simulator.pages';

export type {
  Payer,
  PaymentReference,
  PaymentView,
  Receipt,
  StartPayment,
  StartedPayment,
} from './payments.schemas';
export type { Viewer, EventOutcome } from './payments.service';
export type { PaymentStatus } from './payments.lifecycle';
export type { PaymentProvider, ProviderEvent } from './provider.port';
export { CALLBACK_PATH } from './payments.api';
export { SIGNATURE_HEADER, signatureHeader } from './simulator/signature';

export interface PaymentsDeps {
  config: Config;
  database: Database;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  audit: AuditModule;
  logger: Logger;
}

/**
 * The notification secret. Production must set it; elsewhere it is derived from the public
 * address, so every process of one development set-up agrees without configuration.
 */
export function callbackSecret(config: Config): string {
  if (config.PAYMENT_CALLBACK_SECRET) return config.PAYMENT_CALLBACK_SECRET;
  if (config.NODE_ENV === 'production')
    throw new ConfigError(['PAYMENT_CALLBACK_SECRET: required when NODE_ENV=production']);
  return createHash('sha256')
    .update(`vartai-development-payment-callback:${config.publicUrl}`)
    .digest('hex');
}

export function createPaymentsModule(deps: PaymentsDeps) {
  const { config } = deps;
  if (config.NODE_ENV === 'production' && config.PAYMENT_PROVIDER !== 'simulator') {
    throw new ConfigError([
      'PAYMENT_PROVIDER: set it explicitly in production (only "simulator" exists yet, which takes no real money)',
    ]);
  }
  const secret = callbackSecret(config);
  const simulator = createSimulator({
    db: deps.database.db,
    clock: deps.clock,
    ids: deps.ids,
    jobs: deps.jobs,
    logger: deps.logger,
    secret,
    publicUrl: config.publicUrl,
    delivery: config.PAYMENT_SIMULATOR_DELIVERY,
  });
  const repo = createPaymentsRepository(deps.database.db);
  const service = createPaymentsService({
    repo,
    provider: simulator.provider,
    clock: deps.clock,
    ids: deps.ids,
    audit: deps.audit,
    logger: deps.logger,
    publicUrl: config.publicUrl,
    reconcileAfterMinutes: config.PAYMENT_RECONCILE_AFTER_MINUTES,
  });
  deps.jobs.register(RECONCILE_JOB, reconcileJob(service));
  deps.jobs.schedule(RECONCILE_JOB, RECONCILE_CRON);

  return {
    /** React, inside the same transaction, when a payment for a reference is recorded as paid. */
    onPaid: service.onPaid,
    /** Starts (or reuses) the payment of a fee; send the payer's browser to `redirectUrl`. */
    startPayment: service.startPayment,
    /** 'none' | 'pending' | 'paid' | 'failed' | 'cancelled' for everything paid towards a reference. */
    statusFor: service.statusFor,
    isPaid: service.isPaid,
    receiptsFor: service.receiptsFor,
    /** The payment if the viewer owns it; otherwise PAYMENT_NOT_FOUND (404). */
    get: service.get,
    reconcile: service.reconcile,
    service,
    repo,
    /** The simulated provider: its hosted page, and hooks for tests (decide, setDelivery, deliver). */
    simulator,
    routes: async (app: FastifyInstance) => {
      // Notifications reach Vartai through the full HTTP pipeline, in process: the simulator
      // stands in for a provider on the network, so it needs no listening socket (tests, workers).
      simulator.useTransport(async (headers, body) => {
        const res = await app.inject({
          method: 'POST',
          url: CALLBACK_PATH,
          headers,
          payload: body,
        });
        return res.statusCode;
      });
      await app.register(paymentsApi(service, simulator.provider));
      await app.register(paymentPages(service, deps.audit));
      await app.register(simulatorPages(simulator));
    },
  };
}

export type PaymentsModule = ReturnType<typeof createPaymentsModule>;
