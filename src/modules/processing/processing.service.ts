/**
 * The automated pipeline (issue 8): identity → registry checks → rules → triage → routing, run as
 * a job on submission, on each answer from the applicant and on each registry answer. One run is
 * one transaction; every step's result is stored with the reference of its inputs. A routine
 * tier gets a prepared grant for an officer to confirm; nothing here refuses, proposes a refusal
 * or closes a case.
 */
import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction, Db } from '../../platform/db';
import type { I18n } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import {
  checksRef,
  featuresOf,
  inputRefOf,
  proposalChecks,
  subjectOf,
  type ProposalCheck,
} from './features';
import type { ProcessingRepository, ProcessingStepRow } from './processing.repository';
import {
  PROCESSING_RUN_JOB,
  type PipelineApplication,
  type ProcessingPorts,
  type ProcessingRunJob,
  type Step,
  type StepState,
  type Trigger,
} from './processing.types';

/** Statuses before a decision is proposed: the only ones the pipeline runs on. */
export const RUNNABLE_STATUSES: readonly string[] = [
  'submitted',
  'awaiting-visit',
  'accepted',
  'in-examination',
  'information-requested',
];
/** The grant ground of a prepared grant (content/lt/letters/grounds.yaml). */
export const PREPARED_GROUNDS = ['conditions-met'] as const;

export interface ProcessingServiceDeps<A extends PipelineApplication> {
  db: Db;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  i18n: I18n;
  repo: ProcessingRepository;
  ports: ProcessingPorts<A>;
}

export type RunOutcome =
  | { ran: true; runSeq: number; tier: string; proposal: boolean }
  | { ran: false; reason: 'unknown-case' | 'not-runnable' | 'unchanged' };

export function createProcessingService<A extends PipelineApplication>(
  d: ProcessingServiceDeps<A>,
) {
  const { repo, ports, clock } = d;

  /** Pre-filled reasons in Lithuanian, the language of the decision's record. */
  function reasonsOf(checks: ProposalCheck[]): string {
    const t = (key: string, v?: Record<string, string>) => d.i18n.t('lt', `processing.${key}`, v);
    const met = checks.filter((c) => c.kind === 'rule').map((c) => c.name ?? c.id);
    const registers = checks.filter((c) => c.kind === 'registry').map((c) => c.id);
    return [
      t('reasons.intro'),
      ...(met.length ? [t('reasons.rules', { checks: met.join(', ') })] : []),
      ...(registers.length ? [t('reasons.registries', { registries: registers.join(', ') })] : []),
      t('reasons.closing'),
    ].join('\n\n');
  }

  async function runInTransaction(
    caseId: string,
    trigger: Trigger,
    app: A,
    trx: AnyTransaction,
  ): Promise<RunOutcome> {
    const c = await ports.lockCase(caseId, trx);
    if (!c) return { ran: false, reason: 'unknown-case' };
    if (!RUNNABLE_STATUSES.includes(c.status)) return { ran: false, reason: 'not-runnable' };
    const actions = await ports.actionsOf(caseId, trx);

    const last = await repo.lastRun(caseId, trx);
    // A settled match does not change between runs: only a pending review or no match is asked
    // again (an officer's review decides it in the persons register meanwhile).
    const known = last?.identity;
    const identity =
      known && (known.outcome === 'linked' || known.outcome === 'new-person')
        ? known
        : await ports.identity(app, trx);
    const needed = ports.registries.registriesFor(c.service_id, c.ground_id);
    // Requests what is not asked yet and gives all the case's checks, in one go.
    const checks =
      needed.length > 0
        ? await ports.registries.request(caseId, subjectOf(app, identity, c), needed, trx)
        : [];
    const answered = actions.some((a) => a.kind === 'information-received');
    const rules = await ports.rules(app, caseId, answered, trx);
    const documents = ports.documents(app);
    const features = featuresOf({ identity, checks, rules, documents });
    const inputRef = inputRefOf(identity, checks, rules, features);
    // The same inputs as the last run: nothing new to log (a repeated job changes nothing).
    if (last?.triageInput === inputRef) return { ran: false, reason: 'unchanged' };
    const runSeq = (last?.runSeq ?? 0) + 1;
    const run = await ports.triage.run(caseId, features, inputRef, trx);
    // The tier is a cache on the case written only here: the same tier needs no write.
    if (last?.tier !== run.tier) await ports.setRouting(caseId, { tier: run.tier }, trx);
    const now = clock.now();
    // A new run replaces what an earlier one prepared; a routine one prepares afresh. Only a run
    // prepares a grant, so none can wait when the last run prepared none.
    if (last?.proposal) await repo.settle(caseId, 'superseded', 'system', now, trx);
    const prepare = run.tier === 'routine';
    if (prepare) {
      const behind = proposalChecks(identity, checks, rules);
      await repo.insertProposal(
        {
          id: d.ids.uuid(),
          case_id: caseId,
          run_seq: runSeq,
          outcome: 'grant',
          grounds: [...PREPARED_GROUNDS],
          reasons: reasonsOf(behind),
          checks: behind,
          action_seq: actions.at(-1)?.seq ?? 0,
          state: 'prepared',
          created_at: now,
          settled_at: null,
          settled_by: null,
        },
        trx,
      );
    }
    const waiting = checks.some((x) => x.state !== 'answered');
    const step = (
      s: Step,
      state: StepState,
      ref: string,
      result: Record<string, unknown>,
    ): ProcessingStepRow => ({
      case_id: caseId,
      run_seq: runSeq,
      step: s,
      state,
      trigger,
      input_ref: ref,
      result,
      at: now,
    });
    await repo.insertSteps(
      [
        step('identity', 'done', `application:${app.id}`, {
          outcome: identity.outcome,
          personId: identity.personId,
          matched: identity.ref,
        }),
        step(
          'registries',
          needed.length === 0 ? 'skipped' : waiting ? 'waiting' : 'done',
          checksRef(checks),
          { checks: features.registries },
        ),
        step('rules', rules.state, rules.ref, {
          completeness: features.completeness,
          ...(features.eligibility ?? {}),
          documents: features.documents,
          inconsistencies: features.inconsistencies,
        }),
        step('triage', 'done', inputRef, {
          run: run.id,
          tier: run.tier,
          decisive: run.decisive,
          switchedOff: run.switchedOff,
          criteriaVersion: run.criteriaVersion,
        }),
        step('routing', 'done', `triage-run:${run.id}`, { tier: run.tier, proposal: prepare }),
      ],
      trx,
    );
    return { ran: true, runSeq, tier: run.tier, proposal: prepare };
  }

  return {
    /**
     * Runs the pipeline on a case now (the job calls this; so do the demo data and the bench).
     * The application is read before the transaction: on PGlite nothing else may run inside one.
     */
    async run(caseId: string, trigger: Trigger): Promise<RunOutcome> {
      const c = await ports.findCase(caseId);
      if (!c) return { ran: false, reason: 'unknown-case' };
      if (!RUNNABLE_STATUSES.includes(c.status)) return { ran: false, reason: 'not-runnable' };
      const app = await ports.applicationOf(c.application_id);
      if (!app) return { ran: false, reason: 'unknown-case' };
      return d.db.transaction().execute((trx) => runInTransaction(caseId, trigger, app, trx));
    },

    /** Enqueues a run in the caller's transaction; one waiting run per case is enough. */
    async enqueue(caseId: string, trigger: Trigger, trx: AnyTransaction | null): Promise<void> {
      await d.jobs.enqueue(
        trx,
        PROCESSING_RUN_JOB,
        { caseId, trigger } satisfies ProcessingRunJob,
        {
          singletonKey: caseId,
        },
      );
    },

    /** The steps of the latest run, for the case page. */
    latestSteps: (caseId: string) => repo.steps(caseId),
    /** The prepared grant of a case, if one waits. */
    prepared: (caseId: string, trx?: AnyTransaction) => repo.prepared(caseId, trx),
  };
}

export type ProcessingService = ReturnType<typeof createProcessingService<PipelineApplication>>;
