/**
 * Decisions with four eyes (issue 4 point 4) and their letters (point 5). An officer proposes an
 * outcome with legal grounds from the pack and a reasoned text; a refusal or termination (and a
 * grant where the service says so) takes effect only when a second member of staff approves it
 * (`mayApprove`: never the proposer, an approver role). Every step is a case action plus a
 * `decisions` row in one transaction; a refused approval attempt is audited on its own.
 */
import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction, Db } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { I18n, Language } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import { mayOpenCase } from './cases.access';
import {
  lifecycleFor,
  mayApprove,
  needsApproval,
  type ApprovalOutcome,
  type DecisionOutcome,
} from './cases.lifecycle';
import type { CaseRow, CasesRepository } from './cases.repository';
import type { CasesService, LifecycleRulesPort } from './cases.service';
import type { DecisionRow, DecisionsRepository } from './decisions.repository';
import { casesErrors } from './errors';
import type { LettersPack } from './letters.loader';
import { proposalProblems, revocationProblems, stepsOf, type Proposal } from './decisions.rules';
import { letterLanguages, renderLetter } from './letters.render';

/** The e-mail job that tells the applicant a decision letter is in their account. */
export const DECISION_LETTER_JOB = 'cases.decision-letter';
export interface DecisionLetterJob {
  accountId: string;
  applicationId: string;
  reference: string;
}
/** Who may propose a decision (the examining officers and their leads). */
export const PROPOSER_ROLES: readonly string[] = ['officer', 'team-lead'];

/** What the decisions need from the rest of Vartai (adapted in src/app). */
export interface DecisionsPorts {
  /** The application behind a case, read on behalf of the deciding officer. */
  applicationOf(
    applicationId: string,
    p: Principal,
  ): Promise<{ reference: string; accountId: string | null }>;
  /** The applicant's language (their account's preference; Lithuanian when unknown). */
  languageOf(accountId: string): Promise<Language>;
  serviceName(serviceId: string): Record<Language, string>;
  /** Whether the principal may see the application in the portal (its person or its filer). */
  canSeeApplication(applicationId: string, p: Principal): Promise<boolean>;
  /** A permit was revoked: its held documents stop being valid (holdings), in the same transaction. */
  onRevoked?(applicationId: string, trx: AnyTransaction): Promise<void>;
  /**
   * A grant is about to take effect: reads what it needs before the transaction (PGlite has one
   * connection) and returns the step to run inside it (the digital permit is issued with the
   * grant), or undefined when there is nothing to do.
   */
  onGranted?(c: CaseRow, p: Principal): Promise<GrantStep | undefined>;
}

/** What happens with a grant, in the grant's transaction (see `DecisionsPorts.onGranted`). */
export type GrantStep = (at: Date, trx: AnyTransaction) => Promise<void>;

export interface DecisionsServiceDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  jobs: JobQueue;
  i18n: I18n;
  pack: LettersPack;
  catalogue: LifecycleRulesPort;
  cases: { service: CasesService; repo: CasesRepository };
  repo: DecisionsRepository;
  ports: DecisionsPorts;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const staffOf = (p: Principal) => (p.kind === 'staff' && p.mfaPassed ? p : undefined);

export function createDecisionsService(d: DecisionsServiceDeps) {
  const { db, clock, ids, audit, repo } = d;
  const variantOf = (c: CaseRow) => lifecycleFor(d.catalogue.lifecycleRules(c.service_id));

  /**
   * The case, if this member of staff may open it; a branch denial is audited and answers "not
   * found". Read before the transaction: on PGlite a second connection cannot run inside one.
   */
  async function openable(caseId: string, p: Principal) {
    const staff = staffOf(p);
    const row = staff && UUID.test(caseId) ? await d.cases.repo.find(caseId) : undefined;
    if (!staff || !row) throw casesErrors.notFound();
    if (!mayOpenCase(staff, row)) {
      await audit.record({
        actor: p,
        action: 'cases.access-denied',
        subject: { kind: 'case', id: caseId },
      });
      throw casesErrors.notFound();
    }
    return { staff, row };
  }

  /** The case row under lock for the rest of the transaction (branch re-checked). */
  async function lockCase(caseId: string, staff: Principal, trx: AnyTransaction) {
    const row = await d.cases.repo.lock(caseId, trx);
    if (!row || !mayOpenCase(staff, row)) throw casesErrors.notFound();
    return row;
  }

  /** What a letter states about the application, read before the transaction (see `openable`). */
  async function letterFacts(c: CaseRow, p: Principal) {
    const app = await d.ports.applicationOf(c.application_id, p);
    const lang = app.accountId ? await d.ports.languageOf(app.accountId) : 'lt';
    return { ...app, lang, serviceName: d.ports.serviceName(c.service_id) };
  }
  type Facts = Awaited<ReturnType<typeof letterFacts>>;

  /** Produces the letters of a decision that took effect and queues the applicant's e-mail. */
  async function issueLetters(
    c: CaseRow,
    dec: DecisionRow,
    app: Facts,
    at: Date,
    trx: AnyTransaction,
  ) {
    const facts = {
      reference: app.reference,
      serviceId: c.service_id,
      serviceName: app.serviceName,
      outcome: dec.outcome,
      grounds: dec.grounds,
      reasons: dec.reasons,
      decidedAt: at,
    };
    for (const l of letterLanguages(d.pack, dec.outcome, c.service_id, app.lang)) {
      const content = await renderLetter(d.pack, facts, l, d.i18n.translator(l));
      await repo.insertLetter(
        {
          application_id: c.application_id,
          case_id: c.id,
          decision_id: dec.id,
          lang: l,
          created_at: at,
          content,
        },
        trx,
      );
    }
    if (app.accountId) {
      const job: DecisionLetterJob = {
        accountId: app.accountId,
        applicationId: c.application_id,
        reference: app.reference,
      };
      await d.jobs.enqueue(trx, DECISION_LETTER_JOB, job, { singletonKey: dec.id });
    }
  }

  /** Approve or return: the four-eyes check, audited when refused (in a transaction of its own). */
  async function secondOfficer(
    staff: Principal & { kind: 'staff' },
    caseId: string,
    trx: AnyTransaction,
  ) {
    const row = await lockCase(caseId, staff, trx);
    const open = await repo.open(caseId, trx);
    if (!open) throw casesErrors.decisionNotProposed();
    const check = mayApprove({
      proposerId: open.proposed_by,
      approverId: staff.accountId,
      approverRoles: staff.roles,
      outcome: open.outcome,
      variant: variantOf(row),
    });
    return { staff, row, open, check };
  }

  async function refusedAttempt(caseId: string, p: Principal, action: string, reason: string) {
    await audit.record({
      actor: p,
      action: 'cases.approval-refused',
      subject: { kind: 'case', id: caseId },
      details: { attempted: action, reason },
    });
    return casesErrors.approvalRefused(reason);
  }

  /**
   * Records a proposal (a decision, or revoking an issued permit); a grant that needs no approval
   * takes effect at once (`decided`). The lifecycle refuses a proposal from the wrong status.
   */
  async function proposeOutcome(
    caseId: string,
    p: Principal,
    input: Proposal & { outcome: ApprovalOutcome },
  ): Promise<{ decided: boolean }> {
    const outcome = input.outcome;
    const steps = stepsOf(outcome);
    const { staff, row: seen } = await openable(caseId, p);
    if (!staff.roles.some((r) => PROPOSER_ROLES.includes(r)))
      throw await refusedAttempt(caseId, p, 'propose', 'role-missing');
    const alone = !needsApproval(variantOf(seen), outcome);
    const facts = alone ? await letterFacts(seen, p) : undefined;
    const grantStep = alone && outcome === 'grant' ? await d.ports.onGranted?.(seen, p) : undefined;
    const decided = await db.transaction().execute(async (trx) => {
      const row = await lockCase(caseId, staff, trx);
      const id = ids.uuid();
      const now = clock.now();
      const actor = { actor_kind: 'staff', actor_id: staff.accountId };
      await d.cases.service.recordAction(
        caseId,
        {
          kind: steps.propose,
          ...actor,
          details: { outcome, grounds: input.grounds, decisionId: id },
        },
        trx,
      );
      const dec: DecisionRow = {
        id,
        case_id: caseId,
        seq: await repo.nextSeq(caseId, trx),
        outcome,
        grounds: input.grounds,
        reasons: input.reasons.trim(),
        state: alone ? 'decided' : 'proposed',
        proposed_by: staff.accountId,
        proposed_at: now,
        approved_by: null,
        approved_at: alone ? now : null,
        returned_by: null,
        returned_at: null,
        return_reason: null,
      };
      await repo.insert(dec, trx);
      if (facts) {
        await d.cases.service.recordAction(
          caseId,
          { kind: 'decided', ...actor, details: { decisionId: id } },
          trx,
        );
        await issueLetters(row, dec, facts, now, trx);
        await grantStep?.(now, trx);
      }
      await audit.record(
        {
          actor: p,
          action: alone ? 'cases.decided' : `cases.${steps.propose}`,
          subject: { kind: 'case', id: caseId },
          details: { decisionId: id, outcome, grounds: input.grounds },
        },
        trx,
      );
      return alone;
    });
    return { decided };
  }

  return {
    /** Proposes a decision on an application in examination. */
    async propose(caseId: string, p: Principal, input: Proposal): Promise<{ decided: boolean }> {
      const problems = proposalProblems(d.pack, input);
      if (Object.keys(problems).length > 0) throw casesErrors.decisionInvalid(problems);
      return proposeOutcome(caseId, p, { ...input, outcome: input.outcome as DecisionOutcome });
    },

    /** Proposes revoking an issued permit; it takes effect only when a second officer approves. */
    async proposeRevocation(
      caseId: string,
      p: Principal,
      input: Omit<Proposal, 'outcome'>,
    ): Promise<void> {
      const problems = revocationProblems(d.pack, input);
      if (Object.keys(problems).length > 0) throw casesErrors.decisionInvalid(problems);
      await proposeOutcome(caseId, p, { ...input, outcome: 'revoke' });
    },

    /** Approves the open proposal (four eyes); the decision takes effect and its letters are made. */
    async approve(caseId: string, p: Principal): Promise<void> {
      const { staff, row: seen } = await openable(caseId, p);
      const facts = await letterFacts(seen, p);
      // Read before the transaction like the letter's facts; used only if the grant is approved.
      const grantStep =
        seen.status === 'decision-proposed' ? await d.ports.onGranted?.(seen, p) : undefined;
      const refused = await db.transaction().execute(async (trx) => {
        const { row, open, check } = await secondOfficer(staff, caseId, trx);
        if (!check.ok) return check.reason;
        const now = clock.now();
        const steps = stepsOf(open.outcome);
        await d.cases.service.recordAction(
          caseId,
          {
            kind: steps.approve,
            actor_kind: 'staff',
            actor_id: staff.accountId,
            details: { decisionId: open.id },
          },
          trx,
        );
        await repo.close(
          open.id,
          { state: 'approved', approved_by: staff.accountId, approved_at: now },
          trx,
        );
        if (open.outcome === 'revoke') await d.ports.onRevoked?.(row.application_id, trx);
        if (open.outcome === 'grant') await grantStep?.(now, trx);
        await issueLetters(row, open, facts, now, trx);
        await audit.record(
          {
            actor: p,
            action: `cases.${steps.approve === 'revoked' ? 'revoked' : 'decision-approved'}`,
            subject: { kind: 'case', id: caseId },
            details: { decisionId: open.id, outcome: open.outcome, proposedBy: open.proposed_by },
          },
          trx,
        );
        return null;
      });
      if (refused) throw await refusedAttempt(caseId, p, 'approve', refused);
    },

    /** Sends the open proposal back to examination with a reason, by a second officer. */
    async returnProposal(caseId: string, p: Principal, reason: string): Promise<void> {
      const text = reason.trim();
      if (!text) throw casesErrors.decisionInvalid({ reason: 'decisions.errors.returnReason' });
      const { staff } = await openable(caseId, p);
      const refused = await db.transaction().execute(async (trx) => {
        const { open, check } = await secondOfficer(staff, caseId, trx);
        if (!check.ok && check.reason !== 'approval-not-needed') return check.reason;
        await d.cases.service.recordAction(
          caseId,
          {
            kind: stepsOf(open.outcome).back,
            actor_kind: 'staff',
            actor_id: staff.accountId,
            details: { decisionId: open.id },
          },
          trx,
        );
        await repo.close(
          open.id,
          {
            state: 'returned',
            returned_by: staff.accountId,
            returned_at: clock.now(),
            return_reason: text,
          },
          trx,
        );
        await audit.record(
          {
            actor: p,
            action: 'cases.decision-returned',
            subject: { kind: 'case', id: caseId },
            details: { decisionId: open.id },
          },
          trx,
        );
        return null;
      });
      if (refused) throw await refusedAttempt(caseId, p, 'return', refused);
    },

    /** The case (for staff who may open it) with its proposals, audited as an examination read. */
    async caseWithDecisions(caseId: string, p: Principal) {
      const { row: c } = await openable(caseId, p);
      const decisions = await repo.list(caseId);
      await audit.recordRead({
        actor: p,
        subject: { kind: 'case', id: caseId },
        purpose: 'examination',
        fields: ['decisions'],
      });
      return { case: c, decisions, open: decisions.find((x) => x.state === 'proposed') };
    },

    /** The application's letters for its person or filer (not staff); anyone else: not found. */
    async lettersOf(applicationId: string, p: Principal) {
      if (p.kind === 'staff' || !(await d.ports.canSeeApplication(applicationId, p)))
        return undefined;
      return repo.letters(applicationId);
    },
    async letter(applicationId: string, seq: number, p: Principal) {
      if (p.kind === 'staff' || !(await d.ports.canSeeApplication(applicationId, p)))
        return undefined;
      const l = await repo.letter(applicationId, seq);
      if (l) {
        await audit.recordRead({
          actor: p,
          subject: { kind: 'application', id: applicationId },
          purpose: 'own-application',
          fields: ['decision-letter'],
        });
      }
      return l;
    },
  };
}

export type DecisionsService = ReturnType<typeof createDecisionsService>;
