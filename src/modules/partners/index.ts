import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock, Ids } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { AnyTransaction, Database } from '../../platform/db';
import { AppError } from '../../platform/errors';
import type { Principal } from '../../platform/http';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import { createWebhookDeliverer, webhookJob } from './jobs/webhook.job';
import { partnerCreate, partnerList, partnerRevoke } from './partners.cli';
import { partnerAuthPlugin, rateLimitKey } from './partners.auth';
import { IDEMPOTENCY_TTL_MS, idempotencyPlugin } from './partners.idempotency';
import { createPartnersRepository } from './partners.repository';
import type { PartnerEvent } from './partners.schemas';
import {
  createPartnersService,
  WEBHOOK_JOB,
  type PartnerPrincipal,
  type WebhookJob,
} from './partners.service';

export { IdempotencyKeyHeader, type PartnerEvent, type WebhookBody } from './partners.schemas';
export { verifyWebhookSignature, signWebhook, API_KEY_PREFIX } from './partners.keys';
export { PARTNER_CREATE_USAGE, PARTNER_REVOKE_USAGE } from './partners.cli';
export type { PartnerPrincipal, PartnerSummary, PartnersService } from './partners.service';
export { WEBHOOK_JOB } from './partners.service';

/** OpenAPI `components.securitySchemes` for partner routes (merge into the swagger options). */
export const PARTNER_SECURITY_SCHEMES = {
  partnerBearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'vrt_<43 base64url characters>',
    description: 'The API key printed once by `npm run cli -- partner:create`.',
  },
  partnerApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
} as const;
/** A partner route's `schema.security`: either way of sending the key. */
export const PARTNER_SECURITY: Record<string, string[]>[] = [
  { partnerBearer: [] },
  { partnerApiKey: [] },
];

/** The access declaration of every partner route: `config: { access: PARTNER_ACCESS }`. */
export const PARTNER_ACCESS = { who: 'partner' } as const;
export const PARTNERS_SWEEP_JOB = 'partners.sweep';

/** The calling partner; throws FORBIDDEN for anyone else (routes declare PARTNER_ACCESS anyway). */
export function requirePartner(req: FastifyRequest): PartnerPrincipal {
  const p = req.principal;
  if (p?.kind !== 'partner')
    throw new AppError('FORBIDDEN', 'forbidden', 'Only partner systems may call this');
  return p;
}

/** Whether a partner may file for this service (and, when given, this country). */
export function partnerMayUse(p: Principal, serviceId: string, country?: string): boolean {
  if (p.kind !== 'partner') return false;
  return p.services.includes(serviceId) && (country === undefined || p.countries.includes(country));
}

export interface PartnersDeps {
  config: Config;
  database: Database;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  audit: AuditModule;
}

export function createPartnersModule(deps: PartnersDeps) {
  const repo = createPartnersRepository(deps.database.db);
  const service = createPartnersService({
    repo,
    clock: deps.clock,
    ids: deps.ids,
    jobs: deps.jobs,
    audit: deps.audit,
  });
  const deliverer = createWebhookDeliverer({ repo, clock: deps.clock, jobs: deps.jobs });
  deps.jobs.register<WebhookJob>(WEBHOOK_JOB, webhookJob(deliverer));
  /** Drops expired idempotency keys; re-queues deliveries whose job was lost (e.g. a crash). */
  const sweep = async () => {
    const now = deps.clock.now();
    const keys = await repo.sweepKeys(new Date(now.getTime() - IDEMPOTENCY_TTL_MS));
    const overdue = await repo.overdueDeliveries(new Date(now.getTime() - 600_000), 500);
    for (const d of overdue)
      await deps.jobs.enqueue(null, WEBHOOK_JOB, { deliveryId: d.id } satisfies WebhookJob);
    return { keys, requeued: overdue.length };
  };
  deps.jobs.register(PARTNERS_SWEEP_JOB, async () => {
    await sweep();
  });
  deps.jobs.schedule(PARTNERS_SWEEP_JOB, '7 * * * *');

  return {
    service,
    /**
     * Partner authentication and idempotency. Register after the session principal hook and
     * after the access plugin (build-app does).
     */
    plugin: fp(
      async (app: FastifyInstance) => {
        await app.register(partnerAuthPlugin, { service });
        await app.register(idempotencyPlugin, { repo, clock: deps.clock });
      },
      { name: 'vartai-partners' },
    ),
    /** For @fastify/rate-limit's `keyGenerator`: one bucket per partner, else per address. */
    rateLimitKey,
    /** For @fastify/rate-limit's `max`: partners get PARTNER_RATE_LIMIT_PER_MINUTE. */
    rateLimitMax: (_req: FastifyRequest, key: string) =>
      key.startsWith('partner:')
        ? deps.config.PARTNER_RATE_LIMIT_PER_MINUTE
        : deps.config.RATE_LIMIT_PER_MINUTE,
    /**
     * Pushes an event to the partner's webhook (signed, retried with back-off). Pass the
     * transaction of the change it reports (outbox). Returns the event id, or null when the
     * partner has no webhook or is revoked.
     */
    notifyPartner: (partnerId: string, event: PartnerEvent, trx?: AnyTransaction) =>
      service.notify(partnerId, event, trx),
    /** The hourly sweep (job `partners.sweep`), callable directly in tests. */
    sweep,
    /** One delivery attempt now (tests, operators); the job calls the same. */
    deliverWebhook: (deliveryId: string) => deliverer.deliver(deliveryId),
    /** Delivery state of an event (tests, support). */
    findDelivery: (eventId: string) => repo.findDeliveryByEvent(eventId),
    /** CLI commands; cli.commands.ts wraps them with an opened, migrated database. */
    cli: {
      create: (args: string[], out: (l: string) => void) => partnerCreate(service, args, out),
      revoke: (args: string[], out: (l: string) => void) => partnerRevoke(service, args, out),
      list: (args: string[], out: (l: string) => void) => partnerList(service, args, out),
    },
  };
}

export type PartnersModule = ReturnType<typeof createPartnersModule>;
