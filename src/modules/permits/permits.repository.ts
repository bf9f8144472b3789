import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { CredentialType } from './permits.model';

/** A digital permit; calendar days are YYYY-MM-DD text. */
export interface PermitRow {
  id: string;
  case_id: string | null;
  application_id: string | null;
  holder_account_id: string | null;
  credential_type: CredentialType;
  service_id: string;
  ground_id: string | null;
  document_number: string;
  given_name: string;
  family_name: string;
  birthdate: string;
  photo_ref: string;
  right_to_work: boolean;
  valid_from: string;
  valid_until: string;
  status_list: number;
  status_idx: number;
  state: 'valid' | 'revoked' | 'replaced';
  state_changed_at: Date | null;
  replaced_by: string | null;
  kid: string;
  credential: string;
  issued_at: Date;
}

export interface StatusListRow {
  id: number;
  size: number;
  version: string;
  created_at: Date;
  updated_at: Date;
}

/** The share code tables belong to this module too (share-codes.repository.ts reads them). */
export type PermitsTables = {
  permits: PermitRow;
  credential_status_lists: StatusListRow;
};

type Q = Kysely<PermitsTables>;
const DAYS = ['birthdate', 'valid_from', 'valid_until'] as const;
const PLAIN = [
  'id',
  'case_id',
  'application_id',
  'holder_account_id',
  'credential_type',
  'service_id',
  'ground_id',
  'document_number',
  'given_name',
  'family_name',
  'photo_ref',
  'right_to_work',
  'status_list',
  'status_idx',
  'state',
  'state_changed_at',
  'replaced_by',
  'kid',
  'credential',
  'issued_at',
] as const;
const dayText = (column: string, alias: string) =>
  sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`.as(alias);

/** Data access for the permits and their status lists. */
export function createPermitsRepository(db: Db) {
  const q = db.withTables<PermitsTables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<PermitsTables>() as Q) : q);
  const permits = (t?: AnyTransaction) =>
    as(t)
      .selectFrom('permits')
      .select(PLAIN.map((c) => `permits.${c}` as const))
      .select(DAYS.map((c) => dayText(`permits.${c}`, c))) as unknown as SelectQueryBuilder<
      PermitsTables,
      'permits',
      PermitRow
    >;
  return {
    find: (id: string, t?: AnyTransaction) =>
      permits(t).where('permits.id', '=', id).executeTakeFirst(),
    findByPhoto: (ref: string) => permits().where('photo_ref', '=', ref).executeTakeFirst(),
    findByStatus: (list: number, idx: number) =>
      permits().where('status_list', '=', list).where('status_idx', '=', idx).executeTakeFirst(),
    listForHolder: (accountId: string) =>
      permits()
        .where('holder_account_id', '=', accountId)
        .orderBy('issued_at', 'desc')
        .orderBy('id')
        .execute(),
    validForApplication: (applicationId: string, t: AnyTransaction) =>
      permits(t).where('application_id', '=', applicationId).where('state', '=', 'valid').execute(),
    /** Valid permits of one type for one holder: a new grant of that type replaces them. */
    validOfType: (accountId: string, type: CredentialType, t: AnyTransaction) =>
      permits(t)
        .where('holder_account_id', '=', accountId)
        .where('credential_type', '=', type)
        .where('state', '=', 'valid')
        .execute(),
    /**
     * Takes an entry in a list: the insert does nothing when another credential already holds it,
     * so the caller draws again (no transaction-aborting unique violation on PostgreSQL).
     */
    insertIfFree: async (row: PermitRow, t: AnyTransaction) =>
      (
        await as(t)
          .insertInto('permits')
          .values(row)
          .onConflict((oc) => oc.columns(['status_list', 'status_idx']).doNothing())
          .returning('id')
          .executeTakeFirst()
      )?.id !== undefined,
    invalidate: (
      id: string,
      state: 'revoked' | 'replaced',
      at: Date,
      replacedBy: string | null,
      t: AnyTransaction,
    ) =>
      as(t)
        .updateTable('permits')
        .set({ state, state_changed_at: at, replaced_by: replacedBy })
        .where('id', '=', id)
        .where('state', '=', 'valid')
        .returning(['status_list'])
        .executeTakeFirst(),
    /** The newest list with room left (at most half full, so entries stay hard to guess). */
    openList: (t: AnyTransaction) =>
      as(t)
        .selectFrom('credential_status_lists as l')
        .select(['l.id', 'l.size'])
        .select((eb) =>
          eb
            .selectFrom('permits as p')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('p.status_list', '=', 'l.id')
            .as('used'),
        )
        .orderBy('l.id', 'desc')
        .limit(1)
        .executeTakeFirst(),
    /** Opens list `id` (concurrent openers of the same id agree: the insert is idempotent). */
    createList: (id: number, size: number, at: Date, t: AnyTransaction) =>
      as(t)
        .insertInto('credential_status_lists')
        .values({ id, size, version: '0', created_at: at, updated_at: at })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute(),
    touchList: (id: number, at: Date, t: AnyTransaction) =>
      as(t)
        .updateTable('credential_status_lists')
        .set({ version: sql`version + 1`, updated_at: at })
        .where('id', '=', id)
        .execute(),
    list: (id: number) =>
      q
        .selectFrom('credential_status_lists')
        .select(['id', 'size', sql<string>`version::text`.as('version')])
        .where('id', '=', id)
        .executeTakeFirst(),
    invalidEntries: async (list: number) =>
      (
        await q
          .selectFrom('permits')
          .select('status_idx')
          .where('status_list', '=', list)
          .where('state', '<>', 'valid')
          .execute()
      ).map((r) => r.status_idx),
    /** One entry's state, for online verification (the index `permits_invalid_idx` serves it). */
    entryInvalid: async (list: number, idx: number) =>
      (await q
        .selectFrom('permits')
        .select('id')
        .where('status_list', '=', list)
        .where('status_idx', '=', idx)
        .where('state', '<>', 'valid')
        .executeTakeFirst()) !== undefined,
    /** The next digital permit number: SL and eight digits (the real format is UNCERTAIN). */
    nextNumber: async (t: AnyTransaction) => {
      const r = await sql<{ n: string }>`select nextval('permit_number_seq')::text as n`.execute(t);
      return `SL${r.rows[0]!.n.padStart(8, '0')}`;
    },
  };
}

export type PermitsRepository = ReturnType<typeof createPermitsRepository>;
