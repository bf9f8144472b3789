import type { Clock } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import type {
  BranchesPort,
  CataloguePort,
  IdentityOnRecordPort,
  PaymentsPort,
  RecordReader,
  RecordReadPurpose,
  RequiredDocument,
} from './applications.ports';
import type { ApplicationRow } from './applications.repository';
import {
  ageOn,
  applicableExemptions,
  courierRefusal,
  feeDue,
  orderingMissing,
  visitNeeded,
  type CourierRefusal,
  type ExemptionRefusal,
  type FeeDue,
  type IdentityOnRecord,
  type OrderingMissing,
  type VisitOutcome,
} from './ordering';

type ChangeDraft = (
  id: string,
  p: Principal,
  action: string,
  change: (
    row: ApplicationRow,
    now: Date,
  ) => Promise<Partial<ApplicationRow> & { details?: Record<string, unknown> }>,
) => Promise<ApplicationRow>;

export interface OrderingServiceDeps {
  clock: Clock;
  catalogue: CataloguePort;
  payments: Pick<PaymentsPort, 'statusFor'>;
  /** The register of held documents and biometrics (holdings); absent: a visit is required. */
  identityOnRecord?: IdentityOnRecordPort | undefined;
  branches?: BranchesPort | undefined;
  changeDraft: ChangeDraft;
  getVisible: (id: string, p: Principal) => Promise<ApplicationRow>;
}

export type Refused<P extends string> = { ok: true } | { ok: false; problem: P; id?: string };
export type DeliveryProblem =
  'method-required' | 'branch-required' | 'address-required' | 'fee-paid' | CourierRefusal;

export const urgencyOf = (row: ApplicationRow): string =>
  row.urgency ?? (row.urgent ? 'urgent' : 'general');

const MAX_ADDRESS = 300;
/** Who reads the register when no person asked (the missing-items check of a draft). */
const ORDERING_CHECK: RecordReader = { kind: 'system', id: 'ordering-check' };

/**
 * The ordering choices of a draft (urgency level, fee exemptions, delivery) and what follows
 * from them: the fee due, the evidence asked for, whether a visit is needed. Choices that would
 * change the fee are refused once a payment has started, so nobody pays for one level and gets
 * another.
 */
export function createOrderingService(d: OrderingServiceDeps) {
  const { catalogue } = d;
  const now = () => d.clock.now();
  const ageOf = (row: ApplicationRow, on: Date) =>
    ageOn(row.answers['date-of-birth'] ?? row.for_person_birth_date, on);

  /**
   * The register's facts on the person the application is for (only when they have an account).
   * The register audits the read with the actor and purpose.
   */
  async function recordOf(
    row: ApplicationRow,
    actor: RecordReader,
    purpose: RecordReadPurpose,
  ): Promise<IdentityOnRecord | undefined> {
    if (!d.identityOnRecord || !row.owner_account_id) return undefined;
    return d.identityOnRecord.identityOnRecord(row.owner_account_id, now(), actor, purpose);
  }

  const exemptionsOf = (row: ApplicationRow) =>
    row.ground_id ? catalogue.ordering.exemptions(row.service_id, row.ground_id) : [];

  const applicableOf = (row: ApplicationRow) =>
    applicableExemptions(exemptionsOf(row), row.fee_exemptions ?? [], ageOf(row, now()));

  function feeOf(row: ApplicationRow): FeeDue {
    if (!row.ground_id) return feeDue({ cents: 0, exemption: null }, 0);
    const on = now();
    const fee = catalogue.fee(
      row.service_id,
      row.ground_id,
      { urgency: urgencyOf(row), exemptions: applicableOf(row).applicable.map((e) => e.id) },
      on,
    );
    const courier =
      row.delivery_method === 'courier'
        ? (catalogue.ordering.courier(row.service_id, on)?.feeCents ?? 0)
        : 0;
    return feeDue(fee, courier);
  }

  async function courierRefusalOf(
    row: ApplicationRow,
    urgency = urgencyOf(row),
    actor: RecordReader = ORDERING_CHECK,
  ) {
    const rule = catalogue.ordering.courier(row.service_id, now());
    // The register is asked only when the rule depends on it.
    const record =
      rule && rule.levels.includes(urgency)
        ? await recordOf(row, actor, 'courier-eligibility')
        : undefined;
    return courierRefusal(rule, urgency, record);
  }

  async function paymentStarted(row: ApplicationRow): Promise<boolean> {
    if (row.fee_receipt !== null) return true;
    const status = await d.payments.statusFor({ kind: 'application', id: row.id });
    return status === 'paid' || status === 'pending';
  }

  return {
    /** Business time for the pages (fees and levels in force today). */
    today: now,
    feeDue: feeOf,
    courierRefusal: courierRefusalOf,
    /** Whether ordering needs a visit; `actor` is who is looking (the register audits it). */
    async visit(row: ApplicationRow, actor: RecordReader): Promise<VisitOutcome> {
      const on = now();
      return visitNeeded(
        catalogue.ordering.remoteOrder(row.service_id, on),
        await recordOf(row, actor, 'remote-order-eligibility'),
        on,
      );
    },
    async missing(row: ApplicationRow): Promise<OrderingMissing[]> {
      const deliveryAsked = catalogue.ordering.hasDelivery(row.service_id);
      return orderingMissing({
        byPartner: row.filed_by_kind === 'partner',
        exemptionsOffered: exemptionsOf(row).length > 0,
        claimed: row.fee_exemptions,
        deliveryAsked,
        method: row.delivery_method,
        branch: row.delivery_branch,
        courierRefusal:
          deliveryAsked && row.delivery_method === 'courier' ? await courierRefusalOf(row) : null,
      });
    },
    /** The documents proving the exemptions that set the fee (when the pack names one). */
    evidenceDocuments(row: ApplicationRow): RequiredDocument[] {
      return applicableOf(row).applicable.flatMap((e) => (e.evidence ? [e.evidence] : []));
    },
    branches: async () => (d.branches ? d.branches() : []),
    paymentStarted,

    async chooseUrgency(
      id: string,
      p: Principal,
      urgency: string,
    ): Promise<Refused<'not-offered' | 'fee-paid'>> {
      const row = await d.getVisible(id, p);
      const levels = row.ground_id
        ? catalogue.ordering.urgencyLevels(row.service_id, row.ground_id, now())
        : [];
      if (!levels.some((l) => l.id === urgency)) return { ok: false, problem: 'not-offered' };
      if (urgency !== urgencyOf(row) && (await paymentStarted(row)))
        return { ok: false, problem: 'fee-paid' };
      await d.changeDraft(id, p, 'urgency-chosen', async () => ({
        urgency,
        urgent: urgency !== 'general',
        details: { urgency },
      }));
      return { ok: true };
    },

    async chooseExemptions(
      id: string,
      p: Principal,
      claimed: string[],
    ): Promise<Refused<ExemptionRefusal | 'fee-paid'>> {
      const row = await d.getVisible(id, p);
      const unique = [...new Set(claimed)];
      const { refused } = applicableExemptions(exemptionsOf(row), unique, ageOf(row, now()));
      if (refused[0]) return { ok: false, problem: refused[0].reason, id: refused[0].id };
      const before = [...(row.fee_exemptions ?? [])].sort().join(',');
      if (before !== [...unique].sort().join(',') && (await paymentStarted(row)))
        return { ok: false, problem: 'fee-paid' };
      await d.changeDraft(id, p, 'exemptions-chosen', async () => ({
        fee_exemptions: unique,
        details: { exemptions: unique },
      }));
      return { ok: true };
    },

    async chooseDelivery(
      id: string,
      p: Principal,
      choice: { method: string; branch: string; address: string },
    ): Promise<Refused<DeliveryProblem>> {
      const row = await d.getVisible(id, p);
      const method = choice.method;
      if (method !== 'branch' && method !== 'courier')
        return { ok: false, problem: 'method-required' };
      const branch = choice.branch.trim();
      const address = choice.address.trim();
      if (method === 'branch') {
        const known = await (d.branches ? d.branches() : Promise.resolve([]));
        if (!known.some((b) => b.code === branch)) return { ok: false, problem: 'branch-required' };
      } else {
        const refusal = await courierRefusalOf(row, urgencyOf(row), p);
        if (refusal) return { ok: false, problem: refusal };
        if (address.length < 5 || address.length > MAX_ADDRESS)
          return { ok: false, problem: 'address-required' };
      }
      // Switching between a branch and a courier changes the fee: not once a payment started.
      if (
        (row.delivery_method === 'courier') !== (method === 'courier') &&
        (await paymentStarted(row))
      )
        return { ok: false, problem: 'fee-paid' };
      await d.changeDraft(id, p, 'delivery-chosen', async () => ({
        delivery_method: method,
        delivery_branch: method === 'branch' ? branch : null,
        delivery_address: method === 'courier' ? address : null,
        // Never the address in the timeline: it is personal data.
        details: { method, ...(method === 'branch' ? { branch } : {}) },
      }));
      return { ok: true };
    },
  };
}

export type OrderingService = ReturnType<typeof createOrderingService>;
