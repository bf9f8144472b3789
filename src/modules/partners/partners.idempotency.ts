import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../../platform/clock';
import { partnersErrors } from './errors';
import { IDEMPOTENCY_KEY, requestHash } from './partners.keys';
import type { IdempotencyRow, PartnersRepository } from './partners.repository';

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request claimed; its response is stored when it is sent. */
    idempotencyClaim: { partnerId: string; key: string } | null;
  }
}

/** How long a key and its stored response are kept; a later repeat runs as a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** Response headers replayed with the stored body. */
const REPLAYED_HEADERS = [
  'content-type',
  'content-language',
  'location',
  'etag',
  'last-modified',
  'link',
];

export type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'reused' }
  | { kind: 'in-progress' }
  | { kind: 'completed'; row: IdempotencyRow };

/**
 * Claims a key by inserting it: the primary key (partner, key) lets exactly one request win,
 * on any number of app nodes. A loser reads the winner's row to decide what to answer.
 */
export async function claimIdempotencyKey(
  repo: PartnersRepository,
  c: { partnerId: string; key: string; method: string; path: string; hash: string; now: Date },
): Promise<ClaimOutcome> {
  const expiredBefore = new Date(c.now.getTime() - IDEMPOTENCY_TTL_MS);
  for (let attempt = 0; attempt < 5; attempt++) {
    const claimed = await repo.claimKey({
      partner_id: c.partnerId,
      key: c.key,
      method: c.method,
      path: c.path,
      request_hash: c.hash,
      state: 'in-progress',
      response_status: null,
      response_body: null,
      response_headers: null,
      created_at: c.now,
      completed_at: null,
    });
    if (claimed) return { kind: 'claimed' };
    const row = await repo.findKey(c.partnerId, c.key);
    if (!row) continue; // released (5xx) or swept between the insert and the read: try again
    if (row.created_at < expiredBefore) {
      // Expired but not swept yet: it no longer counts.
      await repo.deleteKey(c.partnerId, c.key, expiredBefore);
      continue;
    }
    if (row.request_hash !== c.hash) return { kind: 'reused' };
    if (row.state === 'in-progress') return { kind: 'in-progress' };
    return { kind: 'completed', row };
  }
  return { kind: 'in-progress' };
}

const isPartnerPost = (req: FastifyRequest) =>
  req.method === 'POST' && req.routeOptions.config?.access?.who === 'partner';

function replay(reply: FastifyReply, row: IdempotencyRow) {
  for (const [name, value] of Object.entries(row.response_headers ?? {})) reply.header(name, value);
  reply.header('idempotent-replayed', 'true');
  return reply.code(row.response_status ?? 200).send(row.response_body ?? '');
}

/**
 * Idempotency for every POST route with access `{ who: 'partner' }` (IETF draft
 * "The Idempotency-Key HTTP Header Field"): the key is required and claimed before the handler
 * runs; the response is stored when it is sent; a 5xx releases the key so a retry can run.
 * Register after the access plugin, so refused requests never claim a key.
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, opts: { repo: PartnersRepository; clock: Clock }) => {
    app.decorateRequest('idempotencyClaim', null);
    app.addHook('preHandler', async (req, reply) => {
      if (!isPartnerPost(req) || req.principal.kind !== 'partner') return;
      const key = req.headers['idempotency-key'];
      if (key === undefined || key === '') throw partnersErrors.idempotencyKeyRequired();
      if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))
        throw partnersErrors.idempotencyKeyInvalid();
      const partnerId = req.principal.partnerId;
      const outcome = await claimIdempotencyKey(opts.repo, {
        partnerId,
        key,
        method: req.method,
        path: req.url,
        hash: requestHash(req.method, req.url, req.body),
        now: opts.clock.now(),
      });
      switch (outcome.kind) {
        case 'claimed':
          req.idempotencyClaim = { partnerId, key };
          return;
        case 'reused':
          throw partnersErrors.idempotencyKeyReused();
        case 'in-progress':
          throw partnersErrors.idempotencyInProgress();
        case 'completed':
          return replay(reply, outcome.row);
      }
    });
    app.addHook('onSend', async (req, reply, payload) => {
      const claim = req.idempotencyClaim;
      if (!claim) return payload;
      req.idempotencyClaim = null;
      const storable =
        payload === null ||
        payload === undefined ||
        typeof payload === 'string' ||
        Buffer.isBuffer(payload);
      if (reply.statusCode >= 500 || !storable) {
        // Nothing happened that a retry must not repeat (or we cannot store what did): let it run.
        await opts.repo.deleteKey(claim.partnerId, claim.key);
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const v = reply.getHeader(name);
        if (v !== undefined) headers[name] = Array.isArray(v) ? v.join(', ') : String(v);
      }
      await opts.repo.completeKey(claim.partnerId, claim.key, {
        status: reply.statusCode,
        body: payload == null ? '' : String(payload),
        headers,
        now: opts.clock.now(),
      });
      return payload;
    });
  },
  { name: 'vartai-idempotency' },
);
