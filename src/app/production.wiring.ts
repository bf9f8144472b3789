import { randomInt } from 'node:crypto';
import type { AccountsModule } from '../modules/accounts';
import type { ApplicationsModule } from '../modules/applications';
import {
  COURIER_FEE_REFERENCE,
  createCardProducerSimulator,
  createCourierSimulator,
  type DeliveryChoiceModule,
  type DeliveryChoicePorts,
  type CardProducer,
  type Courier,
  type ProductionDeps,
  type RandomSource,
} from '../modules/cases';
import { createCallPolicy, DEFAULT_RESILIENCE, resilient } from '../modules/registries';
import type { CatalogueModule } from '../modules/catalogue';
import type { HoldingsModule } from '../modules/holdings';
import type { PaymentsModule } from '../modules/payments';
import type { Clock } from '../platform/clock';
import type { Config } from '../platform/config';
import { branchesFromAccounts } from './ordering.wiring';
import { matchIssuedDocument } from './persons.wiring';
import type { PersonsService } from '../modules/persons';
import type { Logger } from '../platform/log';

/** Uniform in [0, 1) from the system's secure generator (the simulators' failure rolls). */
const systemRandom: RandomSource = () => randomInt(0, 1_000_000_000) / 1_000_000_000;

/**
 * The card producer and the courier. Vartai has no contract with either yet, so both are the
 * simulators: by default produced in five days with a few percent spoilt cards, delivered in two
 * days (configuration: CARD_PRODUCER_SIMULATOR_*, COURIER_SIMULATOR_DAYS).
 */
export function productionAdapters(
  clock: Clock,
  config: Pick<
    Config,
    | 'CARD_PRODUCER_SIMULATOR_DAYS'
    | 'CARD_PRODUCER_SIMULATOR_FAILURE_PERCENT'
    | 'COURIER_SIMULATOR_DAYS'
  >,
  random: RandomSource = systemRandom,
) {
  return {
    producer: resilientProducer(
      createCardProducerSimulator({
        clock,
        random,
        productionDays: config.CARD_PRODUCER_SIMULATOR_DAYS,
        failureShare: config.CARD_PRODUCER_SIMULATOR_FAILURE_PERCENT / 100,
      }),
    ),
    courier: resilientCourier(
      createCourierSimulator({ clock, random, deliveryDays: config.COURIER_SIMULATOR_DAYS }),
    ),
  };
}

/**
 * The card producer and the courier are outside systems like the registers (issue 8): their
 * calls go through the same policy (timeout, retry with backoff, a breaker of their own), so a
 * producer that is down is left alone for a while instead of being hammered by every poll. A call
 * that still fails throws, and the production jobs try again on their own schedule.
 */
export function resilientProducer(
  producer: CardProducer,
  options = DEFAULT_RESILIENCE,
): CardProducer {
  const { policy } = createCallPolicy(options);
  return {
    order: (card) => resilient(() => producer.order(card), policy),
    status: (id) => resilient(() => producer.status(id), policy),
  };
}

export function resilientCourier(courier: Courier, options = DEFAULT_RESILIENCE): Courier {
  const { policy } = createCallPolicy(options);
  return {
    dispatch: (parcel) => resilient(() => courier.dispatch(parcel), policy),
    status: (ref) => resilient(() => courier.status(ref), policy),
  };
}

/**
 * The rest of Vartai as document production sees it: the application's delivery choice and the
 * holder's identity (read as the ordering officer, so the read is theirs), and the holdings
 * module that records a handed-over document.
 */
export function productionPortsFrom(
  applications: ApplicationsModule,
  accounts: AccountsModule,
  holdings: HoldingsModule,
  deliveryChoice: DeliveryChoiceModule,
  persons: PersonsService,
  logger?: Pick<Logger, 'warn'>,
): Pick<ProductionDeps, 'ports'> {
  // The document handed over joins its holder's person in the persons register (issue 7).
  const matchIssued = matchIssuedDocument(persons, logger ? { logger } : {});
  return {
    ports: {
      cardDataOf: async (id, p) => {
        const row = await applications.service.getVisible(id, p);
        const a = (k: string) => row.answers[k] ?? '';
        // A permit card's holder chooses after the decision; a passport's with the application.
        const chosen = await deliveryChoice.service.effectiveFor(id);
        return {
          method: chosen?.method ?? (row.delivery_method === 'courier' ? 'courier' : 'branch'),
          branch: chosen ? chosen.branch : (row.delivery_branch ?? null),
          accountId: row.owner_account_id ?? row.filed_by_account_id ?? null,
          holder: {
            givenNames: a('given-names'),
            surname: a('surname'),
            dateOfBirth: a('date-of-birth'),
            nationality: a('nationality'),
            personalCode: row.answers['personal-code'] ?? null,
          },
        };
      },
      recordIssued: async (doc, trx) => {
        await matchIssued(doc, trx);
        // A person without an account cannot see "My documents", and a held document needs the
        // date of birth it was printed with: without either there is nothing to record.
        if (!doc.holderAccountId || !/^\d{4}-\d{2}-\d{2}$/.test(doc.holder.dateOfBirth)) return;
        await holdings.service.recordIssued(
          {
            holderAccountId: doc.holderAccountId,
            kind: doc.documentKind,
            documentNumber: doc.documentNumber,
            givenNames: doc.holder.givenNames,
            surname: doc.holder.surname,
            dateOfBirth: doc.holder.dateOfBirth,
            nationality: doc.holder.nationality,
            personalCode: doc.holder.personalCode,
            issuedAt: doc.issuedAt,
            expiresOn: doc.expiresOn,
            renewalServiceId: doc.serviceId,
            renewalGroundId: doc.groundId,
            applicationId: doc.applicationId,
          },
          trx,
        );
      },
    },
  };
}

/**
 * The rest of Vartai as the delivery choice after a grant sees it: who may see the application
 * (its person or whoever filed it), the pack's delivery rule and courier fee, the branches, and
 * the payment of the courier fee.
 */
export function deliveryChoicePortsFrom(
  applications: ApplicationsModule,
  accounts: AccountsModule,
  catalogue: CatalogueModule,
  payments: PaymentsModule,
): DeliveryChoicePorts {
  return {
    canSeeApplication: (id, p) => applications.service.canSeeById(id, p),
    choosesAfterDecision: (serviceId) =>
      Boolean(catalogue.findService(serviceId)) &&
      catalogue.ordering.deliveryAfterDecision(serviceId),
    courierOffer: (serviceId, on) => {
      const offer = catalogue.findService(serviceId)
        ? catalogue.ordering.courier(serviceId, on)
        : undefined;
      return offer ? { feeCents: offer.feeCents, uncertain: offer.uncertain } : undefined;
    },
    branches: branchesFromAccounts(accounts),
    startCourierPayment: async (input) => {
      const started = await payments.startPayment({
        payer: { accountId: input.accountId },
        reference: { kind: COURIER_FEE_REFERENCE, id: input.applicationId },
        amountCents: input.amountCents,
        description: 'Courier delivery of a residence permit card',
        returnUrl: input.returnUrl,
      });
      return { redirectUrl: started.redirectUrl };
    },
  };
}
