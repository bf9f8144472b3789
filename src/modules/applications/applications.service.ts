import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import { checkAnswer, missingForSubmission, type Missing } from './applications.core';
import type {
  BranchesPort,
  CataloguePort,
  DocumentsPort,
  IdentityOnRecordPort,
  PartnerNotifier,
  PaymentsPort,
} from './applications.ports';
import {
  newDraft,
  type ApplicationRow,
  type ApplicationsRepository,
} from './applications.repository';
import { applicationsErrors } from './errors';
import type { FilingPort } from './filing.ports';
import { createOrderingService } from './ordering.service';
import { startDraft, type StartDraftInput } from './use-cases/start-draft';
import {
  submitApplication,
  type Settled,
  type SubmissionListener,
} from './use-cases/submit-application';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (s: string) => UUID.test(s);
import { MRZ_ANSWER } from './travel-document';
import { accountIdOf, partnerIdOf } from './principals';

export { SUBMITTED_JOB, type SubmittedJob } from './use-cases/submit-application';

export interface ApplicationsServiceDeps {
  repo: ApplicationsRepository;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  audit: AuditModule;
  catalogue: CataloguePort;
  documents: Pick<DocumentsPort, 'listFor'>;
  payments: Pick<PaymentsPort, 'statusFor'>;
  notifyPartner?: PartnerNotifier;
  /** Told of each submission inside its transaction (the cases module opens the case). */
  onSubmitted?: SubmissionListener | undefined;
  /** Photo, signature and documents on record (holdings); absent: a visit is always required. */
  identityOnRecord?: IdentityOnRecordPort | undefined;
  /** Branches to collect a produced document at (accounts). */
  branches?: BranchesPort | undefined;
  /** Organisations and who may file a service (filing for others); without it, nobody files for others. */
  filing?: Pick<FilingPort, 'organisationForMember' | 'applicantsOf'>;
}

/** Who may see an application: its person, whoever filed it, and staff. Others get "not found". */
export function canSee(row: ApplicationRow, p: Principal): boolean {
  if (p.kind === 'staff') return p.mfaPassed;
  const account = accountIdOf(p);
  if (account && (row.owner_account_id === account || row.filed_by_account_id === account))
    return true;
  const partner = partnerIdOf(p);
  return Boolean(partner && row.filed_by_partner_id === partner);
}

// Who may change a draft: whoever may see it except staff (the person it is for, whoever filed
// it, the members of the organisation that filed it); see mayAccess below.

export function createApplicationsService(d: ApplicationsServiceDeps) {
  const { repo, clock, ids, catalogue } = d;
  const actorOf = (p: Principal) => ({
    actor_kind: p.kind,
    actor_id: accountIdOf(p) ?? partnerIdOf(p),
  });

  /** canSee, plus the members of the organisation that filed it (looked up, not in the principal). */
  async function mayAccess(row: ApplicationRow, p: Principal): Promise<boolean> {
    if (canSee(row, p)) return true;
    const account = p.kind === 'applicant' ? p.accountId : null;
    return Boolean(
      account &&
      row.filed_by_organisation_id &&
      (await d.filing?.organisationForMember(row.filed_by_organisation_id, account)),
    );
  }

  async function getVisible(id: string, p: Principal): Promise<ApplicationRow> {
    const row = isUuid(id) ? await repo.find(id) : undefined;
    if (!row || row.state === 'withdrawn' || !(await mayAccess(row, p)))
      throw applicationsErrors.notFound();
    return row;
  }

  /** Runs a change on a draft the principal may edit, under the row lock, with its timeline entry. */
  async function changeDraft(
    id: string,
    p: Principal,
    action: string,
    change: (
      row: ApplicationRow,
      now: Date,
    ) => Promise<Partial<ApplicationRow> & { details?: Record<string, unknown> }>,
  ): Promise<ApplicationRow> {
    return repo.db.transaction().execute(async (trx) => {
      const row = await repo.lock(id, trx);
      if (!row || row.state === 'withdrawn' || !(p.kind !== 'staff' && (await mayAccess(row, p))))
        throw applicationsErrors.notFound();
      if (row.state !== 'draft') throw applicationsErrors.notDraft();
      const now = clock.now();
      const { details, ...patch } = await change(row, now);
      await repo.update(id, { ...patch, updated_at: now }, trx);
      await repo.appendEvent(
        { application_id: id, at: now, action, details: details ?? {}, ...actorOf(p) },
        trx,
      );
      return { ...row, ...patch, updated_at: now };
    });
  }

  /** What is still missing before the application can be submitted. */
  const ordering = createOrderingService({ ...d, changeDraft, getVisible });

  async function missingOf(row: ApplicationRow): Promise<Missing[]> {
    const ground = row.ground_id ?? '';
    const owner = { kind: 'application', id: row.id };
    const [documents, payment] = await Promise.all([
      d.documents.listFor(owner),
      d.payments.statusFor(owner),
    ]);
    return missingForSubmission({
      ordering: await ordering.missing(row),
      groundId: row.ground_id,
      questions: row.ground_id
        ? catalogue.visibleQuestions(row.service_id, ground, row.answers)
        : [],
      answers: row.answers,
      requiredDocuments: row.ground_id
        ? [
            ...catalogue.requiredDocuments(row.service_id, ground, row.answers),
            ...ordering.evidenceDocuments(row),
          ]
        : [],
      documents,
      feeCents: ordering.feeDue(row).onlineCents,
      feePaid: payment === 'paid' || row.fee_receipt !== null,
      declarationConfirmed: row.declaration_at !== null,
    });
  }

  /**
   * Checks the answers given on one page against the questions that apply (given the answers so
   * far); each answer is kept in its normal form. Problems come back by question id.
   */
  function checkAnswers(
    serviceId: string,
    groundId: string,
    current: Record<string, string | null>,
    given: Record<string, unknown>,
  ):
    | { ok: true; clean: Record<string, string | null> }
    | { ok: false; problems: Record<string, string> } {
    const merged = {
      ...current,
      ...Object.fromEntries(
        Object.entries(given).map(([k, v]) => [k, typeof v === 'string' ? v : null]),
      ),
    };
    const questions = catalogue
      .visibleQuestions(serviceId, groundId, merged)
      .filter((q) => q.id in given);
    const problems: Record<string, string> = {};
    const clean: Record<string, string | null> = {};
    for (const q of questions) {
      const r = checkAnswer(q, given[q.id]);
      if (r.ok) clean[q.id] = r.value;
      else problems[q.id] = r.problem;
    }
    return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, clean };
  }

  return {
    getVisible,
    canSee,
    /** For other modules' access checks (documents of an application). */
    async canSeeById(id: string, p: Principal): Promise<boolean> {
      const row = isUuid(id) ? await repo.find(id) : undefined;
      return Boolean(row && row.state !== 'withdrawn' && (await mayAccess(row, p)));
    },

    /** Starts a draft (use-cases/start-draft.ts). */
    startDraft: (input: StartDraftInput) => startDraft({ ...d, actorOf }, input),

    /**
     * Starts a draft for oneself with answers already known (e.g. a renewal pre-filled from a held
     * document, holdings module), inside the caller's transaction. Answers to questions the form
     * does not ask, or that fail their check, are left out, so the task list asks for them.
     */
    async startPrefilled(
      input: {
        serviceId: string;
        groundId: string;
        answers: Record<string, string>;
        by: Principal;
        details: Record<string, unknown>;
      },
      trx: AnyTransaction,
    ): Promise<ApplicationRow> {
      if (!catalogue.groundName(input.serviceId, input.groundId))
        throw applicationsErrors.groundUnknown(input.groundId);
      const now = clock.now();
      const accountId = accountIdOf(input.by);
      const answers: Record<string, string | null> = {};
      for (const q of catalogue.visibleQuestions(input.serviceId, input.groundId, input.answers)) {
        const r = q.id in input.answers ? checkAnswer(q, input.answers[q.id]) : undefined;
        if (r?.ok && r.value !== null) answers[q.id] = r.value;
      }
      const row = newDraft({
        id: ids.uuid(),
        now,
        service_id: input.serviceId,
        ground_id: input.groundId,
        owner_account_id: accountId,
        filed_by_kind: 'self',
        filed_by_account_id: accountId,
        answers,
      });
      await repo.insertDraft(row, { ...actorOf(input.by), details: input.details }, trx);
      return row;
    },

    async chooseGround(
      id: string,
      p: Principal,
      groundId: string,
      urgent: boolean,
    ): Promise<ApplicationRow> {
      return changeDraft(id, p, 'ground-chosen', async (row) => {
        if (!catalogue.groundName(row.service_id, groundId))
          throw applicationsErrors.groundUnknown(groundId);
        const urgency = urgent ? 'urgent' : 'general';
        return { ground_id: groundId, urgent, urgency, details: { ground: groundId, urgent } };
      });
    },

    /**
     * Saves the answers given on one page. Only questions that apply may be answered; each answer
     * is checked and kept in its normal form; problems come back by question id and nothing of
     * that page is saved, so the page can be shown again with what was typed.
     */
    async saveAnswers(
      id: string,
      p: Principal,
      given: Record<string, unknown>,
    ): Promise<{ ok: true } | { ok: false; problems: Record<string, string> }> {
      const row = await getVisible(id, p);
      const checked = checkAnswers(row.service_id, row.ground_id ?? '', row.answers, given);
      if (!checked.ok) return checked;
      await changeDraft(id, p, 'answers-saved', async (current) => ({
        answers: { ...current.answers, ...checked.clean },
        details: { questions: Object.keys(checked.clean) },
      }));
      return { ok: true };
    },

    /** Checks answers without saving them (e.g. before a partner's create request writes anything). */
    checkAnswers: (serviceId: string, groundId: string, given: Record<string, unknown>) =>
      checkAnswers(serviceId, groundId, {}, given),

    /** Withdraws a draft (e.g. a partner's create request that failed on its answers). */
    async withdraw(id: string, p: Principal): Promise<void> {
      await changeDraft(id, p, 'withdrawn', async () => ({ state: 'withdrawn' as const }));
    },

    /** Records that a person opened an application's personal data (pages that show answers). */
    async recordRead(
      row: ApplicationRow,
      p: Principal,
      purpose: string,
      fields: string[],
    ): Promise<void> {
      if (p.kind === 'anonymous') return;
      await d.audit.recordRead({
        actor: p,
        subject: { kind: 'application', id: row.id },
        purpose,
        fields,
      });
    },

    /** The fee of an application was paid (told by the payments module, in its transaction). */
    async recordFeePaid(id: string, paymentId: string, trx: AnyTransaction): Promise<void> {
      // A payment may name a reference that is not (or no longer) an application: nothing to record.
      if (!isUuid(id)) return;
      const row = await repo.lock(id, trx);
      if (!row) return;
      await repo.appendEvent(
        {
          application_id: id,
          at: clock.now(),
          action: 'fee-paid',
          actor_kind: 'system',
          actor_id: null,
          details: { paymentId },
        },
        trx,
      );
    },

    /** Keeps the machine-readable zone as typed or pasted (already parsed and checked by the page). */
    async saveTravelDocumentText(id: string, p: Principal, text: string): Promise<void> {
      await changeDraft(id, p, 'answers-saved', async (row) => ({
        answers: { ...row.answers, [MRZ_ANSWER]: text },
        details: { questions: [MRZ_ANSWER] },
      }));
    },

    /** A partner abroad collects the fee itself and reports its receipt number. */
    async recordPartnerFee(id: string, p: Principal, receipt: string): Promise<void> {
      await changeDraft(id, p, 'fee-paid', async () => ({
        fee_receipt: receipt,
        details: { collectedBy: 'partner', receipt },
      }));
    },

    async confirmDeclaration(id: string, p: Principal): Promise<void> {
      await changeDraft(id, p, 'declaration-confirmed', async (_row, now) => ({
        declaration_at: now,
      }));
    },

    async recordDocument(
      id: string,
      p: Principal,
      action: 'document-added' | 'document-removed',
      details: { documentType: string; documentId: string },
    ): Promise<void> {
      await changeDraft(id, p, action, async () => ({ details }));
    },

    missing: (row: ApplicationRow) => missingOf(row),
    /** Urgency level, fee exemptions, delivery and the visit rule (ordering.service.ts). */
    ordering,

    /** Submits a complete application exactly once (use-cases/submit-application.ts). */
    submit: (id: string, p: Principal, settle?: Settled) =>
      submitApplication(
        { ...d, getVisible, missingOf, actorOf: (x: Principal) => actorOf(x) },
        id,
        p,
        settle,
      ),

    /** The timeline of an application the caller has already been allowed to see. */
    eventsOf: (row: ApplicationRow) => repo.events(row.id),

    async timeline(id: string, p: Principal) {
      await getVisible(id, p);
      return repo.events(id);
    },

    listForAccount: (accountId: string) => repo.listForAccount(accountId),

    /** For the branch desk (appointments, src/app): the applications `p` may see, by id. */
    async listVisible(ids: readonly string[], p: Principal): Promise<ApplicationRow[]> {
      const rows = await repo.findMany(ids.filter(isUuid));
      return rows.filter((r) => r.state !== 'withdrawn' && canSee(r, p));
    },
    /** For the branch desk: an application by its reference number, if `p` may see it. */
    async findByReference(reference: string, p: Principal): Promise<ApplicationRow | undefined> {
      const row = await repo.findByReference(reference.trim().toUpperCase());
      return row && row.state !== 'withdrawn' && (await mayAccess(row, p)) ? row : undefined;
    },
  };
}

export type ApplicationsService = ReturnType<typeof createApplicationsService>;
