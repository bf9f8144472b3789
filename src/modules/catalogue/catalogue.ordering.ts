import type { Pack } from './catalogue.loader';
import type { CatalogueQueries, ReferenceValue } from './catalogue.queries';
import type { Duration, Exemption, Note, Service } from './catalogue.schemas';
import { catalogueErrors } from './errors';
import { isAppError } from '../../platform/errors';

/**
 * What a person chooses when ordering a service beyond its ground: how fast (urgency levels with
 * their term and fee), which fee exemption applies, how the produced document reaches them, and
 * whether the order needs a visit. Pure queries over the pack; the date is always an argument.
 */
export interface UrgencyLevel {
  id: string;
  term: Duration;
  /** The full fee of this level on the date, in cents; null when the pack cannot say. */
  feeCents: number | null;
}

export interface CourierOffer {
  feeCents: number;
  levels: string[];
  notFirstDocument: boolean;
  requiresValidIdentityDocument: boolean;
  source: string;
  uncertain: boolean;
  note?: Note;
}

export interface RemoteOrderRule {
  recordMaxAgeMonths: number;
  requiresValidIdentityDocument: boolean;
  source: string;
  uncertain: boolean;
  notes: Note[];
}

const orNull = <T>(f: () => T): T | null => {
  try {
    return f();
  } catch (e) {
    if (isAppError(e) && e.code.startsWith('CATALOGUE_')) return null;
    throw e;
  }
};

const uncertainOf = (v: ReferenceValue, own: { uncertain?: boolean | undefined }) =>
  Boolean(v.uncertain || own.uncertain);

export function createOrderingQueries(q: CatalogueQueries) {
  /**
   * The levels a person may choose for a service and ground: those with a legal term in the pack
   * and, when the fee comes from a schedule, an amount in the schedule in force on the date.
   */
  function urgencyLevels(serviceId: string, groundId: string, on: Date): UrgencyLevel[] {
    const term = q.termRule(serviceId, groundId);
    const fee = q.feeRule(serviceId, groundId);
    return Object.entries(term.levels ?? {}).flatMap(([id, d]) => {
      const amount = orNull(() =>
        q.feeFor({ serviceId, groundId, urgent: false, urgency: id, on }),
      );
      // A level the schedule has no amount for is not offered (it was suspended or never existed).
      if (fee.item && !amount) return [];
      return [{ id, term: d, feeCents: fee.unknown ? null : (amount?.amountCents ?? 0) }];
    });
  }

  const exemptions = (serviceId: string, groundId: string): Exemption[] =>
    q.feeRule(serviceId, groundId).exemptions;

  function courier(serviceId: string, on: Date): CourierOffer | undefined {
    const s = q.getService(serviceId);
    const rule = s.delivery?.courier;
    if (!rule) return undefined;
    // Before the first dated fee the service did not exist (couriers since 5 Sep 2022).
    const fee = orNull(() => q.referenceValue(rule.feeValue, on));
    if (!fee) return undefined;
    return {
      feeCents: fee.value,
      levels: rule.levels,
      notFirstDocument: rule.notFirstDocument,
      requiresValidIdentityDocument: rule.requiresValidIdentityDocument,
      source: q.sourceOf(s, rule.source).url,
      uncertain: uncertainOf(fee, rule),
      ...(rule.note ? { note: rule.note } : {}),
    };
  }

  function remoteOrder(serviceId: string, on: Date): RemoteOrderRule | undefined {
    const s = q.getService(serviceId);
    const rule = s.remoteOrder;
    if (!rule) return undefined;
    // Before the first dated limit there was no ordering without a visit (as with the courier).
    const age = orNull(() => q.referenceValue(rule.recordMaxAgeValue, on));
    if (!age) return undefined;
    return {
      recordMaxAgeMonths: age.value,
      requiresValidIdentityDocument: rule.requiresValidIdentityDocument,
      source: q.sourceOf(s, rule.source).url,
      uncertain: uncertainOf(age, rule),
      notes: [rule.note, age.note].filter((n): n is Note => n !== undefined),
    };
  }

  return {
    urgencyLevels,
    exemptions,
    /** Whether the application asks how the produced document is delivered. */
    hasDelivery: (serviceId: string) =>
      q.getService(serviceId).delivery?.chosenAt === 'application',
    /** Whether the person chooses collection or a courier once the document is granted. */
    deliveryAfterDecision: (serviceId: string) =>
      q.getService(serviceId).delivery?.chosenAt === 'decision',
    courier,
    remoteOrder,
  };
}

export type OrderingQueries = ReturnType<typeof createOrderingQueries>;

/** Checks a service's ordering facts against the other pack files (the loader calls it). */
export function checkOrdering(
  rel: string,
  s: Service,
  documents: Record<string, unknown>,
  values: Pack['values'],
) {
  const fees = [s.fee, ...s.grounds.map((g) => g.fee)];
  fees.forEach((fee) =>
    fee?.exemptions.forEach((e) => {
      if (e.evidence && !documents[e.evidence.ref])
        throw catalogueErrors.packInvalid(
          rel,
          `exemptions.${e.id}.evidence.ref`,
          `unknown document ${e.evidence.ref} (documents.yaml)`,
        );
    }),
  );
  const needValue = (name: string, field: string, unit: string) => {
    if (values[name]?.unit !== unit)
      throw catalogueErrors.packInvalid(
        rel,
        field,
        `${name} must be a ${unit} value of reference/values.yaml`,
      );
  };
  if (s.delivery?.courier)
    needValue(s.delivery.courier.feeValue, 'delivery.courier.feeValue', 'eur-cents');
  if (s.remoteOrder)
    needValue(s.remoteOrder.recordMaxAgeValue, 'remoteOrder.recordMaxAgeValue', 'months');
}
