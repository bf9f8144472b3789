import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import { addCalendarDays, localDate } from '../catalogue';
import type { CaseRow, CasesRepository } from './cases.repository';
import type { CasesService, LegalTermsPort } from './cases.service';
import { casesErrors } from './errors';
import type {
  InformationRequestRow,
  InformationRequestsRepository,
  RequestedItem,
} from './information-requests.repository';
import { legalClock, type Suspension } from './legal-clock';

/** The job that notifies the applicant of a new request (information-requests.job.ts: account and e-mail). */
export const INFORMATION_REQUESTED_JOB = 'cases.information-requested';
export interface InformationRequestedJob {
  requestId: string;
  /** Who to write to: the account that filed the application (or the person it is for). */
  accountId: string;
}

/**
 * The longest due date an officer may give, in calendar days from today. Vartai's bound against
 * typing mistakes (a year instead of a month), not a legal rule: UNCERTAIN whether the law sets a
 * minimum or maximum time to answer.
 */
export const MAX_DUE_DAYS = 90;
export const MAX_TEXT = 4000;

/** What the cases module needs from the rest of Vartai for requests (adapted in src/app). */
export interface InformationRequestsPorts {
  /** Whether the principal may see the application (its person, its filer); staff are not asked. */
  canSeeApplication(applicationId: string, p: Principal): Promise<boolean>;
  /** The account to write to about the application, read on behalf of the requesting officer. */
  applicantAccountOf(applicationId: string, p: Principal): Promise<string | undefined>;
  /** The catalogue's legal terms (the same port the queues use); without it the cache stays. */
  terms?: LegalTermsPort | undefined;
}

export interface InformationRequestsServiceDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  jobs: JobQueue;
  cases: { service: CasesService; repo: CasesRepository };
  repo: InformationRequestsRepository;
  ports: InformationRequestsPorts;
}

export interface NewRequest {
  items: RequestedItem[];
  message: string;
  dueOn: string;
}

/** The case's suspensions as the legal clock reads them: request day to answer day (Vilnius). */
export const suspensionsOf = (rows: readonly InformationRequestRow[]): Suspension[] =>
  rows.map((r) => ({
    from: localDate(r.requested_at),
    to: r.answered_at ? localDate(r.answered_at) : null,
  }));

/** Why a due date is refused, or null: it must be after today and within MAX_DUE_DAYS. */
export function dueDateProblem(dueOn: string, today: string): 'past' | 'too-far' | null {
  if (dueOn <= today) return 'past';
  if (dueOn > addCalendarDays(today, MAX_DUE_DAYS)) return 'too-far';
  return null;
}

const accountOf = (p: Principal) => ('accountId' in p ? p.accountId : null);

export function createInformationRequestsService(d: InformationRequestsServiceDeps) {
  const { repo, clock, audit } = d;

  /** The case's deadline with every suspension counted (null when the term has not started). */
  function deadlineOf(c: CaseRow, requests: readonly InformationRequestRow[]): string | null {
    const terms = d.ports.terms;
    const term = terms?.legalTerm({
      serviceId: c.service_id,
      groundId: c.ground_id,
      urgency: c.urgency,
    });
    if (!terms || !term || !c.term_starts_on) return c.deadline_on;
    const result = legalClock({
      term: { amount: term.amount, unit: term.unit },
      start: c.term_starts_on,
      suspensions: suspensionsOf(requests),
      holidays: terms.holidays,
      today: localDate(clock.now()),
    });
    // Inconsistent dates are not made worse: the cache stays as it was.
    return result.ok ? result.clock.deadline : c.deadline_on;
  }

  return {
    /** A case's requests in order, for staff already let in to the case (getCase). */
    listForCase: (caseId: string) => repo.listForCase(caseId),
    /**
     * Sends a request: the case action 'information-requested' (only from in-examination, the
     * lifecycle table says) and the request row commit together, with the audit entry and the
     * notification job. The officer was let in by the caller (getCase: MFA and branch isolation).
     */
    async request(c: CaseRow, p: Principal, input: NewRequest): Promise<number> {
      const staffId = p.kind === 'staff' ? p.accountId : null;
      if (!staffId) throw casesErrors.notFound();
      const accountId = await d.ports.applicantAccountOf(c.application_id, p);
      return d.db.transaction().execute(async (trx) => {
        const id = d.ids.uuid();
        // recordAction locks the case row and refuses the action outside in-examination.
        await d.cases.service.recordAction(
          c.id,
          {
            kind: 'information-requested',
            actor_kind: 'staff',
            actor_id: staffId,
            details: { requestId: id, dueOn: input.dueOn },
          },
          trx,
        );
        const seq = await repo.insert(
          {
            id,
            case_id: c.id,
            items: input.items,
            message: input.message,
            due_on: input.dueOn,
            requested_by: staffId,
            requested_at: clock.now(),
          },
          trx,
        );
        await audit.record(
          {
            actor: p,
            action: 'cases.information-requested',
            subject: { kind: 'case', id: c.id },
            details: { requestId: id, seq, dueOn: input.dueOn, items: input.items.length },
          },
          trx,
        );
        if (accountId) {
          await d.jobs.enqueue(
            trx,
            INFORMATION_REQUESTED_JOB,
            { requestId: id, accountId } satisfies InformationRequestedJob,
            { singletonKey: id },
          );
        }
        return seq;
      });
    },

    /** The requests of an application's case, for whoever may see the application; else not found. */
    async forApplication(
      applicationId: string,
      p: Principal,
    ): Promise<{ case: CaseRow; requests: InformationRequestRow[] }> {
      if (p.kind === 'staff' || !(await d.ports.canSeeApplication(applicationId, p)))
        throw casesErrors.notFound();
      const c = await d.cases.repo.findByApplication(applicationId);
      if (!c) throw casesErrors.notFound();
      const requests = await repo.listForCase(c.id);
      await audit.recordRead({
        actor: p,
        subject: { kind: 'case', id: c.id },
        purpose: 'own-application',
        fields: ['information-requests'],
      });
      return { case: c, requests };
    },

    /** One request of an application, for whoever may see the application; else not found. */
    async oneForApplication(applicationId: string, seq: number, p: Principal) {
      const { case: c, requests } = await this.forApplication(applicationId, p);
      const request = requests.find((r) => r.seq === seq);
      if (!request) throw casesErrors.notFound();
      return { case: c, request };
    },

    /**
     * Records the answer: the request is answered once, the case action 'information-received'
     * moves the case back to in-examination, and the deadline cache is moved by the suspended
     * days — all in one transaction. A request already answered is not found (nothing to answer).
     */
    async answer(c: CaseRow, request: InformationRequestRow, p: Principal, text: string) {
      const answeredBy = accountOf(p);
      if (!answeredBy || p.kind === 'staff' || request.case_id !== c.id)
        throw casesErrors.notFound();
      await d.db.transaction().execute(async (trx) => {
        const locked = await d.cases.repo.lock(c.id, trx);
        if (!locked) throw casesErrors.notFound();
        const answered = await repo.answer(
          request.id,
          { answered_at: clock.now(), answered_by: answeredBy, answer_text: text },
          trx,
        );
        if (!answered) throw casesErrors.notFound();
        const deadline_on = deadlineOf(locked, await repo.listForCase(c.id, trx));
        await d.cases.service.recordAction(
          c.id,
          {
            kind: 'information-received',
            actor_kind: p.kind,
            actor_id: answeredBy,
            details: { requestId: request.id },
          },
          trx,
          { deadline_on },
        );
        await audit.record(
          {
            actor: p,
            action: 'cases.information-received',
            subject: { kind: 'case', id: c.id },
            details: { requestId: request.id, seq: request.seq, deadlineOn: deadline_on },
          },
          trx,
        );
      });
    },

    /**
     * The notice on the application's page while a request is open (the page has already checked
     * that the principal may see the application; staff see none).
     */
    async notices(applicationId: string, p: Principal) {
      const c =
        p.kind === 'staff' ? undefined : await d.cases.repo.findByApplication(applicationId);
      const open = c ? (await repo.listForCase(c.id)).some((r) => r.answered_at === null) : false;
      return open
        ? [
            {
              textKey: 'informationRequests.portal.notice',
              linkKey: 'informationRequests.portal.noticeLink',
              href: `/applications/${applicationId}/information-requests`,
            },
          ]
        : [];
    },
    /** Who may open a document sent with an answer: whoever may see the application. */
    async mayOpenAnswerDocument(requestId: string, p: Principal): Promise<boolean> {
      const r = /^[0-9a-f-]{36}$/i.test(requestId) ? await repo.findById(requestId) : undefined;
      const c = r ? await d.cases.repo.find(r.case_id) : undefined;
      return Boolean(
        c && p.kind !== 'staff' && (await d.ports.canSeeApplication(c.application_id, p)),
      );
    },
  };
}

export type InformationRequestsService = ReturnType<typeof createInformationRequestsService>;
