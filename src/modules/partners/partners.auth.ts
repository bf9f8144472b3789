import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ANONYMOUS } from '../../platform/http';
import { partnersErrors } from './errors';
import { apiKeyFrom } from './partners.keys';
import type { PartnersService } from './partners.service';

declare module 'fastify' {
  interface FastifyRequest {
    /** A key was presented on the API and refused; answered 401 once the request is counted. */
    partnerKeyRefused: boolean;
  }
}

const isApi = (url: string) => url.startsWith('/api/');

/**
 * Authenticates partner systems on the public API. Register it after the session principal
 * hook: on `/api/` it replaces whatever the session said, because the API never acts on a
 * cookie (no CSRF exposure), then resolves `Authorization: Bearer vrt_…` or `X-Api-Key` to the
 * partner. A refused key is answered in `preValidation`, after the rate limiter has counted the
 * request against the client address.
 */
export const partnerAuthPlugin = fp(
  async (app: FastifyInstance, opts: { service: PartnersService }) => {
    app.decorateRequest('partnerKeyRefused', false);
    app.addHook('onRequest', async (req) => {
      if (!isApi(req.url)) return;
      req.principal = ANONYMOUS;
      const key = apiKeyFrom(req.headers);
      if (key === undefined) return;
      const partner = await opts.service.authenticate(key);
      if (partner) req.principal = partner;
      else req.partnerKeyRefused = true;
    });
    app.addHook('preValidation', async (req) => {
      if (req.partnerKeyRefused) throw partnersErrors.keyInvalid();
    });
  },
  { name: 'vartai-partner-auth' },
);

/**
 * The rate-limit bucket of a request: one per partner, whatever its address (partners often
 * send from many hosts), and the client address for everyone else.
 */
export function rateLimitKey(req: FastifyRequest): string {
  const p = req.principal;
  return p?.kind === 'partner' ? `partner:${p.partnerId}` : req.ip;
}
