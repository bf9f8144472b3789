import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { paymentsErrors } from '../errors';
import { formatMoney } from '../payments.format';
import type { Simulator } from './simulator.service';

const V = 'modules/payments/simulator/views';
const pub = { config: { access: { who: 'public' as const } } };
const refOf = (req: FastifyRequest) =>
  String((req.params as Record<string, unknown>).providerRef ?? '');
const Decision = z.object({ outcome: z.enum(['pay', 'decline', 'cancel']) });

/** Where the simulator sends the browser back: the return address with the checkout's ref. */
const back = (returnUrl: string, ref: string) =>
  `${returnUrl}${returnUrl.includes('?') ? '&' : '?'}ref=${encodeURIComponent(ref)}`;

/** The simulated provider's hosted payment page (public, as a bank's page would be). */
export function simulatorPages(sim: Simulator) {
  return async (app: FastifyInstance) => {
    app.get('/payments/simulator/:providerRef', pub, async (req, reply) => {
      const checkout = await sim.checkout(refOf(req));
      if (!checkout) throw paymentsErrors.notFound();
      return reply.page(`${V}/checkout.njk`, {
        title: req.t('payments.simulator.title'),
        checkout,
        amount: formatMoney(checkout.amount_cents, checkout.currency, req.lang),
        backUrl: back(checkout.return_url, checkout.provider_ref),
      });
    });

    app.post('/payments/simulator/:providerRef', pub, async (req, reply) => {
      const form = Decision.safeParse(req.body ?? {});
      if (!form.success) throw paymentsErrors.invalid('outcome must be pay, decline or cancel');
      // Deciding twice (a double click) keeps the first decision and still sends the payer back.
      const checkout = await sim.decide(refOf(req), form.data.outcome);
      if (!checkout) throw paymentsErrors.notFound();
      return reply.redirect(back(checkout.return_url, checkout.provider_ref), 303);
    });
  };
}
