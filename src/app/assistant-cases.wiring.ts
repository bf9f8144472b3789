import type { AccountsModule } from '../modules/accounts';
import type { ApplicationRow, ApplicationsModule } from '../modules/applications';
import type { AppointmentsModule } from '../modules/appointments';
import type { OwnCaseFacts, OwnCasePorts } from '../modules/assistant';
import type { AuditModule } from '../modules/audit';
import type {
  CaseRow,
  CaseStatus,
  CasesModule,
  DocumentOrderRow,
  InformationRequestsModule,
  ProductionModule,
} from '../modules/cases';
import type { CatalogueModule } from '../modules/catalogue';
import { applicantEstimateView, type EstimatesModule } from '../modules/estimates';
import type { PaymentsModule } from '../modules/payments';
import type { Principal } from '../platform/http';
import type { I18n, Language } from '../platform/i18n';
import { documentTypesFor } from './information-requests.wiring';
import { branchNamesFrom } from './notifications.wiring';

/** What the assistant reads of the rest of Vartai to answer about an applicant's own cases. */
export interface OwnCaseDeps {
  i18n: I18n;
  catalogue: CatalogueModule;
  accounts: AccountsModule;
  applications: Pick<ApplicationsModule, 'service'>;
  cases: Pick<CasesModule, 'repo'>;
  /** The decision date estimate (automation.estimates in build-app.ts). */
  estimates: Pick<EstimatesModule, 'service'>;
  informationRequests: Pick<InformationRequestsModule, 'service'>;
  payments: Pick<PaymentsModule, 'statusFor'>;
  appointments: Pick<AppointmentsModule, 'visits' | 'pack'>;
  production: Pick<ProductionModule, 'repo'>;
  audit: Pick<AuditModule, 'recordRead'>;
}

/** How many of the newest submitted applications are read for one question. */
export const OWN_CASES_READ = 10;
const K = 'assistantOwnCase';
const PURPOSE = 'own-application';
const FIELDS = ['status', 'deadline', 'decision-estimate', 'fee', 'visit', 'document-delivery'];

/** Card states the applicant is told of (notifications), by the case status that records them. */
const DELIVERY_STATE: Partial<Record<CaseStatus, string>> = {
  'document-ordered': 'ordered',
  'document-produced': 'produced',
  'ready-for-collection': 'ready-for-collection',
  'sent-by-courier': 'sent-by-courier',
  issued: 'issued',
};

/**
 * The status as the applicant may know it. A proposal (a decision or a revocation awaiting the
 * second pair of eyes) is the Department's internal step: until it is approved the applicant's
 * case is still being examined, or still granted / issued.
 */
export function applicantStatus(status: CaseStatus, order?: Pick<DocumentOrderRow, 'state'>) {
  if (status === 'decision-proposed') return 'in-examination';
  if (status === 'revocation-proposed') return order?.state === 'issued' ? 'issued' : 'granted';
  return status;
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : undefined);
const euros = (cents: number) => `${(cents / 100).toFixed(2)} EUR`;

/**
 * The assistant's view of an applicant's own cases, read through the other modules' services as
 * the application's page reads them: the status, the legal deadline and the decision estimate
 * (src/app/applicant-panels.wiring.ts), open requests for information, the fee, the booked visit
 * and the document's delivery. Only what the account already shows; never notes, officers or
 * registry findings. Each case read is audited as the applicant's own read, like the page.
 */
export function ownCasePortsFrom(d: OwnCaseDeps): OwnCasePorts {
  const documentTypes = documentTypesFor(d.catalogue);
  const branchName = branchNamesFrom(d.accounts);
  const serviceName = (id: string, lang: Language) => {
    const name = d.catalogue.findService(id)?.name;
    return name?.[lang] ?? name?.lt ?? id;
  };

  /** Names of what open requests ask for, in the asked language (free text as the officer wrote). */
  async function missingOf(row: ApplicationRow, c: CaseRow, p: Principal, lang: Language) {
    const { requests } = await d.informationRequests.service.forApplication(row.id, p);
    const names = new Map(documentTypes(c).map((x) => [x.id, x.name]));
    return requests
      .filter((r) => r.answered_at === null)
      .flatMap((r) =>
        r.items.map((i) =>
          'documentType' in i
            ? (names.get(i.documentType)?.[lang] ?? names.get(i.documentType)?.lt ?? i.documentType)
            : i.text,
        ),
      );
  }

  async function feeOf(row: ApplicationRow): Promise<OwnCaseFacts['fee']> {
    const status = await d.payments.statusFor({ kind: 'application', id: row.id });
    const cents = d.applications.service.ordering.feeDue(row).onlineCents;
    if (status !== 'paid' && cents === 0) return undefined;
    return {
      paid: status === 'paid',
      ...(cents > 0 ? { amount: euros(cents) } : {}),
      ...(status === 'paid' ? {} : { payUrl: `/applications/${row.id}/fee` }),
    };
  }

  async function appointmentOf(row: ApplicationRow, p: Principal, lang: Language) {
    const o = await d.appointments.visits.overview(row.id, p);
    if (!o.current) return undefined;
    const code = o.current.slot.branch_code;
    const b = d.appointments.pack.branches.find((x) => x.code === code);
    return {
      at: o.current.slot.starts_at.toISOString(),
      place: b ? `${b.name[lang] ?? b.name.lt}, ${b.address}` : code,
      changeUrl: `/applications/${row.id}/visit`,
    };
  }

  async function deliveryOf(c: CaseRow, order: DocumentOrderRow | undefined, lang: Language) {
    const state = DELIVERY_STATE[c.status];
    if (!state) return undefined;
    const code = order?.delivery_method === 'branch' ? order.delivery_branch : null;
    const names = code ? await branchName(code) : undefined;
    const place = typeof names === 'object' && !('date' in names) ? names[lang] : names;
    return { state, ...(typeof place === 'string' && place ? { place } : {}) };
  }

  async function factsOf(
    row: ApplicationRow,
    c: CaseRow,
    p: Principal,
    lang: Language,
  ): Promise<OwnCaseFacts> {
    const order = await d.production.repo.byCase(c.id);
    const status = applicantStatus(c.status, order);
    const estimate = applicantEstimateView(await d.estimates.service.forCase(c.id));
    const missing = await missingOf(row, c, p, lang);
    const fee = await feeOf(row);
    const appointment = await appointmentOf(row, p, lang);
    const delivery = await deliveryOf(c, order, lang);
    const decisionDue = estimate.legalDeadline ?? c.deadline_on ?? undefined;
    await d.audit.recordRead({
      actor: p,
      subject: { kind: 'application', id: row.id },
      purpose: PURPOSE,
      fields: FIELDS,
    });
    return {
      caseId: c.id,
      applicationId: row.id,
      reference: row.reference ?? '',
      serviceId: row.service_id,
      serviceName: serviceName(row.service_id, lang),
      status,
      statusLabel: d.i18n.t(lang, `${K}.statusLabel.${status}`),
      ...(day(row.submitted_at) ? { filedOn: day(row.submitted_at)! } : {}),
      ...(decisionDue ? { decisionDue } : {}),
      ...(estimate.state === 'range' && estimate.from && estimate.to
        ? { estimate: { from: estimate.from, to: estimate.to } }
        : {}),
      missing,
      ...(fee ? { fee } : {}),
      ...(appointment ? { appointment } : {}),
      ...(delivery ? { delivery } : {}),
      url: `/applications/${row.id}`,
    };
  }

  return {
    async casesOf(accountId, lang) {
      // The reads run as the applicant themself: the services check the application is theirs.
      const p: Principal = { kind: 'applicant', accountId, email: '', displayName: '' };
      const rows = (await d.applications.service.listForAccount(accountId))
        .filter((r) => r.state === 'submitted' && r.reference && r.submitted_at)
        .sort((a, b) => b.submitted_at!.getTime() - a.submitted_at!.getTime())
        .slice(0, OWN_CASES_READ);
      const facts: OwnCaseFacts[] = [];
      // One after another: PGlite serialises anyway, and the audit entries keep their order.
      for (const row of rows) {
        const c = await d.cases.repo.findByApplication(row.id);
        if (c) facts.push(await factsOf(row, c, p, lang));
      }
      return facts;
    },
  };
}
