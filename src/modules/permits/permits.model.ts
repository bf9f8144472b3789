/**
 * The digital permit's shapes, shared by issuing, the holder's pages, share codes and the
 * verifier. Claim names follow the SD-JWT VC / OpenID conventions where one exists
 * (`given_name`, `family_name`, `birthdate`, `picture`) and are Vartai's own otherwise.
 */
import { z } from 'zod';

/** Credential types, one per kind of permit; the vct is `{issuer}/credentials/types/{type}`. */
export const CREDENTIAL_TYPES = [
  'temporary-residence-permit',
  'permanent-residence-permit',
  'temporary-protection',
  'eu-temporary-residence-certificate',
  'eu-permanent-residence-certificate',
  'eu-family-member-card',
  'e-resident',
] as const;
export const CredentialType = z.enum(CREDENTIAL_TYPES);
export type CredentialType = z.infer<typeof CredentialType>;

/** Every selectively disclosable claim, in the order pages list them. */
export const DISCLOSABLE_CLAIMS = [
  'given_name',
  'family_name',
  'birthdate',
  'picture',
  'permit_type',
  'permit_ground',
  'right_to_work',
  'valid_from',
  'valid_until',
  'document_number',
] as const;
export type ClaimName = (typeof DISCLOSABLE_CLAIMS)[number];

/** The disclosed claims of a credential (any subset). */
export const DisclosedClaims = z
  .object({
    given_name: z.string(),
    family_name: z.string(),
    birthdate: z.string(),
    picture: z.string(),
    permit_type: CredentialType,
    permit_ground: z.string().nullable(),
    right_to_work: z.boolean(),
    valid_from: z.string(),
    valid_until: z.string(),
    document_number: z.string(),
  })
  .partial();
export type DisclosedClaims = z.infer<typeof DisclosedClaims>;

/** Share code purposes (the UK's right-to-work / right-to-rent / other checks). */
export const SHARE_PURPOSES = ['work', 'renting', 'other'] as const;
export const SharePurpose = z.enum(SHARE_PURPOSES);
export type SharePurpose = z.infer<typeof SharePurpose>;

/**
 * What a presentation discloses. `full` is the holder's own QR on the printed permit; the
 * purposes are what an employer, a landlord or another verifier needs and nothing more (the
 * date of birth is never shown to a share code checker: they typed it in).
 */
export const DISCLOSURE_SETS = {
  full: DISCLOSABLE_CLAIMS,
  work: ['given_name', 'family_name', 'picture', 'right_to_work', 'valid_until'],
  renting: ['given_name', 'family_name', 'picture', 'permit_type', 'valid_until'],
  other: [
    'given_name',
    'family_name',
    'picture',
    'permit_type',
    'permit_ground',
    'right_to_work',
    'valid_from',
    'valid_until',
  ],
} as const satisfies Record<string, readonly ClaimName[]>;
export type DisclosureSet = keyof typeof DISCLOSURE_SETS;
export const DisclosureSetName = z.enum(['full', 'work', 'renting', 'other']);

/** A verifier's verdict on a credential. */
export const CREDENTIAL_STATUSES = ['valid', 'revoked', 'expired', 'invalid'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/**
 * Why a credential is not valid. `malformed`: not an SD-JWT; `unknown-key`: no key of the
 * issuer's JWKS has its kid; `signature`: the issuer signature does not verify (any byte
 * changed); `disclosure`: a disclosure whose digest the credential does not list (from another
 * credential, or altered); `wrong-issuer` / `wrong-type`: not a Vartai permit; `not-yet-valid`;
 * `expired`; `revoked` (revoked or replaced); `status-unknown`: the status list could not be read.
 */
export const INVALID_REASONS = [
  'malformed',
  'unknown-key',
  'signature',
  'disclosure',
  'wrong-issuer',
  'wrong-type',
  'not-yet-valid',
  'expired',
  'revoked',
  'status-unknown',
] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

/** The answer of `POST /api/v1/credentials/verify` and of the `/verify` page. */
export const VerificationResult = z.object({
  valid: z.boolean(),
  status: z.enum(CREDENTIAL_STATUSES),
  /** Why not valid (absent when valid). */
  reason: z.enum(INVALID_REASONS).optional(),
  /** Disclosed claims only; empty when the credential is `invalid` (nothing in it is trusted). */
  claims: DisclosedClaims,
  issuer: z.string(),
  /** The credential type, when the signature verified. */
  credentialType: CredentialType.optional(),
  issuedAt: z.string().optional(),
  expiresAt: z.string().optional(),
});
export type VerificationResult = z.infer<typeof VerificationResult>;

/** A permit as its holder sees it in the portal. */
export interface PermitView {
  id: string;
  credentialType: CredentialType;
  serviceId: string;
  groundId: string | null;
  documentNumber: string;
  givenName: string;
  familyName: string;
  birthdate: string;
  rightToWork: boolean;
  validFrom: string;
  validUntil: string;
  /** valid, revoked, replaced, or expired (valid but past `validUntil` in Vilnius). */
  state: 'valid' | 'revoked' | 'replaced' | 'expired';
  issuedAt: Date;
  /** The photo's URL (`{issuer}/credentials/photos/{ref}`), as the `picture` claim carries it. */
  pictureUrl: string;
}

/** What a right share code and date of birth show: the purpose's facts from the permit. */
export type ShareFacts = Pick<DisclosedClaims, (typeof DISCLOSURE_SETS)['other'][number]>;
