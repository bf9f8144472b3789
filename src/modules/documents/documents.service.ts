import { createHash } from 'node:crypto';
import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { StoragePort } from '../../platform/storage';
import type { AuditModule } from '../audit';
import { decryptFile, encryptFile, type Keyring } from './documents.crypto';
import { inspectUpload } from './documents.inspect';
import {
  DOCUMENT_READER_ROLES,
  actorId,
  auditActor,
  cleanFileName,
  partnerOf,
  toInfo,
  uploaderRef,
  type Actor,
  type DocumentInfo,
  type OwnerAccess,
  type StoreInput,
  type StoreResult,
  type UploadRefusal,
} from './documents.model';
import type {
  DocumentRow,
  DocumentsDb,
  DocumentsRepository,
  DocumentsTables,
  Owner,
} from './documents.repository';
import type { ScannerPort } from './documents.scanner';
import { documentsErrors } from './errors';

export interface DocumentsServiceDeps {
  repo: DocumentsRepository;
  storage: StoragePort;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  scanner: ScannerPort;
  keyring: Keyring;
  maxBytes: number;
}

export function createDocumentsService(d: DocumentsServiceDeps) {
  const ownerAccess = new Map<string, OwnerAccess>();

  /** The uploader, staff who examine, or whoever the owner's module lets in. */
  async function mayAccess(row: DocumentRow, actor: Actor, staffToo: boolean): Promise<boolean> {
    if (actor.kind === 'anonymous') return false;
    if (actor.kind === 'partner') {
      if (row.partner_id === partnerOf(actor)) return true;
    } else if (row.account_id === actor.accountId) {
      return true;
    }
    if (staffToo && actor.kind === 'staff') {
      return actor.mfaPassed && DOCUMENT_READER_ROLES.some((r) => actor.roles.includes(r));
    }
    const check = ownerAccess.get(row.owner_kind);
    return check ? check(row.owner_id, actor) : false;
  }

  async function refuse(
    input: StoreInput,
    reason: UploadRefusal,
    details: Record<string, unknown> = {},
  ) {
    await d.audit.record({
      actor: auditActor(input.uploadedBy),
      action: 'documents.refused',
      subject: { kind: input.owner.kind, id: input.owner.id },
      details: { reason, documentType: input.documentType, ...details },
    });
    return { ok: false as const, reason };
  }

  /** A live row the actor may access, or DOCUMENT_NOT_FOUND (also for someone else's id). */
  async function accessible(id: string, actor: Actor, staffToo: boolean): Promise<DocumentRow> {
    const row = await d.repo.find(id);
    if (!row || !(await mayAccess(row, actor, staffToo))) throw documentsErrors.notFound();
    return row;
  }

  return {
    /** Lets the module owning a kind of record grant access to its people (see OwnerAccess). */
    allowOwnerAccess(ownerKind: string, check: OwnerAccess) {
      ownerAccess.set(ownerKind, check);
    },

    /**
     * Inspects, scans, encrypts and stores one file, all or nothing: the encrypted file is written
     * first and removed again if the row cannot be inserted. With `trx`, the row and its audit
     * entry commit with the caller's change (if the caller then rolls back, the file stays behind
     * unreferenced and unreadable without its row).
     */
    async store(input: StoreInput, trx?: AnyTransaction): Promise<StoreResult> {
      // The type rules anonymous out; this holds for callers that reach here untyped too.
      if (!actorId(input.uploadedBy as Actor)) throw documentsErrors.uploaderInvalid();
      const inspection = await inspectUpload(input.bytes, input.fileName, { maxBytes: d.maxBytes });
      if (!inspection.ok) return refuse(input, inspection.reason);
      const scan = await d.scanner.scan(input.bytes);
      if (!scan.clean) return refuse(input, 'infected', { signature: scan.signature });

      const id = d.ids.uuid();
      const storageKey = `documents/${id.slice(0, 2)}/${d.ids.uuid()}`;
      const { blob, keyId } = encryptFile(input.bytes, d.keyring, storageKey);
      const row: DocumentRow = {
        id,
        owner_kind: input.owner.kind,
        owner_id: input.owner.id,
        ...uploaderRef(input.uploadedBy),
        document_type: input.documentType,
        original_name: cleanFileName(input.fileName),
        media_type: inspection.mediaType,
        size_bytes: input.bytes.length,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        storage_key: storageKey,
        key_id: keyId,
        scanner: d.scanner.name,
        scan_result: 'clean',
        uploaded_at: d.clock.now(),
        deleted_at: null,
        deleted_by: null,
      };
      await d.storage.put(storageKey, blob);
      const write = async (t: AnyTransaction) => {
        await d.repo.insert(row, t as DocumentsDb);
        await d.audit.record(
          {
            actor: auditActor(input.uploadedBy),
            action: 'documents.stored',
            subject: { kind: 'document', id },
            details: {
              owner: input.owner,
              documentType: input.documentType,
              mediaType: row.media_type,
              sizeBytes: row.size_bytes,
              scanner: row.scanner,
            },
          },
          t,
        );
      };
      try {
        if (trx) await write(trx);
        else await d.repo.db.transaction().execute(write);
      } catch (e) {
        await d.storage.delete(storageKey).catch(() => {});
        throw e;
      }
      return { ok: true, document: toInfo(row) };
    },

    /**
     * Metadata of the live documents of a record (no contents, so no read is audited); in the
     * caller's transaction when given (a listener inside a submission must not wait for itself).
     */
    async listFor(owner: Owner, trx?: AnyTransaction): Promise<DocumentInfo[]> {
      const t = trx ? (trx.withTables<DocumentsTables>() as DocumentsDb) : undefined;
      return (await d.repo.listFor(owner, t)).map(toInfo);
    },

    async countFor(owner: Owner, documentType: string): Promise<number> {
      return d.repo.countFor(owner, documentType);
    },

    /** Metadata of a live document, or DOCUMENT_NOT_FOUND. Callers check access themselves. */
    async get(id: string): Promise<DocumentInfo> {
      const row = await d.repo.find(id);
      if (!row) throw documentsErrors.notFound();
      return toInfo(row);
    },

    async find(id: string): Promise<DocumentInfo | undefined> {
      const row = await d.repo.find(id);
      return row && toInfo(row);
    },

    /** Whether the actor may open the file (uploader, examining staff, or the owner's rule). */
    async canRead(id: string, actor: Actor): Promise<boolean> {
      const row = await d.repo.find(id);
      return Boolean(row && (await mayAccess(row, actor, true)));
    },

    /**
     * The decrypted file, for an actor allowed to see it; the read is audited with its purpose
     * before the bytes are returned. Anyone else gets DOCUMENT_NOT_FOUND.
     */
    async read(
      id: string,
      actor: Actor,
      purpose: string,
      opts: { ip?: string } = {},
    ): Promise<{ document: DocumentInfo; bytes: Uint8Array }> {
      const row = await accessible(id, actor, true);
      const bytes = decryptFile(await d.storage.get(row.storage_key), d.keyring, row.storage_key);
      if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
        throw documentsErrors.integrity('checksum differs');
      }
      const subject = { kind: 'document', id };
      const fields = ['content'];
      if (actor.kind === 'partner') {
        await d.audit.record({
          actor: auditActor(actor),
          action: 'personal-data.read',
          subject,
          purpose,
          details: { fields },
        });
      } else {
        await d.audit.recordRead({
          actor,
          subject,
          purpose,
          fields,
          ...(opts.ip ? { ip: opts.ip } : {}),
        });
      }
      return { document: toInfo(row), bytes };
    },

    /**
     * Removes a document from its record (soft delete: the row and encrypted file stay for the
     * retention period). Only the uploader or whom the owner's rule allows; not examining staff.
     */
    async remove(id: string, actor: Actor, trx?: AnyTransaction): Promise<void> {
      const row = await accessible(id, actor, false);
      const work = async (t: AnyTransaction) => {
        const removed = await d.repo.markDeleted(
          id,
          d.clock.now(),
          actorId(actor) ?? '',
          t as DocumentsDb,
        );
        if (!removed) throw documentsErrors.notFound();
        await d.audit.record(
          {
            actor: auditActor(actor),
            action: 'documents.removed',
            subject: { kind: 'document', id },
            details: {
              owner: { kind: row.owner_kind, id: row.owner_id },
              documentType: row.document_type,
            },
          },
          t,
        );
      };
      if (trx) await work(trx);
      else await d.repo.db.transaction().execute(work);
    },
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
