import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type {
  CheckOutcome,
  CheckState,
  RegistryAnswer,
  RegistryCheck,
  RegistryId,
  RegistrySubject,
} from './registries.types';

/** A row of registry_checks (migration 0031). */
export interface RegistryCheckRow {
  id: string;
  case_id: string;
  registry: RegistryId;
  state: CheckState;
  outcome: CheckOutcome | null;
  reason_code: string | null;
  details: Record<string, unknown>;
  subject: RegistrySubject;
  ticket: string | null;
  requested_at: Date;
  answered_at: Date | null;
  expected_by: Date | null;
  attempts: number;
  last_error: string | null;
  updated_at: Date;
}

type Tables = { registry_checks: RegistryCheckRow };
type Q = Kysely<Tables>;
const json = (v: unknown) => JSON.stringify(v) as never;

export const toCheck = (r: RegistryCheckRow): RegistryCheck => ({
  caseId: r.case_id,
  registry: r.registry,
  state: r.state,
  outcome: r.outcome,
  reasonCode: r.reason_code,
  details: r.details,
  requestedAt: r.requested_at,
  answeredAt: r.answered_at,
  expectedBy: r.expected_by,
  attempts: r.attempts,
  lastError: r.last_error,
});

/** Data access for table `registry_checks` only. */
export function createRegistriesRepository(db: Db) {
  const q = (trx?: AnyTransaction) => (trx ?? db) as unknown as Q;
  return {
    /** Inserts the checks not yet on the case; gives the rows actually inserted. */
    async insertMissing(
      trx: AnyTransaction,
      rows: { id: string; caseId: string; registry: RegistryId; subject: RegistrySubject }[],
      at: Date,
    ): Promise<RegistryCheckRow[]> {
      if (rows.length === 0) return [];
      const inserted = await q(trx)
        .insertInto('registry_checks')
        .values(
          rows.map((r) => ({
            id: r.id,
            case_id: r.caseId,
            registry: r.registry,
            state: 'waiting' as const,
            details: json({}),
            subject: json(r.subject),
            requested_at: at,
            attempts: 0,
            updated_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(['case_id', 'registry']).doNothing())
        .returningAll()
        .execute();
      return inserted;
    },

    async list(caseId: string, trx?: AnyTransaction): Promise<RegistryCheckRow[]> {
      return q(trx)
        .selectFrom('registry_checks')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('requested_at')
        .orderBy('registry')
        .execute();
    },

    async find(
      caseId: string,
      registry: RegistryId,
      trx?: AnyTransaction,
    ): Promise<RegistryCheckRow | undefined> {
      return q(trx)
        .selectFrom('registry_checks')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('registry', '=', registry)
        .executeTakeFirst();
    },

    /** Stores an answer once: false when the check was answered already (a repeated job). */
    async answer(
      trx: AnyTransaction,
      caseId: string,
      registry: RegistryId,
      a: RegistryAnswer,
      at: Date,
    ): Promise<boolean> {
      const r = await q(trx)
        .updateTable('registry_checks')
        .set({
          state: 'answered',
          outcome: a.outcome,
          reason_code: a.reasonCode,
          details: json(a.details),
          answered_at: at,
          last_error: null,
          updated_at: at,
        })
        .where('case_id', '=', caseId)
        .where('registry', '=', registry)
        .where('state', '<>', 'answered')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /**
     * Stores the answers of several registers of one case in one statement, each once: gives the
     * registers actually answered now (not those answered by an earlier run of the same job).
     */
    async answerMany(
      trx: AnyTransaction,
      caseId: string,
      answers: { registry: RegistryId; answer: RegistryAnswer }[],
      at: Date,
    ): Promise<RegistryId[]> {
      if (answers.length === 0) return [];
      const values = sql.join(
        answers.map(
          ({ registry, answer: a }) =>
            sql`(${registry}::text, ${a.outcome}::text, ${a.reasonCode}::text, ${JSON.stringify(a.details)}::jsonb)`,
        ),
      );
      const r = await sql<{ registry: RegistryId }>`
        update registry_checks as c
        set state = 'answered', outcome = v.outcome, reason_code = v.reason_code,
          details = v.details, answered_at = ${at}, last_error = null, updated_at = ${at}
        from (values ${values}) as v (registry, outcome, reason_code, details)
        where c.case_id = ${caseId} and c.registry = v.registry and c.state <> 'answered'
        returning c.registry`.execute(trx);
      return r.rows.map((x) => x.registry);
    },

    /** An asynchronous register took the request: it answers later. */
    async acknowledge(
      trx: AnyTransaction,
      caseId: string,
      registry: RegistryId,
      ack: { ticket: string; expectedBy: Date },
      at: Date,
    ): Promise<void> {
      await q(trx)
        .updateTable('registry_checks')
        .set({
          state: 'waiting',
          ticket: ack.ticket,
          expected_by: ack.expectedBy,
          last_error: null,
          updated_at: at,
        })
        .where('case_id', '=', caseId)
        .where('registry', '=', registry)
        .where('state', '<>', 'answered')
        .execute();
    },

    /** A failed attempt; gives the attempts so far (undefined when answered meanwhile). */
    async failed(
      trx: AnyTransaction,
      caseId: string,
      registry: RegistryId,
      error: string,
      at: Date,
    ): Promise<number | undefined> {
      const r = await q(trx)
        .updateTable('registry_checks')
        .set((eb) => ({
          state: 'retrying',
          attempts: eb('attempts', '+', 1),
          last_error: error,
          updated_at: at,
        }))
        .where('case_id', '=', caseId)
        .where('registry', '=', registry)
        .where('state', '<>', 'answered')
        .returning('attempts')
        .executeTakeFirst();
      return r?.attempts;
    },

    /** Asynchronous requests whose answer is due by `now`, oldest first. */
    async due(now: Date, limit: number): Promise<RegistryCheckRow[]> {
      return q()
        .selectFrom('registry_checks')
        .selectAll()
        .where('state', '=', 'waiting')
        .where('ticket', 'is not', null)
        .where('expected_by', '<=', now)
        .orderBy('expected_by')
        .limit(limit)
        .execute();
    },
  };
}
export type RegistriesRepository = ReturnType<typeof createRegistriesRepository>;
