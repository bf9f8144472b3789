/**
 * The automation of issue 8 wired together: registry checks (registries), triage (triage), the
 * per-case decision date (estimates) and the pipeline that runs them (processing), with the
 * ports each needs from the modules already built in build-app.ts.
 */
import type { AccountsModule } from '../modules/accounts';
import type { ApplicationRow, ApplicationsModule } from '../modules/applications';
import type { AuditModule } from '../modules/audit';
import type { CasesModule, DecisionsModule } from '../modules/cases';
import { localDate, type CatalogueModule } from '../modules/catalogue';
import { parseTravelDocumentMrz } from '../modules/documents';
import { createEstimatesModule } from '../modules/estimates';
import type { PersonsModule } from '../modules/persons';
import {
  createProcessingModule,
  type IdentityResult,
  type PipelineApplication,
  type ProcessingPorts,
  type RulesResult,
} from '../modules/processing';
import { createRegistriesModule, registriesOptionsFromConfig } from '../modules/registries';
import { ApplicationSnapshot, inputHash, type RulesModule } from '../modules/rules';
import { createTriageModule } from '../modules/triage';
import type { AnyTransaction } from '../platform/db';
import { isAppError } from '../platform/errors';
import type { Principal } from '../platform/http';
import type { AppContext } from './context';
import { recordOfApplication } from './persons.wiring';
import { snapshotOf, type SnapshotSources } from './rules.wiring';

const MRZ_ANSWER = 'travel-document-mrz';

/**
 * The pipeline reads a submitted application as the system, not as a person: staff rights
 * without a person behind them. Nothing is shown to anyone from this read, so it is not audited
 * as a personal-data read; every step it feeds is logged (processing_steps, triage_runs).
 */
const PIPELINE_READER: Principal = {
  kind: 'staff',
  accountId: '00000000-0000-0000-0000-000000000000',
  email: 'processing@vartai.invalid',
  displayName: 'Vartai processing',
  roles: [],
  branchId: null,
  mfaPassed: true,
};

/** The application as the pipeline reads it, with the row the adapters below need. */
export type PipelineApplicationRow = PipelineApplication & { row: ApplicationRow };

const IDENTITY = {
  rule: 'linked',
  linked: 'linked',
  new: 'new-person',
  review: 'review-pending',
} as const;

/** Document facts from the application's travel document: readable, and agreeing with answers. */
export function documentFactsOf(row: ApplicationRow, today: Date) {
  const mrz = row.answers[MRZ_ANSWER];
  if (!mrz) return { travelDocumentReadable: null, inconsistencies: [] };
  const parsed = parseTravelDocumentMrz(mrz, { today });
  if (!parsed.valid) return { travelDocumentReadable: false, inconsistencies: [] };
  const f = parsed.fields;
  const inconsistencies: string[] = [];
  const nationality = row.answers.nationality?.trim().toUpperCase();
  if (nationality && f.nationality && nationality !== f.nationality)
    inconsistencies.push('nationality-differs-from-travel-document');
  const born = row.answers['date-of-birth']?.trim();
  if (born && f.birthDate && born !== f.birthDate)
    inconsistencies.push('birth-date-differs-from-travel-document');
  return { travelDocumentReadable: true, inconsistencies };
}

export interface AutomationDeps {
  ctx: AppContext;
  audit: AuditModule;
  catalogue: CatalogueModule;
  accounts: AccountsModule;
  cases: CasesModule;
  applications: ApplicationsModule;
  rules: Pick<RulesModule, 'book' | 'repo'>;
  snapshots: SnapshotSources;
  persons: PersonsModule;
  decisions: DecisionsModule;
}

/**
 * The rule checks of an application: the evaluation kept on submission while its inputs still
 * hold; evaluated again (not kept: the pipeline's step records it) when the application's facts
 * changed since, e.g. documents an answer to a request brought, or a visit booked.
 */
function rulesPort(d: AutomationDeps) {
  return async (
    app: PipelineApplicationRow,
    _caseId: string,
    reevaluate: boolean,
    trx: AnyTransaction,
  ): Promise<RulesResult> => {
    // Everything in the run's transaction: on PGlite a second connection would wait for it.
    const book = await d.rules.book(trx);
    if (!book.sets.some((s) => s.file.service === app.serviceId))
      return { state: 'skipped', ref: 'rules:none', checks: [] };
    // Check names in Lithuanian, the language of the decision's record (the prepared grant).
    const names = new Map(
      book.sets.flatMap((s) => s.file.tables.map((t) => [t.check, t.name.lt] as const)),
    );
    const named = (c: { check: string; outcome: RulesResult['checks'][number]['outcome'] }) => ({
      check: c.check,
      outcome: c.outcome,
      ...(names.get(c.check) ? { name: names.get(c.check)! } : {}),
    });
    const on = localDate(app.row.submitted_at ?? d.ctx.clock.now());
    const snapshot = snapshotOf(app.row, await d.snapshots.facts(app.row, on, trx));
    // Hashed as the rules module hashes what it keeps: the parsed snapshot.
    const parsed = ApplicationSnapshot.safeParse(snapshot);
    const hash = inputHash(parsed.success ? parsed.data : snapshot);
    const kept = await d.rules.repo.latestFor(app.id, 'submission', trx);
    if (kept && !reevaluate && kept.input_hash === hash)
      return {
        state: 'done',
        ref: `rules-evaluation:${kept.id}`,
        checks: kept.checks.map(named),
      };
    try {
      const evaluation = book.evaluate(app.serviceId, snapshot, on);
      return {
        state: 'done',
        ref: `rules-input:${hash.slice(0, 16)}`,
        checks: evaluation.checks.map(named),
      };
    } catch (e) {
      // A pack problem must not stop the pipeline: the checks cannot tell (triage: standard).
      if (isAppError(e) && e.code.startsWith('RULES_'))
        return { state: 'done', ref: 'rules:error', checks: [] };
      throw e;
    }
  };
}

/** Builds the registries, triage, estimates and processing modules and connects them. */
export function createAutomation(d: AutomationDeps) {
  const { ctx, cases, audit } = d;
  const base = { db: ctx.database.db, clock: ctx.clock, ids: ctx.ids, jobs: ctx.jobs, audit };
  const registries = createRegistriesModule({
    ...base,
    logger: ctx.logger,
    options: registriesOptionsFromConfig(ctx.config),
  });
  const mayOpen = async (caseId: string, p: Principal) =>
    cases.service.openable(caseId, p).then(
      () => true,
      (e: unknown) => {
        if (isAppError(e) && e.code === 'CASE_NOT_FOUND') return false;
        throw e;
      },
    );
  const triage = createTriageModule({ ...base, mayOpen });
  const estimates = createEstimatesModule({
    db: ctx.database.db,
    clock: ctx.clock,
    holidays: d.catalogue.pack.holidays,
    ports: {
      pendingRegistries: async (caseId, trx) =>
        (await registries.service.checksOf(caseId, trx))
          .filter((c) => c.state !== 'answered')
          .map((c) => ({ registry: c.registry, expectedBy: c.expectedBy })),
    },
  });

  const ports: ProcessingPorts<PipelineApplicationRow> = {
    findCase: (id) => cases.repo.find(id),
    lockCase: (id, trx) => cases.repo.lock(id, trx),
    actionsOf: (id, trx) => cases.repo.actions(id, trx),
    async applicationOf(id) {
      const row = await d.applications.service.getVisible(id, PIPELINE_READER).catch((e) => {
        if (isAppError(e) && e.code.endsWith('NOT_FOUND')) return undefined;
        throw e;
      });
      if (!row || row.state !== 'submitted') return undefined;
      return {
        id: row.id,
        serviceId: row.service_id,
        groundId: row.ground_id,
        answers: row.answers,
        forPersonName: row.for_person_name ?? null,
        forPersonBirthDate: row.for_person_birth_date ?? null,
        row,
      };
    },
    async identity(app, trx): Promise<IdentityResult> {
      const input = recordOfApplication(app.row, ctx.clock.now());
      if (!input) return { outcome: 'not-matched', personId: null, ref: `application:${app.id}` };
      try {
        const m = await d.persons.service.matchRecord(input, trx);
        return {
          outcome: IDENTITY[m.outcome as keyof typeof IDENTITY] ?? 'linked',
          personId: m.personId,
          ref: `person-record:${m.recordId}`,
        };
      } catch (e) {
        if (!isAppError(e) || e.code !== 'PERSONS_RECORD_INVALID') throw e;
        return { outcome: 'not-matched', personId: null, ref: `application:${app.id}` };
      }
    },
    registries: registries.service,
    rules: rulesPort(d),
    documents: (app) => documentFactsOf(app.row, ctx.clock.now()),
    triage: {
      run: async (caseId, features, inputRef, trx) => {
        const run = await triage.service.run(caseId, features, inputRef, trx);
        return {
          id: run.id,
          tier: run.tier,
          decisive: run.decisive,
          switchedOff: run.switchedOff,
          criteriaVersion: run.criteriaVersion,
        };
      },
    },
    setRouting: (caseId, routing, trx) => cases.queues.setRouting(caseId, routing, trx),
  };

  const processing = createProcessingModule({
    ...base,
    i18n: ctx.i18n,
    ports,
    grantPorts: {
      openable: (id, p) => cases.service.openable(id, p),
      actionsOf: (id) => cases.repo.actions(id),
      startExamination: (id, p) => cases.queues.act(id, 'examination-started', p),
      propose: (id, p, input) => d.decisions.service.propose(id, p, input),
    },
    groundText: (id, lang) => {
      const g = d.decisions.pack.grounds.grant.find((x) => x.id === id);
      return g ? `${g.name[lang]} (${g.basis[lang]})` : id;
    },
  });

  // Each registry answer runs the pipeline again, committed with the answer (outbox). Answers
  // stored together (one case's registers, one transaction) need one run after all of them.
  const enqueuedIn = new WeakMap<AnyTransaction, Set<string>>();
  registries.service.onAnswered(async (caseId, _registry, trx) => {
    const seen = enqueuedIn.get(trx) ?? new Set<string>();
    enqueuedIn.set(trx, seen);
    if (seen.has(caseId)) return;
    seen.add(caseId);
    await processing.service.enqueue(caseId, 'registry-answer', trx);
  });
  // A closed case's triage log is kept until closed + 6 months, then purged (AI Act log).
  cases.service.onClosed((c, trx) => triage.service.caseClosed(c.id, ctx.clock.now(), trx));

  return { registries, triage, estimates, processing };
}

export type Automation = ReturnType<typeof createAutomation>;

/**
 * The cases module as the information requests see it, with one addition: an applicant's answer
 * (information-received) runs the pipeline again, in the answer's transaction.
 */
export function runOnAnswer(
  cases: CasesModule,
  enqueue: (caseId: string, trx: AnyTransaction) => Promise<void>,
): CasesModule {
  const recordAction: CasesModule['service']['recordAction'] = async (caseId, action, trx, c) => {
    const row = await cases.service.recordAction(caseId, action, trx, c);
    if (action.kind === 'information-received') await enqueue(caseId, trx);
    return row;
  };
  return { ...cases, service: { ...cases.service, recordAction } };
}
