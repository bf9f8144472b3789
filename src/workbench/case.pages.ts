import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsModule } from '../modules/accounts';
import type { ApplicationsModule } from '../modules/applications';
import {
  NOTE_MAX_LENGTH,
  SIMPLE_ACTIONS,
  type CasesModule,
  type ProductionService,
} from '../modules/cases';
import type { CatalogueModule } from '../modules/catalogue';
import type { DocumentsModule } from '../modules/documents';
import type { RulesModule } from '../modules/rules';
import type { AuditModule } from '../modules/audit';
import type { EstimatesModule } from '../modules/estimates';
import type { ProcessingModule } from '../modules/processing';
import type { RegistriesModule } from '../modules/registries';
import type { TriageModule } from '../modules/triage';
import type { Clock } from '../platform/clock';
import { isAppError } from '../platform/errors';
import { fromFieldErrors, type FormErrors } from '../platform/http';
import { caseView } from './case.view';

export interface WorkbenchDeps {
  clock: Clock;
  accounts: AccountsModule;
  cases: CasesModule;
  applications: ApplicationsModule;
  documents: DocumentsModule;
  catalogue: CatalogueModule;
  /** Document production, for the case's production state (optional: tests without it). */
  production?: Pick<ProductionService, 'orderOf'>;
  /** The rule checks kept on submission, for the "Rule checks" panel (optional: tests without it). */
  rules?: Pick<RulesModule, 'latestFor' | 'forService'>;
  /** Registry checks, triage, the estimate and the pipeline's steps on the case (issue 8). */
  automation?: {
    registries: Pick<RegistriesModule, 'service'>;
    triage: Pick<TriageModule, 'service' | 'criteria'>;
    estimates: Pick<EstimatesModule, 'service'>;
    processing: Pick<ProcessingModule, 'service'>;
  };
  /** For the audit of the automation panels' read (personal data: register facts, triage). */
  audit?: Pick<AuditModule, 'recordRead'>;
  /** Open reports of unusual booking patterns, counted on administrators' home (appointments). */
  openBookingReports?: () => Promise<number>;
}

const caseStaff = {
  config: { access: { who: 'staff' as const, roles: ['officer', 'team-lead'] } },
};
const teamLead = { config: { access: { who: 'staff' as const, roles: ['team-lead'] } } };
const param = (req: FastifyRequest) => String((req.params as Record<string, string>)['id'] ?? '');
const field = (req: FastifyRequest, name: string) => {
  const v = ((req.body ?? {}) as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
};

/** The case view, its internal notes, the simple actions and assignment. */
export function caseRoutes(deps: WorkbenchDeps) {
  const { cases } = deps;
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<FormErrors> & { values?: Record<string, string> } = {},
  ) =>
    reply.page('workbench/views/case.njk', {
      ...(await caseView(req, deps, param(req))),
      ...extra,
    });

  return async (app: FastifyInstance) => {
    app.get('/workbench/cases/:id', caseStaff, (req, reply) => show(req, reply));

    app.post('/workbench/cases/:id/actions', caseStaff, async (req, reply) => {
      const kind = SIMPLE_ACTIONS.find((k) => k === field(req, 'kind'));
      const problem = (text: string, status: number) =>
        show(req, reply.status(status), fromFieldErrors({ actions: text }));
      if (!kind) return problem(req.t('workbench.case.error.actionUnknown'), 400);
      try {
        await cases.queues.act(param(req), kind, req.principal);
      } catch (e) {
        if (isAppError(e) && e.code === 'CASE_ACTION_NOT_ALLOWED')
          return problem(req.t('workbench.case.error.actionNotAllowed'), 409);
        throw e;
      }
      return reply.redirect(`/workbench/cases/${param(req)}`);
    });

    app.post('/workbench/cases/:id/notes', caseStaff, async (req, reply) => {
      const body = field(req, 'note').trim();
      if (body.length === 0 || body.length > NOTE_MAX_LENGTH) {
        const text = req.t(
          body.length === 0
            ? 'workbench.case.error.noteRequired'
            : 'workbench.case.error.noteTooLong',
          { max: NOTE_MAX_LENGTH },
        );
        return show(req, reply.status(400), {
          ...fromFieldErrors({ note: text }),
          values: { note: field(req, 'note') },
        });
      }
      await cases.queues.addNote(param(req), body, req.principal);
      return reply.redirect(`/workbench/cases/${param(req)}#notes`);
    });

    /**
     * A team lead assigns the case to an officer of the case's branch (or their own, for a case
     * no branch holds yet); without a choice, to the officer with the fewest open cases.
     */
    app.post('/workbench/cases/:id/assign', teamLead, async (req, reply) => {
      const p = req.principal;
      const row = await cases.service.openable(param(req), p);
      const branchId = row.branch_id ?? (p.kind === 'staff' ? p.branchId : null);
      const officers = branchId ? await deps.accounts.repo.listStaff(branchId, 'officer') : [];
      const chosen = field(req, 'officer');
      const accountId = chosen
        ? officers.find((o) => o.id === chosen)?.id
        : await cases.queues.leastLoadedOfficer(officers.map((o) => o.id));
      if (!accountId) {
        return show(req, reply.status(400), {
          ...fromFieldErrors({ officer: req.t('workbench.case.error.officerUnknown') }),
        });
      }
      await cases.queues.assign(row.id, { accountId, branchId }, p);
      return reply.redirect(`/workbench/cases/${row.id}`);
    });
  };
}
