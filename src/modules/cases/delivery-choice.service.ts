import type { Clock } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import type { AuditEntry, AuditModule } from '../audit';
import type { CaseRow, CasesRepository } from './cases.repository';
import type { CaseStatus } from './cases.lifecycle';
import type { DeliveryChoiceRow, DeliveryChoicesRepository } from './delivery-choice.repository';
import { casesErrors } from './errors';
import type { DocumentOrderRow, ProductionRepository } from './production.repository';

/** The payments reference of a courier fee paid after the decision. */
export const COURIER_FEE_REFERENCE = 'courier-delivery';
export const ADDRESS_MIN = 5;
export const ADDRESS_MAX = 300;

/** Statuses of a granted case: the choice page exists from the grant until the hand-over. */
const GRANTED: readonly CaseStatus[] = [
  'granted',
  'document-ordered',
  'document-produced',
  'ready-for-collection',
  'sent-by-courier',
  'issued',
];
/** Orders whose delivery can still change: not yet produced (or failed, to be re-ordered). */
const CHANGEABLE_ORDER_STATES: readonly DocumentOrderRow['state'][] = ['ordered', 'failed'];

type Texts = Partial<Record<Language, string>> & { lt: string };

/** What the choice needs from the rest of Vartai (adapted in src/app/production.wiring.ts). */
export interface DeliveryChoicePorts {
  /** The person the application is for, or whoever filed it (never staff): else false. */
  canSeeApplication(applicationId: string, p: Principal): Promise<boolean>;
  /** Whether the service's pack entry has the holder choose after the decision. */
  choosesAfterDecision(serviceId: string): boolean;
  /** The courier offer on a date (fee in cents), or undefined where no courier is offered. */
  courierOffer(serviceId: string, on: Date): { feeCents: number; uncertain: boolean } | undefined;
  branches(): Promise<{ code: string; name: Texts }[]>;
  /** Starts (or reuses) the courier fee's payment; the browser goes to `redirectUrl`. */
  startCourierPayment(input: {
    applicationId: string;
    accountId: string;
    amountCents: number;
    returnUrl: string;
  }): Promise<{ redirectUrl: string }>;
}

export type ChoiceProblem =
  | 'method-required'
  | 'branch-required'
  | 'address-required'
  | 'courier-not-offered'
  | 'courier-paid'
  | 'too-late';

export interface DeliveryChoiceDeps {
  clock: Clock;
  audit: AuditModule;
  repo: DeliveryChoicesRepository;
  orders: ProductionRepository;
  cases: CasesRepository;
  ports: DeliveryChoicePorts;
}

/**
 * Collection at a branch or a courier, chosen by the holder once a residence permit card is
 * granted (issue 4 point 6). A branch choice takes effect at once; a courier choice waits for
 * its fee and then is final (a paid fee is not refunded by changing one's mind). A choice can
 * change until the card is produced: an order already with the producer is updated with it.
 */
export function createDeliveryChoice(d: DeliveryChoiceDeps) {
  const db = d.repo.db;

  /** The granted case of an application the person may see; anything else is "not found". */
  async function grantedCase(applicationId: string, p: Principal): Promise<CaseRow> {
    if (p.kind !== 'applicant' || !/^[0-9a-f-]{36}$/i.test(applicationId))
      throw casesErrors.notFound();
    const c = await d.cases.findByApplication(applicationId);
    if (
      !c ||
      !d.ports.choosesAfterDecision(c.service_id) ||
      !GRANTED.includes(c.status) ||
      !(await d.ports.canSeeApplication(applicationId, p))
    )
      throw casesErrors.notFound();
    return c;
  }

  const changeable = (order: DocumentOrderRow | undefined) =>
    !order || CHANGEABLE_ORDER_STATES.includes(order.state);

  /** Writes the choice, updates an order not yet produced, and audits, in one transaction. */
  async function save(
    c: CaseRow,
    row: DeliveryChoiceRow,
    actor: AuditEntry['actor'],
    action: string,
    trx: AnyTransaction,
  ) {
    await d.repo.save(row, trx);
    const order = await d.orders.byCase(c.id, trx);
    if (order && CHANGEABLE_ORDER_STATES.includes(order.state)) {
      await d.orders.update(
        order.id,
        { delivery_method: row.method, delivery_branch: row.branch_code },
        trx,
      );
    }
    await d.audit.record(
      {
        actor,
        action,
        subject: { kind: 'case', id: c.id },
        // Never the address: it is personal data.
        details: { method: row.method, branch: row.branch_code, orderUpdated: Boolean(order) },
      },
      trx,
    );
  }

  /** Locks the choice and refuses a change the state no longer allows. */
  async function lockedChangeable(c: CaseRow, trx: AnyTransaction) {
    const current = await d.repo.lock(c.application_id, trx);
    if (current?.courier_paid_at) return { current, problem: 'courier-paid' as const };
    if (!changeable(await d.orders.byCase(c.id, trx)))
      return { current, problem: 'too-late' as const };
    return { current, problem: null };
  }

  return {
    /** The choice page: the case, the choice so far, the order, and what may be chosen. */
    async view(applicationId: string, p: Principal) {
      const c = await grantedCase(applicationId, p);
      const [choice, order] = await Promise.all([
        d.repo.find(applicationId),
        d.orders.byCase(c.id),
      ]);
      await d.audit.recordRead({
        actor: p,
        subject: { kind: 'case', id: c.id },
        purpose: 'own-delivery-choice',
        fields: ['deliveryChoice', 'address'],
      });
      return {
        case: c,
        choice,
        order,
        editable: changeable(order) && !choice?.courier_paid_at,
        courier: d.ports.courierOffer(c.service_id, d.clock.now()),
        branches: await d.ports.branches(),
      };
    },

    /** Collection at a branch: in effect at once. */
    async chooseBranch(
      applicationId: string,
      p: Principal,
      branch: string,
    ): Promise<ChoiceProblem | null> {
      const c = await grantedCase(applicationId, p);
      if (!(await d.ports.branches()).some((b) => b.code === branch)) return 'branch-required';
      return db.transaction().execute(async (trx) => {
        // A branch replaces any courier choice still waiting for its fee.
        const { problem } = await lockedChangeable(c, trx);
        if (problem) return problem;
        await save(
          c,
          { ...blank(c, p, d.clock.now()), branch_code: branch },
          p,
          'cases.delivery-chosen',
          trx,
        );
        return null;
      });
    },

    /**
     * A courier to an address: kept as pending and the fee's payment started; the branch choice
     * stays in effect until the payment arrives (`courierPaid`).
     */
    async chooseCourier(
      applicationId: string,
      p: Principal,
      address: string,
    ): Promise<{ problem: ChoiceProblem } | { redirectUrl: string }> {
      const c = await grantedCase(applicationId, p);
      const offer = d.ports.courierOffer(c.service_id, d.clock.now());
      if (!offer) return { problem: 'courier-not-offered' };
      const text = address.trim().replace(/\s+/g, ' ');
      if (text.length < ADDRESS_MIN || text.length > ADDRESS_MAX)
        return { problem: 'address-required' };
      const problem = await db.transaction().execute(async (trx) => {
        const locked = await lockedChangeable(c, trx);
        if (locked.problem) return locked.problem;
        const base = locked.current ?? blank(c, p, d.clock.now());
        await save(
          c,
          {
            ...base,
            pending_address: text,
            courier_fee_cents: offer.feeCents,
            chosen_at: d.clock.now(),
            chosen_by: accountOf(p),
          },
          p,
          'cases.delivery-courier-requested',
          trx,
        );
        return null;
      });
      if (problem) return { problem };
      return d.ports.startCourierPayment({
        applicationId,
        accountId: accountOf(p),
        amountCents: offer.feeCents,
        returnUrl: `/applications/${applicationId}/receive`,
      });
    },

    /**
     * The courier fee was paid (payments.onPaid, in the payment's transaction): the courier
     * choice takes effect and is final. A payment for a choice no longer pending (paid twice, or
     * too late because the card was produced) changes nothing; it is audited for a refund.
     */
    async courierPaid(
      applicationId: string,
      payment: { paymentId: string; amountCents: number },
      trx: AnyTransaction,
    ): Promise<void> {
      const current = await d.repo.lock(applicationId, trx);
      const c = current ? await d.cases.find(current.case_id, trx) : undefined;
      if (!current || !c) return;
      const order = await d.orders.byCase(c.id, trx);
      const takes =
        current.pending_address !== null &&
        !current.courier_paid_at &&
        current.courier_fee_cents === payment.amountCents &&
        changeable(order);
      if (!takes) {
        await d.audit.record(
          {
            actor: { kind: 'system', id: 'cases.delivery-choice' },
            action: 'cases.delivery-courier-fee-unused',
            subject: { kind: 'case', id: c.id },
            details: { paymentId: payment.paymentId, reason: 'no courier choice waiting' },
          },
          trx,
        );
        return;
      }
      const row: DeliveryChoiceRow = {
        ...current,
        method: 'courier',
        branch_code: null,
        address: current.pending_address,
        pending_address: null,
        courier_paid_at: d.clock.now(),
        courier_payment_id: payment.paymentId,
      };
      await save(c, row, { kind: 'system', id: 'payments' }, 'cases.delivery-chosen', trx);
    },

    /** The notice on the application's page while the card is on its way to being issued. */
    async notices(applicationId: string, p: Principal) {
      if (p.kind !== 'applicant' || !/^[0-9a-f-]{36}$/i.test(applicationId)) return [];
      const c = await d.cases.findByApplication(applicationId);
      if (!c || !d.ports.choosesAfterDecision(c.service_id) || !GRANTED.includes(c.status))
        return [];
      if (c.status === 'issued') return [];
      return [
        {
          textKey: 'deliveryChoice.notice',
          linkKey: 'deliveryChoice.noticeLink',
          href: `/applications/${applicationId}/receive`,
        },
      ];
    },

    /** The choice in effect for an order being made (production), if the holder made one. */
    async effectiveFor(
      applicationId: string,
    ): Promise<{ method: 'branch' | 'courier'; branch: string | null } | undefined> {
      const row = await d.repo.find(applicationId);
      return row ? { method: row.method, branch: row.branch_code } : undefined;
    },
  };
}

const accountOf = (p: Principal) => (p.kind === 'applicant' ? p.accountId : '');

/** A new choice: collection at the branch that took the application, until said otherwise. */
function blank(c: CaseRow, p: Principal, now: Date): DeliveryChoiceRow {
  return {
    application_id: c.application_id,
    case_id: c.id,
    method: 'branch',
    branch_code: null,
    address: null,
    pending_address: null,
    courier_fee_cents: null,
    courier_paid_at: null,
    courier_payment_id: null,
    chosen_at: now,
    chosen_by: accountOf(p),
  };
}

export type DeliveryChoiceService = ReturnType<typeof createDeliveryChoice>;
