import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import {
  deriveStatus,
  lifecycleFor,
  OPENING_ACTION,
  type CaseActionInput,
  type CaseActionKind,
  type DecisionOutcome,
  type LifecycleVariant,
} from './cases.lifecycle';
import type { CaseActionRow, CaseCachePatch, CaseRow, CasesRepository } from './cases.repository';
import { casesErrors } from './errors';

/** What the cases module needs to know about a submitted application (given by the composition root). */
export interface SubmittedApplication {
  id: string;
  service_id: string;
  ground_id: string | null;
  /** general, urgent, next-day, same-day; missing = general. */
  urgency?: string | undefined;
  submitted_at: Date | null;
}

/** The catalogue's rules that choose a service's lifecycle variant (adapted in src/app). */
export interface LifecycleRulesPort {
  lifecycleRules(serviceId: string): { visitRequired: boolean; grantNeedsApproval: boolean };
}

export interface CasesServiceDeps {
  repo: CasesRepository;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  catalogue: LifecycleRulesPort;
}

/** An action to record on a case: what, by whom, with which facts. */
export interface NewCaseAction {
  kind: CaseActionKind;
  actor_kind: string;
  actor_id: string | null;
  details?: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OUTCOMES: readonly string[] = ['grant', 'refuse', 'terminate'];

/** The part of a stored action the lifecycle reads: its kind and, if any, the decision outcome. */
const lifecycleInput = (a: Pick<CaseActionRow, 'kind' | 'details'>): CaseActionInput => {
  const outcome = a.details['outcome'];
  return typeof outcome === 'string' && OUTCOMES.includes(outcome)
    ? { kind: a.kind, outcome: outcome as DecisionOutcome }
    : { kind: a.kind };
};

/** Staff who passed MFA may read cases; everyone else is told the case does not exist. */
const mayRead = (p: Principal) => p.kind === 'staff' && p.mfaPassed;

export function createCasesService(d: CasesServiceDeps) {
  const { repo, clock, ids, audit } = d;
  const variantOf = (serviceId: string): LifecycleVariant =>
    lifecycleFor(d.catalogue.lifecycleRules(serviceId));

  /** The status the table gives a list of actions; a list it refuses is refused as a whole. */
  function statusOf(serviceId: string, actions: readonly CaseActionInput[]) {
    const derived = deriveStatus(variantOf(serviceId), actions);
    if (!derived.ok) throw casesErrors.actionNotAllowed(derived);
    return derived.status;
  }

  /**
   * Opens the case of a submitted application, in the submission's own transaction: the case,
   * its first action `submitted` and the audit entry commit with the submission or not at all.
   * A second call for the same application returns the case it already has.
   */
  async function openCase(app: SubmittedApplication, trx: AnyTransaction): Promise<CaseRow> {
    const existing = await repo.findByApplication(app.id, trx);
    if (existing) return existing;
    const at = app.submitted_at ?? clock.now();
    const row: CaseRow = {
      id: ids.uuid(),
      application_id: app.id,
      service_id: app.service_id,
      ground_id: app.ground_id,
      urgency: app.urgency ?? 'general',
      branch_id: null,
      assigned_to: null,
      status: statusOf(app.service_id, [{ kind: OPENING_ACTION }]),
      term_starts_on: null,
      deadline_on: null,
      opened_at: at,
    };
    if (!(await repo.insertIfAbsent(row, trx))) {
      // Another transaction opened it between our read and our insert (it has committed).
      return (await repo.findByApplication(app.id, trx)) as CaseRow;
    }
    await repo.appendAction(
      {
        case_id: row.id,
        at,
        kind: OPENING_ACTION,
        actor_kind: 'system',
        actor_id: null,
        details: { applicationId: app.id },
      },
      trx,
    );
    await audit.record(
      {
        actor: { kind: 'system', id: 'cases' },
        action: 'cases.opened',
        subject: { kind: 'case', id: row.id },
        details: { applicationId: app.id, service: app.service_id, status: row.status },
      },
      trx,
    );
    return row;
  }

  /**
   * Records an action under the case row lock, if the lifecycle table allows it from the case's
   * current position (CASE_ACTION_NOT_ALLOWED otherwise), and updates the status cache and any
   * queue columns given in the same transaction. Authorisation is the caller's (the workbench).
   */
  async function recordAction(
    caseId: string,
    action: NewCaseAction,
    trx: AnyTransaction,
    cache: Omit<CaseCachePatch, 'status'> = {},
  ): Promise<CaseRow> {
    const locked = UUID.test(caseId) ? await repo.lock(caseId, trx) : undefined;
    if (!locked) throw casesErrors.notFound();
    const details = action.details ?? {};
    const before = await repo.actions(caseId, trx);
    const status = statusOf(locked.service_id, [
      ...before.map(lifecycleInput),
      lifecycleInput({ kind: action.kind, details }),
    ]);
    await repo.appendAction(
      {
        case_id: caseId,
        at: clock.now(),
        kind: action.kind,
        actor_kind: action.actor_kind,
        actor_id: action.actor_id,
        details,
      },
      trx,
    );
    await repo.updateCache(caseId, { ...cache, status }, trx);
    return { ...locked, ...cache, status };
  }

  async function readable(id: string, p: Principal): Promise<CaseRow> {
    const row = mayRead(p) && UUID.test(id) ? await repo.find(id) : undefined;
    if (!row) throw casesErrors.notFound();
    return row;
  }

  return {
    openCase,
    recordAction,
    /** A case for staff (after MFA); anyone else, or an unknown id, gets CASE_NOT_FOUND. */
    async getCase(id: string, p: Principal): Promise<CaseRow> {
      const row = await readable(id, p);
      await audit.recordRead({
        actor: p,
        subject: { kind: 'case', id },
        purpose: 'examination',
        fields: ['case'],
      });
      return row;
    },
    /** The case's actions in order, for staff (after MFA); anyone else gets CASE_NOT_FOUND. */
    async actionsOf(id: string, p: Principal): Promise<CaseActionRow[]> {
      await readable(id, p);
      const actions = await repo.actions(id);
      await audit.recordRead({
        actor: p,
        subject: { kind: 'case', id },
        purpose: 'examination',
        fields: ['actions'],
      });
      return actions;
    },
  };
}

export type CasesService = ReturnType<typeof createCasesService>;
