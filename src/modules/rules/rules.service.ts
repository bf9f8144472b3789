import { createHash } from 'node:crypto';
import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction, Db } from '../../platform/db';
import type { Language } from '../../platform/i18n';
import { canonical, type AuditModule } from '../audit';
import { DEFAULT_PACK_ROOT } from '../catalogue';
import type { CompiledRuleSet } from './engine/compile';
import type { Evaluation, ParameterResolver } from './engine/evaluate';
import { explainAll, type ExplainedCheck } from './engine/explain';
import { createRuleBook, type RuleBook } from './engine/rule-book';
import { rulesErrors } from './errors';
import { loadRuleSets } from './rules.pack';
import {
  createRulesRepository,
  type RulesEvaluationRow,
  type StoredCheck,
} from './rules.repository';
import { ApplicationSnapshot, type ApplicationSnapshotInput } from './snapshot';

export interface RulesDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  /** The country pack folder (its rules/ subfolder); default content/lt of this repository. */
  packRoot?: string;
  /** Parameters (reference values, fees) in force on a date: src/app/rules-parameters.ts. */
  resolve: ParameterResolver;
  /**
   * Versions loaded by staff after start-up (administration), evaluated with the pack's. Given
   * the caller's transaction when there is one: on PGlite (one session) a read outside it would
   * wait for the transaction to end, which waits for the read.
   */
  extraSets?: (trx?: AnyTransaction) => Promise<CompiledRuleSet[]>;
}

export interface SubmissionInput {
  applicationId: string;
  caseId?: string | null;
  snapshot: ApplicationSnapshotInput;
  /** The date the rules are taken in force for (YYYY-MM-DD): the submission date. */
  date: string;
}

/** sha-256 (hex) of the canonical JSON of a snapshot: what input_hash holds. */
export const inputHash = (input: unknown) =>
  createHash('sha256').update(canonical(input)).digest('hex');

/** The engine's result without what repeats (each fired rule's table is its check's table). */
const storedChecks = (e: Evaluation): StoredCheck[] =>
  e.checks.map((c) => ({
    check: c.check,
    table: c.table,
    ruleSet: c.ruleSet,
    version: c.version,
    outcome: c.outcome,
    outputs: c.outputs,
    fired: c.fired.map(({ table: _table, ...f }) => f),
    missing: c.missing,
    parameters: c.parameters,
  }));

/**
 * The rules in use: the pack's rule sets (read once at start-up; a broken pack stops it, naming
 * the file, table, rule and cell) and the versions staff load later, evaluated against snapshots
 * of applications; evaluations on submission are kept with the case.
 */
export function createRulesModule(deps: RulesDeps) {
  const packSets = loadRuleSets(deps.packRoot ?? DEFAULT_PACK_ROOT);
  const repo = createRulesRepository(deps.db);
  let cached: { key: string; book: RuleBook } | undefined;

  /** The book of all versions; rebuilt only when the extra sets change (their hashes). */
  async function book(trx?: AnyTransaction): Promise<RuleBook> {
    const extra = deps.extraSets ? await deps.extraSets(trx) : [];
    const key = extra.map((s) => `${s.file.id}@${s.file.version}:${s.hash}`).join(',');
    if (!cached || cached.key !== key) {
      // A version loaded by staff replaces the pack's file of the same id and version.
      const replaced = new Set(extra.map((s) => `${s.file.id}@${s.file.version}`));
      const sets = [...packSets.filter((s) => !replaced.has(`${s.file.id}@${s.file.version}`))];
      cached = { key, book: createRuleBook([...sets, ...extra], deps.resolve) };
    }
    return cached.book;
  }

  const hasRules = (b: RuleBook, serviceId: string) =>
    b.sets.some((s) => s.file.service === serviceId);

  return {
    repo,
    book: (trx?: AnyTransaction) => book(trx),
    /** Whether the service has a rule set of its own (any version). */
    forService: async (serviceId: string) => hasRules(await book(), serviceId),
    /** Evaluates the service's rule sets in force on `date` (throws RULES_* on bad input or pack). */
    evaluate: async (serviceId: string, snapshot: unknown, date: string) =>
      (await book()).evaluate(serviceId, snapshot, date),
    explain: async (evaluation: Evaluation, lang: Language): Promise<ExplainedCheck[]> =>
      (await book()).explain(evaluation, lang),

    /**
     * Evaluates a submitted application and keeps the result, in the submission's transaction.
     * Once per application: a second call returns the first. Undefined when the service has no
     * rule set. Evaluation errors (RULES_*) are thrown before anything is written.
     */
    async recordSubmission(
      input: SubmissionInput,
      trx: AnyTransaction,
    ): Promise<RulesEvaluationRow | undefined> {
      const existing = await repo.submissionOf(input.applicationId, trx);
      if (existing) return existing;
      const b = await book(trx);
      const parsed = ApplicationSnapshot.safeParse(input.snapshot);
      if (!parsed.success)
        throw rulesErrors.inputInvalid(
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      const snapshot = parsed.data;
      if (!hasRules(b, snapshot.service)) return undefined;
      const evaluation = b.evaluate(snapshot.service, snapshot, input.date);
      const row: Omit<RulesEvaluationRow, 'closed_at'> = {
        id: deps.ids.uuid(),
        application_id: input.applicationId,
        case_id: input.caseId ?? null,
        purpose: 'submission',
        evaluated_at: deps.clock.now(),
        for_date: input.date,
        service_id: snapshot.service,
        input: snapshot as unknown as Record<string, unknown>,
        input_hash: inputHash(snapshot),
        rule_sets: evaluation.ruleSets,
        checks: storedChecks(evaluation),
        explanations: explainAll(evaluation, b.sets),
      };
      await repo.insert(row, trx);
      return repo.submissionOf(input.applicationId, trx);
    },

    /** The case was withdrawn or decided: its evaluations leave impact analysis. */
    async closeFor(applicationId: string, trx: AnyTransaction): Promise<void> {
      await repo.close(applicationId, deps.clock.now(), trx);
    },

    /**
     * The latest kept evaluation of an application (by default its submission's), for someone
     * the caller has already allowed to see the application. The read is personal data: audited.
     */
    async latestFor(
      applicationId: string,
      actor: Parameters<AuditModule['recordRead']>[0]['actor'],
      purpose: string | null = 'submission',
    ): Promise<RulesEvaluationRow | undefined> {
      const row = await repo.latestFor(applicationId, purpose ?? undefined);
      if (row)
        await deps.audit.recordRead({
          actor,
          subject: { kind: 'application', id: applicationId },
          purpose: 'examination',
          fields: ['rule-evaluation'],
        });
      return row;
    },
  };
}

export type RulesModule = ReturnType<typeof createRulesModule>;
