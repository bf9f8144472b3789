import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { SharePurpose } from './permits.model';

export interface ShareCodeRow {
  id: string;
  permit_id: string;
  holder_account_id: string;
  code_digest: string;
  code_hint: string;
  purpose: SharePurpose;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export type CheckChannel = 'page' | 'api';
export type CheckOutcome = 'shown' | 'code-expired' | 'code-revoked' | 'permit-invalid';

export interface ShareCodeCheckRow {
  id: string;
  share_code_id: string;
  checked_at: Date;
  verifier_name: string;
  channel: CheckChannel;
  outcome: CheckOutcome;
}

type ShareCodeTables = {
  share_codes: ShareCodeRow;
  share_code_checks: ShareCodeCheckRow;
  /** Only what a check compares: the permits table itself is the permits service's. */
  permits: { id: string; birthdate: string };
};

type Q = Kysely<ShareCodeTables>;

/** Data access for share codes and the checks made with them (tables of migration 0036). */
export function createShareCodesRepository(db: Db) {
  const q = db.withTables<ShareCodeTables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<ShareCodeTables>() as Q) : q);
  return {
    insert: (row: ShareCodeRow, t?: AnyTransaction) =>
      as(t).insertInto('share_codes').values(row).execute(),
    find: (id: string) =>
      q.selectFrom('share_codes').selectAll().where('id', '=', id).executeTakeFirst(),
    /**
     * A code by digest with the permit's date of birth, in one query: a check does the same
     * work whether the code exists or not.
     */
    findForCheck: (digest: string) =>
      q
        .selectFrom('share_codes')
        .innerJoin('permits', 'permits.id', 'share_codes.permit_id')
        .selectAll('share_codes')
        .select(sql<string>`to_char(permits.birthdate, 'YYYY-MM-DD')`.as('birthdate'))
        .where('share_codes.code_digest', '=', digest)
        .executeTakeFirst(),
    /** The permit's codes, newest first, each with the number of checks made with it. */
    listForPermit: (permitId: string) =>
      q
        .selectFrom('share_codes')
        .selectAll('share_codes')
        .select((eb) =>
          eb
            .selectFrom('share_code_checks')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('share_code_checks.share_code_id', '=', 'share_codes.id')
            .as('checks'),
        )
        .where('permit_id', '=', permitId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute(),
    /** Marks a code revoked; a code already revoked keeps its first time. */
    revoke: (id: string, at: Date, t: AnyTransaction) =>
      as(t)
        .updateTable('share_codes')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst(),
    insertCheck: (row: ShareCodeCheckRow, t: AnyTransaction) =>
      as(t).insertInto('share_code_checks').values(row).execute(),
    /** Every check made with a permit's codes, newest first. */
    checksForPermit: (permitId: string) =>
      q
        .selectFrom('share_code_checks')
        .innerJoin('share_codes', 'share_codes.id', 'share_code_checks.share_code_id')
        .select([
          'share_code_checks.checked_at',
          'share_code_checks.verifier_name',
          'share_codes.purpose',
          'share_codes.code_hint',
          'share_code_checks.channel',
          'share_code_checks.outcome',
        ])
        .where('share_codes.permit_id', '=', permitId)
        .orderBy('share_code_checks.checked_at', 'desc')
        .orderBy('share_code_checks.id')
        .execute(),
  };
}

export type ShareCodesRepository = ReturnType<typeof createShareCodesRepository>;
