import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';

export interface ApplicationRow {
  id: string;
  reference: string | null;
  service_id: string;
  ground_id: string | null;
  urgent: boolean;
  // Ordering choices (migration 0011, ordering.service.ts). Optional so that code building a row
  // need not name them: the database gives the defaults (urgency from `urgent`, the rest null).
  /** general, urgent, next-day, same-day; `urgent` is kept equal to not-general. */
  urgency?: string;
  /** Exemption ids claimed; [] = none applies; null = not asked yet. */
  fee_exemptions?: string[] | null;
  delivery_method?: 'branch' | 'courier' | null;
  delivery_branch?: string | null;
  delivery_address?: string | null;
  state: 'draft' | 'submitted' | 'withdrawn';
  owner_account_id: string | null;
  filed_by_kind: 'self' | 'parent' | 'organisation' | 'partner';
  filed_by_account_id: string | null;
  filed_by_partner_id: string | null;
  answers: Record<string, string | null>;
  declaration_at: Date | null;
  fee_receipt: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  // Filing for someone else (migration 0009, filing.service.ts). Optional so that code building a
  // row for oneself need not name them: a missing one is stored as null.
  /** Organisation whose member filed it for an invited foreigner. */
  filed_by_organisation_id?: string | null;
  /** E-mail of that foreigner (the invitee) until, and after, their account is linked. */
  invitee_email?: string | null;
  invitee_lang?: 'lt' | 'en' | 'ru' | 'uk' | null;
  /** Name of the person it is for when someone else files (the child, or the invitee). */
  for_person_name?: string | null;
  /** ISO date of birth of the child a parent files for. */
  for_person_birth_date?: string | null;
}

/** A new draft: what every draft starts with, plus what the caller decides. */
export function newDraft(
  f: Pick<ApplicationRow, 'id' | 'service_id' | 'filed_by_kind'> &
    Partial<ApplicationRow> & { now: Date },
): ApplicationRow {
  const { now, ...fields } = f;
  return {
    reference: null,
    ground_id: null,
    urgent: false,
    state: 'draft',
    owner_account_id: null,
    filed_by_account_id: null,
    filed_by_partner_id: null,
    answers: {},
    declaration_at: null,
    fee_receipt: null,
    created_at: now,
    updated_at: now,
    submitted_at: null,
    ...fields,
  };
}

export interface ApplicationEventRow {
  application_id: string;
  seq: number;
  at: Date;
  action: string;
  actor_kind: string;
  actor_id: string | null;
  details: Record<string, unknown>;
}

export type ApplicationsTables = {
  applications: ApplicationRow;
  application_events: ApplicationEventRow;
};

type Q = Kysely<ApplicationsTables>;
const json = (v: unknown) => JSON.stringify(v) as never;
const jsonOrNull = (v: unknown) => (v === null || v === undefined ? null : json(v));

/** Data access for the applications module's own tables. */
export function createApplicationsRepository(db: Db) {
  const q = db.withTables<ApplicationsTables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<ApplicationsTables>() as Q) : q);
  const repo = {
    db: q,
    insert: (row: ApplicationRow, t?: AnyTransaction) =>
      as(t)
        .insertInto('applications')
        .values({
          ...row,
          answers: json(row.answers),
          urgency: row.urgency ?? (row.urgent ? 'urgent' : 'general'),
          fee_exemptions: jsonOrNull(row.fee_exemptions),
        })
        .execute(),
    /** Inserts a new draft and the first entry of its timeline, `created`. */
    insertDraft: async (
      row: ApplicationRow,
      by: { actor_kind: string; actor_id: string | null; details: Record<string, unknown> },
      t: AnyTransaction,
    ) => {
      await repo.insert(row, t);
      await repo.appendEvent(
        {
          application_id: row.id,
          at: row.created_at,
          action: 'created',
          actor_kind: by.actor_kind,
          actor_id: by.actor_id,
          details: { service: row.service_id, ground: row.ground_id, ...by.details },
        },
        t,
      );
    },
    find: (id: string, t?: AnyTransaction) =>
      as(t).selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Several at once (the branch desk's day list); missing ids are left out. */
    findMany: (ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : q
            .selectFrom('applications')
            .selectAll()
            .where('id', 'in', [...ids])
            .execute(),
    /** By reference number, exactly as stored (upper case). */
    findByReference: (reference: string) =>
      q
        .selectFrom('applications')
        .selectAll()
        .where('reference', '=', reference)
        .executeTakeFirst(),
    /** Locks the row for the rest of the transaction: one writer per application at a time. */
    lock: (id: string, t: AnyTransaction) =>
      as(t)
        .selectFrom('applications')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst(),
    update: (id: string, patch: Partial<ApplicationRow>, t?: AnyTransaction) =>
      as(t)
        .updateTable('applications')
        .set({
          ...patch,
          ...(patch.answers ? { answers: json(patch.answers) } : {}),
          ...(patch.fee_exemptions !== undefined
            ? { fee_exemptions: jsonOrNull(patch.fee_exemptions) }
            : {}),
        })
        .where('id', '=', id)
        .execute(),
    /** Moves a draft to submitted exactly once; a second caller gets nothing back. */
    /** Submits a draft, with what the submitting request itself settles (fee receipt, declaration). */
    markSubmitted: (
      id: string,
      reference: string,
      at: Date,
      t: AnyTransaction,
      settled: Pick<Partial<ApplicationRow>, 'fee_receipt' | 'declaration_at'> = {},
    ) =>
      as(t)
        .updateTable('applications')
        .set({ ...settled, state: 'submitted', reference, submitted_at: at, updated_at: at })
        .where('id', '=', id)
        .where('state', '=', 'draft')
        .returningAll()
        .executeTakeFirst(),
    nextReferenceNumber: async (t: AnyTransaction) =>
      Number(
        (
          await sql<{
            n: string | number;
          }>`select nextval('application_reference_seq') as n`.execute(t)
        ).rows[0]!.n,
      ),
    /**
     * Appends one timeline entry with the next `seq`, in one statement. Callers hold the
     * application's row lock, so two appends cannot pick the same number.
     */
    appendEvent: async (e: Omit<ApplicationEventRow, 'seq'>, t: AnyTransaction) => {
      await as(t)
        .insertInto('application_events')
        .columns(['application_id', 'seq', 'at', 'action', 'actor_kind', 'actor_id', 'details'])
        .expression((eb) =>
          eb
            .selectFrom('application_events')
            .select([
              // Parameters in a select list have no type to infer from: cast each one.
              sql<string>`${e.application_id}::uuid`.as('application_id'),
              sql<number>`coalesce(max(seq), 0) + 1`.as('seq'),
              sql<Date>`${e.at}::timestamptz`.as('at'),
              sql<string>`${e.action}::text`.as('action'),
              sql<string>`${e.actor_kind}::text`.as('actor_kind'),
              sql<string | null>`${e.actor_id}::text`.as('actor_id'),
              sql`${json(e.details)}::jsonb`.as('details'),
            ])
            .where('application_id', '=', e.application_id),
        )
        .execute();
    },
    events: (id: string) =>
      q
        .selectFrom('application_events')
        .selectAll()
        .where('application_id', '=', id)
        .orderBy('seq')
        .execute(),
    /** Applications a person may see: their own, and those they filed for someone else. */
    listForAccount: (accountId: string) =>
      q
        .selectFrom('applications')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('owner_account_id', '=', accountId),
            eb('filed_by_account_id', '=', accountId),
          ]),
        )
        .where('state', '!=', 'withdrawn')
        .orderBy('created_at', 'desc')
        .execute(),
  };
  return repo;
}

export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;
