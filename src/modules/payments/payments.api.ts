import type { FastifyInstance } from 'fastify';
import { paymentsErrors } from './errors';
import type { PaymentsService } from './payments.service';
import type { PaymentProvider } from './provider.port';

export const CALLBACK_PATH = '/api/v1/payments/callback';

/**
 * The provider's server-to-server notification. The signature covers the exact bytes sent, so
 * this plugin (and only it) keeps the body raw instead of parsing JSON.
 */
export function paymentsApi(service: PaymentsService, provider: PaymentProvider) {
  return async (app: FastifyInstance) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 65_536 }, (_req, body, done) =>
      done(null, body),
    );
    app.post(
      CALLBACK_PATH,
      {
        config: {
          access: { who: 'public' },
          // Providers send bursts from few addresses; the signature check is what guards it.
          rateLimit: { max: 3000, timeWindow: 60_000 },
        },
        schema: {
          tags: ['internal'],
          summary: 'Payment provider notification',
          description: 'Signed status notification from the payment provider (not for partners).',
        },
      },
      async (req) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const parsed = provider.parseCallback(req.headers, raw);
        if (!parsed.ok) throw paymentsErrors.callbackRefused(parsed.reason);
        const outcome = await service.applyEvent(parsed.event, 'callback', parsed.raw);
        if (outcome === 'unknown') throw paymentsErrors.callbackUnknown();
        return { received: true, outcome };
      },
    );
  };
}
