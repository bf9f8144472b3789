import type { Principal } from '../../platform/http';
import type { RefusalReason } from './documents.inspect';
import type { DocumentRow, Owner } from './documents.repository';

/** The documents module's words: who uploads and reads, what a stored document looks like. */
export type { Owner };

/** A partner system named by id alone (the partners module's Principal works as well). */
export type PartnerRef = { kind: 'partner'; id: string };
/** Who uploads: a signed-in person (applicant or staff) or a partner system through the API. */
export type Uploader = Exclude<Principal, { kind: 'anonymous' }> | PartnerRef;
/** Who asks to read or remove a document. */
export type Actor = Principal | PartnerRef;

/** The partner's id when the actor is a partner system. */
export const partnerOf = (a: Actor): string | undefined =>
  a.kind !== 'partner' ? undefined : 'partnerId' in a ? a.partnerId : a.id;

export type UploadRefusal = RefusalReason | 'infected';

export interface DocumentInfo {
  id: string;
  owner: Owner;
  documentType: string;
  /** The name the uploader gave, for showing back to them; never used to type or serve. */
  fileName: string;
  mediaType: string;
  extension: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: { kind: 'account' | 'partner'; id: string };
  scanner: string;
}

export interface StoreInput {
  owner: Owner;
  uploadedBy: Uploader;
  documentType: string;
  fileName: string;
  bytes: Uint8Array;
}

export type StoreResult =
  { ok: true; document: DocumentInfo } | { ok: false; reason: UploadRefusal };

/**
 * Decides, for one owner kind (e.g. "application"), whether an actor who did not upload a file
 * may still read or remove it: the applicant of an application a partner filed, a parent.
 */
export type OwnerAccess = (ownerId: string, actor: Actor) => Promise<boolean>;

/** Staff roles that may open document files (examination); other staff get "not found". */
export const DOCUMENT_READER_ROLES = ['officer', 'team-lead'] as const;

const EXTENSION: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** The file name as shown back: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, 200);
  return base || 'document';
}

export const uploaderRef = (u: Uploader) =>
  u.kind === 'partner'
    ? { account_id: null, partner_id: partnerOf(u)! }
    : { account_id: u.accountId, partner_id: null };

export function actorId(a: Actor): string | undefined {
  if (a.kind === 'partner') return partnerOf(a);
  return a.kind === 'anonymous' ? undefined : a.accountId;
}

/** The actor as the audit log names it. */
export const auditActor = (a: Actor) =>
  a.kind === 'partner' ? { kind: 'partner' as const, id: partnerOf(a)! } : a;

export function toInfo(r: DocumentRow): DocumentInfo {
  return {
    id: r.id,
    owner: { kind: r.owner_kind, id: r.owner_id },
    documentType: r.document_type,
    fileName: r.original_name,
    mediaType: r.media_type,
    extension: EXTENSION[r.media_type] ?? 'bin',
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    uploadedAt: r.uploaded_at,
    uploadedBy: r.partner_id
      ? { kind: 'partner', id: r.partner_id }
      : { kind: 'account', id: r.account_id! },
    scanner: r.scanner,
  };
}
