/**
 * What the permits service offers the module's pages, share codes and the rest of Vartai. The
 * implementation is `permits.service.ts`; pages and share codes depend on this shape only.
 */
import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { JWK } from 'jose';
import type {
  CredentialType,
  DisclosureSet,
  PermitView,
  VerificationResult,
} from './permits.model';

/** A grant that gives a permit, as the decision's transaction knows it. */
export interface GrantedPermit {
  caseId: string | null;
  applicationId: string | null;
  holderAccountId: string | null;
  serviceId: string;
  groundId: string | null;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD. */
  birthdate: string;
  /** When the grant took effect (the permit is valid from that Vilnius day). */
  grantedAt: Date;
}

/** Where a verification came from, for the audit log and rate limits. */
export interface VerifyContext {
  channel: 'page' | 'api' | 'cli';
  ip?: string;
  /** Who asked (anonymous on the public pages); the photo read is audited under it. */
  actor?: Principal;
}

export interface PermitsService {
  /**
   * Issues the permit and its credential for a grant, in the caller's transaction, when the
   * service gives a permit (pack); earlier valid permits of the same type for the same holder
   * become `replaced`. Returns undefined for services that give no permit.
   */
  issueForGrant(
    grant: GrantedPermit,
    trx: AnyTransaction,
  ): Promise<{ permitId: string } | undefined>;
  /** A revocation decision took effect: the application's permits are revoked at once. */
  revokeForApplication(applicationId: string, trx: AnyTransaction): Promise<void>;
  /** The signed-in holder's permits, newest first (audited read, purpose `own-permits`). */
  listForHolder(p: Principal): Promise<PermitView[]>;
  /** One of the holder's own permits; anyone else's, or an unknown id: `PERMIT_NOT_FOUND`. */
  getOwn(permitId: string, p: Principal): Promise<PermitView>;
  /**
   * The same access rule as `getOwn` without an audit entry: for the holder's own share codes,
   * whose pages already audited reading the permit once.
   */
  authorise(permitId: string, p: Principal): Promise<PermitView>;
  /**
   * The holder's credential with only the disclosures of `set` (`full`: all of them), for the
   * QR code, the PDF and the wallet download. Same access rule as `getOwn`.
   */
  present(permitId: string, p: Principal, set: DisclosureSet): Promise<string>;
  /** Verifies a credential online: signature against the JWKS, digests, expiry and status. */
  verify(credential: string, ctx: VerifyContext): Promise<VerificationResult>;
  /**
   * A permit by id for a share code check, with no access check and no audit: the share codes
   * service authorises (code and date of birth) and audits the read itself.
   */
  permitForCheck(permitId: string): Promise<PermitView | undefined>;
  /** The signed Token Status List JWT of a list, or undefined for an unknown list. */
  statusListJwt(listId: number): Promise<string | undefined>;
  /** The issuer's public keys (every key that signed a credential still in use). */
  jwks(): { keys: JWK[] };
  /** The issuer identifier (the portal's public URL), as in `iss`. */
  issuer(): string;
  /** The holder's photo behind a `picture` reference, or undefined (audited read). */
  photo(
    ref: string,
    ctx: VerifyContext,
  ): Promise<{ contentType: string; bytes: Buffer } | undefined>;
  /** Credential type names per language and the vct, for pages and type metadata. */
  typeName(type: CredentialType, lang: string): string;
  /**
   * A ground's name in a language (the catalogue's), looked up among the services that give
   * this type of permit (all of them when the type was not disclosed); the id when unknown.
   */
  groundName(type: CredentialType | undefined, groundId: string, lang: string): string;
}
