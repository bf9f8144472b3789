/**
 * SD-JWT VC (IETF draft-ietf-oauth-sd-jwt-vc, on RFC 9901 SD-JWT): issuing and presenting
 * through the OpenWallet Foundation's `@sd-jwt/*` libraries, verifying with `jose` and our own
 * digest check. Why not the library's verify: it silently ignores a disclosure that no digest in
 * the credential lists (e.g. one taken from another credential), where RFC 9901 §7.1 says the
 * SD-JWT must then be rejected; the verifier must tell that apart and say why (ADR 0013).
 */
import { createHash } from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { compactVerify, decodeProtectedHeader, errors as joseErrors } from 'jose';
import type { Keyset } from './keys';
import { DISCLOSABLE_CLAIMS, type ClaimName, type InvalidReason } from '../permits.model';

/** The SD-JWT VC media type's `typ` (the drafts renamed `vc+sd-jwt` to `dc+sd-jwt`). */
export const SD_JWT_VC_TYP = 'dc+sd-jwt';

/** The always-visible part of a permit credential (not selectively disclosable). */
export interface CredentialEnvelope {
  iss: string;
  vct: string;
  iat: number;
  nbf: number;
  exp: number;
  status: { status_list: { idx: number; uri: string } };
}

// Per key object, not per kid: two keysets may reuse a kid for different keys.
const signers = new WeakMap<object, Awaited<ReturnType<typeof ES256.getSigner>>>();

async function instanceFor(keys: Keyset): Promise<SDJwtVcInstance> {
  let signer = signers.get(keys.active);
  if (!signer) {
    signer = await ES256.getSigner(keys.active.privateJwk);
    signers.set(keys.active, signer);
  }
  return new SDJwtVcInstance({
    signer,
    signAlg: 'ES256',
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator: generateSalt,
  });
}

/** Signs a credential with the active key; every claim in `claims` is selectively disclosable. */
export async function issueSdJwt(
  keys: Keyset,
  envelope: CredentialEnvelope,
  claims: Partial<Record<ClaimName, unknown>>,
): Promise<string> {
  const sd = await instanceFor(keys);
  const names = Object.keys(claims) as ClaimName[];
  return sd.issue(
    { ...envelope, ...claims },
    { _sd: names },
    { header: { kid: keys.active.kid, typ: SD_JWT_VC_TYP } },
  );
}

/** The same credential with only the disclosures of `keep` (the holder's choice). */
export function presentSdJwt(credential: string, keep: readonly ClaimName[]): string {
  const [jws, ...rest] = credential.split('~');
  const disclosures = rest.filter((d) => d !== '' && !d.includes('.'));
  const kept = disclosures.filter((d) => {
    const parsed = parseDisclosure(d);
    return parsed !== undefined && keep.includes(parsed.name as ClaimName);
  });
  return `${jws}~${kept.map((d) => `${d}~`).join('')}`;
}

function parseDisclosure(d: string): { name: string; value: unknown } | undefined {
  try {
    const arr = JSON.parse(Buffer.from(d, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(arr) || arr.length !== 3 || typeof arr[0] !== 'string') return undefined;
    if (typeof arr[1] !== 'string') return undefined;
    return { name: arr[1], value: arr[2] as unknown };
  } catch {
    return undefined;
  }
}

export type SdJwtCheck =
  | {
      ok: true;
      kid: string;
      payload: CredentialEnvelope & Record<string, unknown>;
      claims: Partial<Record<ClaimName, unknown>>;
    }
  | { ok: false; reason: InvalidReason; payload?: Record<string, unknown> };

const B64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Checks the issuer signature against the keyset and every disclosure's digest; does not judge
 * time, issuer, type or status (the caller does, so it can say which failed).
 */
export async function checkSdJwt(credential: string, keys: Keyset): Promise<SdJwtCheck> {
  const parts = credential.trim().split('~');
  const jws = parts[0] ?? '';
  const last = parts[parts.length - 1];
  // A key-binding JWT would be the last part; permits carry no holder key, so none is accepted.
  if (parts.length < 2 || last !== '') return { ok: false, reason: 'malformed' };
  const disclosures = parts.slice(1, -1);
  if (jws.split('.').length !== 3 || disclosures.some((d) => !B64URL.test(d)))
    return { ok: false, reason: 'malformed' };
  let kid: unknown;
  try {
    const header = decodeProtectedHeader(jws);
    if (header.alg !== 'ES256' || header.typ !== SD_JWT_VC_TYP)
      return { ok: false, reason: 'malformed' };
    kid = header.kid;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const key = typeof kid === 'string' ? keys.byKid(kid) : undefined;
  if (!key) return { ok: false, reason: 'unknown-key' };
  // The header and payload are signed as text and the disclosures digested as text, so any
  // change there fails; the signature is decoded, and base64url's last character carries spare
  // bits decoders ignore. Only its canonical spelling is accepted: no changed byte verifies.
  const signature = jws.split('.')[2]!;
  if (Buffer.from(signature, 'base64url').toString('base64url') !== signature)
    return { ok: false, reason: 'signature' };
  let payload: CredentialEnvelope & Record<string, unknown>;
  try {
    const verified = await compactVerify(jws, key.publicKey, { algorithms: ['ES256'] });
    payload = JSON.parse(Buffer.from(verified.payload).toString('utf8')) as typeof payload;
  } catch (e) {
    if (e instanceof joseErrors.JWSSignatureVerificationFailed)
      return { ok: false, reason: 'signature' };
    return { ok: false, reason: 'malformed' };
  }
  const listed = new Set(Array.isArray(payload._sd) ? (payload._sd as unknown[]) : []);
  if (payload._sd_alg !== undefined && payload._sd_alg !== 'sha-256')
    return { ok: false, reason: 'malformed', payload };
  const claims: Partial<Record<ClaimName, unknown>> = {};
  const seen = new Set<string>();
  for (const d of disclosures) {
    const hash = createHash('sha256').update(d, 'ascii').digest('base64url');
    const parsed = parseDisclosure(d);
    if (!listed.has(hash) || seen.has(hash) || !parsed) return { ok: false, reason: 'disclosure' };
    seen.add(hash);
    if (!(DISCLOSABLE_CLAIMS as readonly string[]).includes(parsed.name) || parsed.name in claims)
      return { ok: false, reason: 'disclosure' };
    claims[parsed.name as ClaimName] = parsed.value;
  }
  return { ok: true, kid: key.kid, payload, claims };
}
