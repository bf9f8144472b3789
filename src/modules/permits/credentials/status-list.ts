/**
 * IETF Token Status List (draft-ietf-oauth-status-list): one bit per credential, 0 valid and
 * 1 invalid, DEFLATE-compressed and signed as a `statuslist+jwt` by the issuer. Encoding and
 * decoding are the `@sd-jwt/jwt-status-list` library's; signing is `jose`'s.
 */
import { SignJWT, importJWK } from 'jose';
import {
  StatusList,
  createHeaderAndPayload,
  getListFromStatusListJWT,
} from '@sd-jwt/jwt-status-list';
import type { Keyset } from './keys';

export const STATUS_VALID = 0;
export const STATUS_INVALID = 1;
/** Entries per list: 2^17 bits is 16 KB before compression, a few hundred bytes after. */
export const STATUS_LIST_SIZE = 131_072;
/** How long a verifier may cache a list (the JWT's `ttl`, seconds). */
export const STATUS_LIST_TTL_SECONDS = 300;

export interface StatusListInput {
  /** The list's URL, as the credentials' `status.status_list.uri` carry it (the JWT's `sub`). */
  uri: string;
  size: number;
  /** Entries that are invalid (revoked or replaced). */
  invalid: readonly number[];
  issuer: string;
  now: Date;
}

/** The signed status list JWT. */
export async function signStatusList(keys: Keyset, input: StatusListInput): Promise<string> {
  const bits = new Array<number>(input.size).fill(STATUS_VALID);
  for (const idx of input.invalid) bits[idx] = STATUS_INVALID;
  const iat = Math.floor(input.now.getTime() / 1000);
  const { header, payload } = createHeaderAndPayload(
    new StatusList(bits, 1),
    {
      iss: input.issuer,
      sub: input.uri,
      iat,
      // Verifiers must not trust a list long after it was signed; a day is ample with ttl 300 s.
      exp: iat + 86_400,
      ttl: STATUS_LIST_TTL_SECONDS,
    },
    { alg: 'ES256', typ: 'statuslist+jwt', kid: keys.active.kid },
  );
  const key = await importJWK(keys.active.privateJwk, 'ES256');
  return new SignJWT(payload).setProtectedHeader(header).sign(key);
}

/** The status of one entry in a status list JWT (its signature is checked by the caller). */
export function statusIn(jwt: string, idx: number): number {
  return getListFromStatusListJWT(jwt).getStatus(idx);
}
