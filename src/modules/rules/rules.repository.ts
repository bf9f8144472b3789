import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { Outcome } from './rules.schemas';
import type { Explanations } from './engine/explain';
import type { FiredRule } from './engine/evaluate';

/** A check as stored: the engine's CheckResult without what repeats (migration 0028). */
export interface StoredCheck {
  check: string;
  table: string;
  ruleSet: string;
  version: string;
  outcome: Outcome;
  outputs: Record<string, unknown>;
  fired: Omit<FiredRule, 'table'>[];
  missing: string[];
  /** The rule set's parameters in force on the date (reference values, fees). */
  parameters: Record<string, unknown>;
}

/** A row of rules_evaluations; the date it was evaluated for is YYYY-MM-DD text. */
export interface RulesEvaluationRow {
  id: string;
  application_id: string;
  case_id: string | null;
  purpose: string;
  evaluated_at: Date;
  for_date: string;
  service_id: string;
  input: Record<string, unknown>;
  input_hash: string;
  rule_sets: { id: string; version: string; hash: string }[];
  checks: StoredCheck[];
  explanations: Explanations;
  closed_at: Date | null;
}

type Tables = { rules_evaluations: RulesEvaluationRow };
type Q = Kysely<Tables>;
const json = (v: unknown) => JSON.stringify(v) as never;

const COLUMNS = [
  'id',
  'application_id',
  'case_id',
  'purpose',
  'evaluated_at',
  'service_id',
  'input',
  'input_hash',
  'rule_sets',
  'checks',
  'explanations',
  'closed_at',
] as const;
/** A date read back as text: drivers would turn it into a local-midnight Date. */
const forDate = sql<string>`to_char(for_date, 'YYYY-MM-DD')`.as('for_date');

/** Data access for table `rules_evaluations` only. */
export function createRulesRepository(db: Db) {
  const q = db.withTables<Tables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<Tables>() as Q) : q);
  const select = (t?: AnyTransaction) =>
    as(t)
      .selectFrom('rules_evaluations')
      .select([...COLUMNS, forDate]);
  return {
    /** Inserts unless the application already has a submission evaluation; true when inserted. */
    async insert(row: Omit<RulesEvaluationRow, 'closed_at'>, t?: AnyTransaction) {
      const r = await as(t)
        .insertInto('rules_evaluations')
        .values({
          ...row,
          input: json(row.input),
          rule_sets: json(row.rule_sets),
          checks: json(row.checks),
          explanations: json(row.explanations),
          closed_at: null,
        })
        .onConflict((oc) =>
          oc.column('application_id').where('purpose', '=', 'submission').doNothing(),
        )
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    submissionOf: (applicationId: string, t?: AnyTransaction) =>
      select(t)
        .where('application_id', '=', applicationId)
        .where('purpose', '=', 'submission')
        .executeTakeFirst() as Promise<RulesEvaluationRow | undefined>,
    latestFor: (applicationId: string, purpose?: string, t?: AnyTransaction) => {
      let query = select(t).where('application_id', '=', applicationId);
      if (purpose) query = query.where('purpose', '=', purpose);
      return query
        .orderBy('evaluated_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst() as Promise<RulesEvaluationRow | undefined>;
    },
    /** Sets closed_at on the application's open evaluations; returns how many. */
    async close(applicationId: string, at: Date, t?: AnyTransaction) {
      const r = await as(t)
        .updateTable('rules_evaluations')
        .set({ closed_at: at })
        .where('application_id', '=', applicationId)
        .where('closed_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}

export type RulesRepository = ReturnType<typeof createRulesRepository>;
