import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { ImpactCase, ImpactSummary } from './impact';

/** An impact analysis of a loaded version (migration 0029). */
export interface ImpactReportRow {
  id: string;
  version_id: string;
  requested_by: string;
  requested_at: Date;
  for_date: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  finished_at: Date | null;
  cases_count: number | null;
  changed_count: number | null;
  per_service: ImpactSummary['perService'] | null;
  changes: ImpactSummary['changes'] | null;
  error: string | null;
}

type Tables = {
  rules_impact_reports: ImpactReportRow;
  rules_evaluations: {
    id: string;
    application_id: string;
    case_id: string | null;
    purpose: string;
    service_id: string;
    input: unknown;
    closed_at: Date | null;
  };
};

const COLUMNS = [
  'id',
  'version_id',
  'requested_by',
  'requested_at',
  sql<string>`for_date::text`.as('for_date'),
  'status',
  'finished_at',
  'cases_count',
  'changed_count',
  'per_service',
  'error',
] as const;
const json = (v: unknown) => JSON.stringify(v) as never;

/** Impact reports, and the open submission evaluations they read (both tables of this module). */
export function createImpactRepository(db: Db) {
  const q = (): Kysely<Tables> => db.withTables<Tables>();
  return {
    /**
     * One page of open cases' submission evaluations after `afterId`, in id order: the analysis
     * streams through them a page at a time rather than holding 200 000 snapshots at once.
     */
    async openCases(
      afterId: string | null,
      limit: number,
    ): Promise<(ImpactCase & { id: string })[]> {
      let query = q()
        .selectFrom('rules_evaluations')
        .select(['id', 'application_id', 'case_id', 'service_id', 'input'])
        .where('purpose', '=', 'submission')
        .where('closed_at', 'is', null);
      if (afterId) query = query.where('id', '>', afterId);
      const rows = await query.orderBy('id').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id,
        applicationId: r.application_id,
        caseId: r.case_id,
        service: r.service_id,
        input: typeof r.input === 'string' ? (JSON.parse(r.input) as unknown) : r.input,
      }));
    },

    async insert(
      row: Pick<
        ImpactReportRow,
        'id' | 'version_id' | 'requested_by' | 'requested_at' | 'for_date'
      >,
      trx?: AnyTransaction,
    ) {
      await (trx ? (trx.withTables<Tables>() as Kysely<Tables>) : q())
        .insertInto('rules_impact_reports')
        .values({ ...row, status: 'queued' } as never)
        .execute();
    },

    get: (id: string) =>
      q()
        .selectFrom('rules_impact_reports')
        .select([...COLUMNS, 'changes'])
        .where('id', '=', id)
        .executeTakeFirst() as Promise<ImpactReportRow | undefined>,

    /** A version's reports, newest first, without their change lists. */
    forVersion: (versionId: string, limit = 10) =>
      q()
        .selectFrom('rules_impact_reports')
        .select(COLUMNS)
        .where('version_id', '=', versionId)
        .orderBy('requested_at', 'desc')
        .limit(limit)
        .execute() as Promise<Omit<ImpactReportRow, 'changes'>[]>,

    /**
     * queued → running; false when it is finished already. A running one is taken again: the
     * queue retries a job only after its worker failed or died, and finishing overwrites.
     */
    async start(id: string): Promise<boolean> {
      const r = await q()
        .updateTable('rules_impact_reports')
        .set({ status: 'running' })
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async finish(id: string, at: Date, s: ImpactSummary) {
      await q()
        .updateTable('rules_impact_reports')
        .set({
          status: 'done',
          finished_at: at,
          cases_count: s.cases,
          changed_count: s.changed,
          per_service: json(s.perService),
          changes: json(s.changes),
        })
        .where('id', '=', id)
        .execute();
    },

    async fail(id: string, at: Date, error: string) {
      await q()
        .updateTable('rules_impact_reports')
        .set({ status: 'failed', finished_at: at, error })
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'running'])
        .execute();
    },
  };
}

export type ImpactRepository = ReturnType<typeof createImpactRepository>;
