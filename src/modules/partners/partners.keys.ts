import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every API key starts with this, so leaked keys are easy to recognise (secret scanners). */
export const API_KEY_PREFIX = 'vrt_';
/** `vrt_` + base64url of 32 random bytes (43 characters). */
const API_KEY = /^vrt_[A-Za-z0-9_-]{43}$/;
/** Characters of the random part stored in clear to find the row (48 bits: collisions are rare and retried). */
export const LOOKUP_LENGTH = 8;

export interface ApiKeyParts {
  /** First 8 characters after `vrt_`: looked up, shown to staff. */
  prefix: string;
  /** Hex SHA-256 of the whole key. */
  hash: string;
}

/**
 * SHA-256, not a password hash: the key has 256 bits of entropy, so nobody can guess it from the
 * hash however fast the hash is, and authentication stays one cheap hash per request.
 */
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function newApiKey(): ApiKeyParts & { key: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, ...parseApiKey(key)! };
}

/** The parts of a well-formed key, or null for anything else (no lookup is done then). */
export function parseApiKey(key: string): ApiKeyParts | null {
  if (!API_KEY.test(key)) return null;
  return {
    prefix: key.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + LOOKUP_LENGTH),
    hash: hashApiKey(key),
  };
}

/** Constant-time equality of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/**
 * The key in `Authorization: Bearer <key>` or `X-Api-Key: <key>`; undefined when neither is
 * sent. Other `Authorization` schemes (e.g. a payment provider's signature) are not ours to judge.
 */
export function apiKeyFrom(headers: Record<string, string | string[] | undefined>) {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^Bearer(\s|$)/i.test(auth)) return auth.slice(6).trim();
  const x = headers['x-api-key'];
  if (typeof x === 'string' && x.length > 0) return x.trim();
  if (Array.isArray(x)) return x.join(',');
  return undefined;
}

export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** `Vartai-Signature` header value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

/**
 * What a partner does on receipt (documented in the README): recompute the HMAC over the raw
 * body, compare in constant time, and refuse timestamps too far from now (replays).
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()];
    }),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts.v1)
    return false;
  const expected = signWebhook(secret, body, t).split('v1=')[1]!;
  return sameDigest(expected, parts.v1);
}

/**
 * Keys sorted at every level, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request.
 * Bytes (an uploaded file inside a parsed multipart body) stand as the SHA-256 of their raw
 * content, so a file is compared byte for byte without serialising it.
 */
export function canonicalJson(v: unknown): string {
  if (Buffer.isBuffer(v) || v instanceof Uint8Array)
    return `{"$sha256":"${createHash('sha256').update(v).digest('hex')}"}`;
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * What makes two requests "the same" for an idempotency key: method, path with query, and the
 * body — raw bytes for a binary body, canonical JSON for a parsed one. A multipart body parsed
 * by @fastify/multipart (fields plus files as bytes) is hashed as its fields and each file's
 * bytes, not as the raw stream, because clients pick a new random boundary on every retry.
 */
export function requestHash(method: string, url: string, body: unknown): string {
  const h = createHash('sha256').update(`${method.toUpperCase()} ${url}\n`);
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) h.update(body);
  else if (typeof body === 'string') h.update(body);
  else if (body !== undefined && body !== null) h.update(canonicalJson(body));
  return h.digest('hex');
}

/** 1–255 visible ASCII characters (RFC 9110 token-ish, as Stripe and the IETF draft allow). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
