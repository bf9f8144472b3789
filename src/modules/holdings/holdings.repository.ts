import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { HeldKind, HeldStatus, Threshold } from './holdings.core';

/** A held document; calendar days are kept as YYYY-MM-DD text (no time zone games). */
export interface HeldDocumentRow {
  id: string;
  holder_account_id: string;
  kind: HeldKind;
  document_number: string;
  holder_given_names: string;
  holder_surname: string;
  holder_date_of_birth: string;
  holder_nationality: string;
  personal_code: string | null;
  issued_on: string;
  expires_on: string;
  status: HeldStatus;
  invalidated_at: Date | null;
  renewal_service_id: string;
  renewal_ground_id: string | null;
  issued_on_application_id: string | null;
  renewal_application_id: string | null;
  photo_taken_on: string | null;
  signature_taken_on: string | null;
  created_at: Date;
}

export interface LossReportRow {
  id: string;
  held_document_id: string;
  what: 'lost' | 'stolen';
  occurred_on: string;
  place: string;
  circumstances: string;
  reported_at: Date;
  reported_by_kind: string;
  reported_by_id: string | null;
}

export interface RenewalNoticeRow {
  held_document_id: string;
  threshold_days: Threshold;
  expires_on: string;
  sent_at: Date;
}

export type HoldingsTables = {
  held_documents: HeldDocumentRow;
  loss_reports: LossReportRow;
  renewal_notices: RenewalNoticeRow;
};

type Q = Kysely<HoldingsTables>;
const DATE_COLUMNS = [
  'holder_date_of_birth',
  'issued_on',
  'expires_on',
  'photo_taken_on',
  'signature_taken_on',
] as const;

const PLAIN_COLUMNS = [
  'id',
  'holder_account_id',
  'kind',
  'document_number',
  'holder_given_names',
  'holder_surname',
  'holder_nationality',
  'personal_code',
  'status',
  'invalidated_at',
  'renewal_service_id',
  'renewal_ground_id',
  'issued_on_application_id',
  'renewal_application_id',
  'created_at',
] as const;

/** Calendar days read back as text: drivers would turn a date into a local-midnight Date. */
const dayText = <A extends string>(column: string, alias: A) =>
  sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`.as(alias);

/** Data access for the holdings module's own tables. */
export function createHoldingsRepository(db: Db) {
  const q = db.withTables<HoldingsTables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<HoldingsTables>() as Q) : q);
  const held = (t?: AnyTransaction) =>
    as(t)
      .selectFrom('held_documents')
      .select(PLAIN_COLUMNS.map((c) => `held_documents.${c}` as const))
      .select(
        DATE_COLUMNS.map((c) => dayText(`held_documents.${c}`, c)),
      ) as unknown as SelectQueryBuilder<HoldingsTables, 'held_documents', HeldDocumentRow>;
  return {
    db: q,
    insert: (row: HeldDocumentRow, t?: AnyTransaction) =>
      as(t).insertInto('held_documents').values(row).execute(),
    find: (id: string, t?: AnyTransaction) =>
      held(t).where('held_documents.id', '=', id).executeTakeFirst(),
    findByNumber: (kind: HeldKind, number: string) =>
      held().where('kind', '=', kind).where('document_number', '=', number).executeTakeFirst(),
    /** Locks the row for the rest of the transaction: one change per document at a time. */
    lock: (id: string, t: AnyTransaction) =>
      held(t).where('held_documents.id', '=', id).forUpdate().executeTakeFirst(),
    listForHolder: (accountId: string) =>
      held()
        .where('holder_account_id', '=', accountId)
        .orderBy('expires_on')
        .orderBy('id')
        .execute(),
    /** Marks a valid document invalid; a second caller (already invalid) changes nothing. */
    invalidate: (id: string, status: HeldStatus, at: Date, t: AnyTransaction) =>
      as(t)
        .updateTable('held_documents')
        .set({ status, invalidated_at: at })
        .where('id', '=', id)
        .where('status', '=', 'valid')
        .executeTakeFirst(),
    /** The valid documents issued on an application (one card, unless it was replaced). */
    validIssuedOn: (applicationId: string, t: AnyTransaction) =>
      as(t)
        .selectFrom('held_documents')
        .select(['id'])
        .where('issued_on_application_id', '=', applicationId)
        .where('status', '=', 'valid')
        .execute(),
    setRenewalApplication: (id: string, applicationId: string, t: AnyTransaction) =>
      as(t)
        .updateTable('held_documents')
        .set({ renewal_application_id: applicationId })
        .where('id', '=', id)
        .execute(),
    insertLossReport: (row: LossReportRow, t: AnyTransaction) =>
      as(t).insertInto('loss_reports').values(row).execute(),
    lossReportFor: (heldDocumentId: string) =>
      q
        .selectFrom('loss_reports')
        .select([
          'id',
          'held_document_id',
          'what',
          dayText('occurred_on', 'occurred_on'),
          'place',
          'circumstances',
          'reported_at',
          'reported_by_kind',
          'reported_by_id',
        ])
        .where('held_document_id', '=', heldDocumentId)
        .executeTakeFirst(),
    /** Valid documents whose last day falls in [from, to]: the reminder job's candidates. */
    validExpiringBetween: (from: string, to: string) =>
      held()
        .where('status', '=', 'valid')
        .where('expires_on', '>=', from)
        .where('expires_on', '<=', to)
        .orderBy('expires_on')
        .execute(),
    /** Records a notice once; false when it was already recorded (another run got there first). */
    insertNotice: async (row: RenewalNoticeRow, t: AnyTransaction) => {
      const r = await as(t)
        .insertInto('renewal_notices')
        .values(row)
        .onConflict((oc) => oc.columns(['held_document_id', 'threshold_days']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    noticesFor: (heldDocumentIds: string[]) =>
      heldDocumentIds.length === 0
        ? Promise.resolve([] as RenewalNoticeRow[])
        : (q
            .selectFrom('renewal_notices')
            .select([
              'held_document_id',
              'threshold_days',
              dayText('expires_on', 'expires_on'),
              'sent_at',
            ])
            .where('held_document_id', 'in', heldDocumentIds)
            .orderBy('sent_at')
            .execute() as Promise<RenewalNoticeRow[]>),
  };
}

export type HoldingsRepository = ReturnType<typeof createHoldingsRepository>;
