import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';

/** A rule set version loaded through the workbench (migration 0029). Dates are YYYY-MM-DD. */
export interface VersionRow {
  id: string;
  rule_set_id: string;
  version: string;
  effective_from: string;
  effective_until: string | null;
  source_text: string;
  hash: string;
  status: 'scheduled' | 'withdrawn';
  loaded_by: string;
  loaded_at: Date;
  withdrawn_by: string | null;
  withdrawn_at: Date | null;
}

/** The row without its text, for lists. */
export type VersionSummary = Omit<VersionRow, 'source_text'>;

type Tables = { rules_versions: VersionRow };

// Dates as text on both engines (pg would give a Date at local midnight, PGlite a Date at UTC).
const SUMMARY = [
  'id',
  'rule_set_id',
  'version',
  sql<string>`effective_from::text`.as('effective_from'),
  sql<string | null>`effective_until::text`.as('effective_until'),
  'hash',
  'status',
  'loaded_by',
  'loaded_at',
  'withdrawn_by',
  'withdrawn_at',
] as const;

export function createVersionsRepository(db: Db) {
  // In the caller's transaction when given (the rule book is built inside a submission's).
  const q = (t?: AnyTransaction): Kysely<Tables> =>
    (t ?? db).withTables<Tables>() as Kysely<Tables>;
  return {
    async insert(row: Omit<VersionRow, 'status' | 'withdrawn_by' | 'withdrawn_at'>) {
      await q()
        .insertInto('rules_versions')
        .values({ ...row, status: 'scheduled', withdrawn_by: null, withdrawn_at: null })
        .execute();
    },

    list: (): Promise<VersionSummary[]> =>
      q()
        .selectFrom('rules_versions')
        .select(SUMMARY)
        .orderBy('rule_set_id')
        .orderBy('effective_from')
        .execute() as Promise<VersionSummary[]>,

    get: (id: string): Promise<VersionRow | undefined> =>
      q()
        .selectFrom('rules_versions')
        .select([...SUMMARY, 'source_text'])
        .where('id', '=', id)
        .executeTakeFirst() as Promise<VersionRow | undefined>,

    find: (ruleSetId: string, version: string): Promise<VersionSummary | undefined> =>
      q()
        .selectFrom('rules_versions')
        .select(SUMMARY)
        .where('rule_set_id', '=', ruleSetId)
        .where('version', '=', version)
        .executeTakeFirst() as Promise<VersionSummary | undefined>,

    /** The versions not withdrawn: ids and hashes (the rule book compiles each once). */
    scheduled: (t?: AnyTransaction) =>
      q(t)
        .selectFrom('rules_versions')
        .select(['id', 'hash'])
        .where('status', '=', 'scheduled')
        .orderBy('id')
        .execute(),

    text: async (id: string, t?: AnyTransaction) =>
      (
        await q(t)
          .selectFrom('rules_versions')
          .select('source_text')
          .where('id', '=', id)
          .executeTakeFirst()
      )?.source_text,

    /** Withdraws a scheduled version whose effective date is after `today`; false otherwise. */
    async withdraw(id: string, by: string, at: Date, today: string): Promise<boolean> {
      const r = await q()
        .updateTable('rules_versions')
        .set({ status: 'withdrawn', withdrawn_by: by, withdrawn_at: at })
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .where(sql<boolean>`effective_from > ${today}::date`)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}

export type VersionsRepository = ReturnType<typeof createVersionsRepository>;
