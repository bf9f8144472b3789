import type { Clock } from '../../../platform/clock';
import type { JobQueue } from '../../../platform/jobs';
import { signWebhook } from '../partners.keys';
import type { PartnersRepository } from '../partners.repository';
import type { WebhookBody } from '../partners.schemas';
import { WEBHOOK_JOB, type WebhookJob } from '../partners.service';
import { postJson, type PostResult } from '../webhook-address';

/** Attempts before a delivery is given up (about 8.5 hours with the back-off below). */
export const WEBHOOK_MAX_ATTEMPTS = 10;
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Longer than one attempt can take, so a running attempt is never taken twice. */
const LEASE_MS = 60_000;

/** Wait after the n-th failed attempt: 30 s, 1 min, 2 min … doubling, at most 6 hours. */
export const backoffMs = (attempts: number) =>
  Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

export type DeliveryOutcome = 'delivered' | 'retry' | 'gave-up' | 'not-due';

export interface WebhookDeliverer {
  /** One attempt at a delivery, if it is due and undelivered; schedules the next on failure. */
  deliver(deliveryId: string): Promise<DeliveryOutcome>;
}

/**
 * Posts one event to the partner's webhook, signed. pg-boss runs this; the retry schedule is our
 * own (`next_attempt_at`, a new job per attempt), so attempts and errors are recorded per event,
 * and the lease makes a duplicate job harmless.
 */
export function createWebhookDeliverer(deps: {
  repo: PartnersRepository;
  clock: Clock;
  jobs: JobQueue;
  post?: (url: string, body: string, headers: Record<string, string>) => Promise<PostResult>;
}): WebhookDeliverer {
  const post =
    deps.post ?? ((url, body, headers) => postJson(url, body, headers, WEBHOOK_TIMEOUT_MS));
  return {
    async deliver(deliveryId) {
      const now = deps.clock.now();
      const d = await deps.repo.leaseDelivery(deliveryId, now, new Date(now.getTime() + LEASE_MS));
      if (!d) return 'not-due';
      const partner = await deps.repo.findPartner(d.partner_id);
      let result: PostResult;
      if (!partner || partner.revoked_at || !partner.webhook_url || !partner.webhook_secret) {
        result = { status: null, error: 'partner revoked or has no webhook' };
      } else {
        const body = JSON.stringify({
          id: d.event_id,
          type: d.event_type,
          createdAt: d.created_at.toISOString(),
          data: d.payload,
        } satisfies WebhookBody);
        const t = Math.floor(deps.clock.now().getTime() / 1000);
        result = await post(partner.webhook_url, body, {
          'user-agent': 'Vartai-Webhooks/1',
          'vartai-event-id': d.event_id,
          'vartai-signature': signWebhook(partner.webhook_secret, body, t),
        });
      }
      const ok = result.status !== null && result.status >= 200 && result.status < 300;
      const done = deps.clock.now();
      if (ok) {
        await deps.repo.recordAttempt(d.id, {
          last_status: result.status,
          last_error: null,
          next_attempt_at: null,
          delivered_at: done,
        });
        return 'delivered';
      }
      const attempts = d.attempts + 1;
      const error = result.error ?? `HTTP ${result.status}`;
      // A refused address (link-local, metadata) will not get better by waiting.
      const stop =
        attempts >= WEBHOOK_MAX_ATTEMPTS ||
        !partner?.webhook_url ||
        !!partner.revoked_at ||
        error.startsWith('refused');
      const next = stop ? null : new Date(done.getTime() + backoffMs(attempts));
      await deps.repo.db.transaction().execute(async (trx) => {
        await deps.repo.recordAttempt(
          d.id,
          {
            last_status: result.status,
            last_error: stop ? `gave up: ${error}` : error,
            next_attempt_at: next,
            delivered_at: null,
          },
          trx,
        );
        if (next)
          await deps.jobs.enqueue(trx, WEBHOOK_JOB, { deliveryId: d.id } satisfies WebhookJob, {
            startAfter: next,
          });
      });
      return stop ? 'gave-up' : 'retry';
    },
  };
}

/** The job handler: an attempt that fails is rescheduled by `deliver`, not by pg-boss. */
export function webhookJob(deliverer: WebhookDeliverer) {
  return async (data: WebhookJob) => {
    await deliverer.deliver(data.deliveryId);
  };
}
