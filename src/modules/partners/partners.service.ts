import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import { partnersErrors } from './errors';
import { newApiKey, newWebhookSecret, parseApiKey, sameDigest } from './partners.keys';
import type {
  PartnerRow,
  PartnersDb,
  PartnersRepository,
  PartnersTables,
} from './partners.repository';
import { NewPartner, PartnerEvent } from './partners.schemas';

export type PartnerPrincipal = Extract<Principal, { kind: 'partner' }>;
export const WEBHOOK_JOB = 'partners.webhook';
export interface WebhookJob {
  deliveryId: string;
}

/** A partner as shown to staff: never the key hash or the webhook secret. */
export interface PartnerSummary {
  id: string;
  name: string;
  keyPrefix: string;
  services: string[];
  countries: string[];
  webhookUrl: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

const summary = (r: PartnerRow): PartnerSummary => ({
  id: r.id,
  name: r.name,
  keyPrefix: r.key_prefix,
  services: r.services,
  countries: r.countries,
  webhookUrl: r.webhook_url,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/**
 * How long a node trusts a key lookup. Every API request authenticates, and reading the partner
 * row each time was four statements of every submission; a key revoked from another process
 * (the CLI, another node) therefore stops working here within this time. Revoking through this
 * service takes effect here at once.
 */
export const KEY_CACHE_MS = 5_000;

export function createPartnersService(deps: {
  repo: PartnersRepository;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  audit: AuditModule;
  /** Monotonic time for the key cache (operational, not business time). */
  monotonicMs?: () => number;
}) {
  const { repo, clock, ids } = deps;
  const SYSTEM = { kind: 'system' as const, id: 'cli' };
  const monotonicMs = deps.monotonicMs ?? (() => performance.now());
  const keyCache = new Map<string, { row: PartnerRow | undefined; until: number }>();
  async function findByPrefixCached(prefix: string): Promise<PartnerRow | undefined> {
    const now = monotonicMs();
    const hit = keyCache.get(prefix);
    if (hit && hit.until > now) return hit.row;
    const row = await repo.findByPrefix(prefix);
    // Unknown prefixes are not cached: a flood of made-up keys must not grow the map.
    if (row) {
      if (keyCache.size > 10_000) keyCache.clear();
      keyCache.set(prefix, { row, until: now + KEY_CACHE_MS });
    }
    return row;
  }

  return {
    /**
     * Registers a partner. The API key and the webhook secret are returned once, here, and never
     * again: only the key's hash is kept.
     */
    async create(input: NewPartner) {
      const parsed = NewPartner.safeParse(input);
      if (!parsed.success)
        throw partnersErrors.partnerInvalid(
          parsed.error.issues.map((i) => `${i.path.join('.') || 'partner'}: ${i.message}`),
        );
      const p = parsed.data;
      const webhookSecret = p.webhookUrl ? newWebhookSecret() : null;
      for (let attempt = 0; ; attempt++) {
        const key = newApiKey();
        // A 48-bit prefix collides almost never; when it does, make another key.
        if (attempt < 3 && (await repo.findByPrefix(key.prefix))) continue;
        const row: PartnerRow = {
          id: ids.uuid(),
          name: p.name,
          key_prefix: key.prefix,
          key_hash: key.hash,
          services: [...new Set(p.services)],
          countries: [...new Set(p.countries)],
          webhook_url: p.webhookUrl ?? null,
          webhook_secret: webhookSecret,
          created_at: clock.now(),
          revoked_at: null,
        };
        await repo.db.transaction().execute(async (trx) => {
          await trx.insertInto('partners').values(row).execute();
          await deps.audit.record(
            {
              actor: SYSTEM,
              action: 'partners.created',
              subject: { kind: 'partner', id: row.id },
              details: { name: row.name, services: row.services, countries: row.countries },
            },
            trx,
          );
        });
        return { partner: summary(row), apiKey: key.key, webhookSecret };
      }
    },

    async revoke(id: string): Promise<void> {
      const done = await repo.db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('partners')
          .set({ revoked_at: clock.now() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .returning(['id'])
          .executeTakeFirst();
        if (r)
          await deps.audit.record(
            { actor: SYSTEM, action: 'partners.revoked', subject: { kind: 'partner', id } },
            trx,
          );
        return r !== undefined;
      });
      keyCache.clear();
      if (!done && !(await repo.findPartner(id))) throw partnersErrors.partnerNotFound();
    },

    list: async (): Promise<PartnerSummary[]> => (await repo.listPartners()).map(summary),
    find: async (id: string) => {
      const r = await repo.findPartner(id);
      return r ? summary(r) : undefined;
    },

    /** The partner a key belongs to, or null for a malformed, unknown or revoked key. */
    async authenticate(key: string): Promise<PartnerPrincipal | null> {
      const parts = parseApiKey(key);
      if (!parts) return null;
      const row = await findByPrefixCached(parts.prefix);
      // Compare even when nothing was found, so timing does not tell which prefixes exist.
      const ok = sameDigest(parts.hash, row?.key_hash ?? '0'.repeat(64));
      if (!row || !ok || row.revoked_at) return null;
      return {
        kind: 'partner',
        partnerId: row.id,
        name: row.name,
        services: row.services,
        countries: row.countries,
      };
    },

    /**
     * Queues an event for the partner's webhook (outbox): pass the caller's transaction so the
     * event exists exactly when the change it reports commits. Partners without a webhook, or
     * revoked ones, get nothing. Returns the event id, or null when nothing was queued.
     */
    async notify(
      partnerId: string,
      event: PartnerEvent,
      trx?: AnyTransaction,
    ): Promise<string | null> {
      const e = PartnerEvent.parse(event);
      // Read through the caller's transaction: on PGlite another connection would wait for it.
      const partner = await ((trx ?? repo.db) as PartnersDb)
        .selectFrom('partners')
        .select(['revoked_at', 'webhook_url'])
        .where('id', '=', partnerId)
        .executeTakeFirst();
      if (!partner || partner.revoked_at || !partner.webhook_url) return null;
      const now = clock.now();
      const row = {
        id: ids.uuid(),
        partner_id: partnerId,
        event_id: ids.uuid(),
        event_type: e.type,
        payload: e.data,
        attempts: 0,
        last_status: null,
        last_error: null,
        next_attempt_at: now,
        delivered_at: null,
        created_at: now,
      };
      const write = async (t: AnyTransaction) => {
        await repo.insertDelivery(row, t.withTables<PartnersTables>());
        await deps.jobs.enqueue(t, WEBHOOK_JOB, { deliveryId: row.id } satisfies WebhookJob);
      };
      if (trx) await write(trx);
      else await repo.db.transaction().execute(write);
      return row.event_id;
    },
  };
}

export type PartnersService = ReturnType<typeof createPartnersService>;
