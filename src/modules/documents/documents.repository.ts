import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db';

export interface DocumentRow {
  id: string;
  owner_kind: string;
  owner_id: string;
  account_id: string | null;
  partner_id: string | null;
  document_type: string;
  original_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  key_id: string;
  scanner: string;
  scan_result: string;
  uploaded_at: Date;
  deleted_at: Date | null;
  deleted_by: string | null;
}

export type DocumentsTables = { documents: DocumentRow };
export type DocumentsDb = Kysely<DocumentsTables>;

export interface Owner {
  kind: string;
  id: string;
}

/** Data access for table `documents` only. Removed rows are invisible to every finder. */
export function createDocumentsRepository(db: Db) {
  const q = db.withTables<DocumentsTables>();
  const live = (t: DocumentsDb) =>
    t.selectFrom('documents').selectAll().where('deleted_at', 'is', null);
  return {
    db: q,
    insert: (row: DocumentRow, t: DocumentsDb = q) =>
      t.insertInto('documents').values(row).execute(),
    find: (id: string, t: DocumentsDb = q) => live(t).where('id', '=', id).executeTakeFirst(),
    listFor: (owner: Owner, t: DocumentsDb = q) =>
      live(t)
        .where('owner_kind', '=', owner.kind)
        .where('owner_id', '=', owner.id)
        .orderBy('uploaded_at')
        .orderBy('id')
        .execute(),
    async countFor(owner: Owner, documentType: string, t: DocumentsDb = q): Promise<number> {
      const r = await t
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('deleted_at', 'is', null)
        .where('owner_kind', '=', owner.kind)
        .where('owner_id', '=', owner.id)
        .where('document_type', '=', documentType)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Marks a live row removed; false when it was already removed or never existed. */
    async markDeleted(id: string, at: Date, by: string, t: DocumentsDb = q): Promise<boolean> {
      const r = await t
        .updateTable('documents')
        .set({ deleted_at: at, deleted_by: by })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}

export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
