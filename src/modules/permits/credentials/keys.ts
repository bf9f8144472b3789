/**
 * The issuer's signing keys (ES256, P-256), each with a key id. Keys come from the environment
 * (`CREDENTIAL_KEYS`, a JSON array of JWKs) or from files (`CREDENTIAL_KEYS_DIR`, one JWK per
 * `*.json` file), never from the repository. A private key can sign; a public-only key is a
 * retired key still published so the credentials it signed stay verifiable (rotation). Which
 * private key signs is `CREDENTIAL_ACTIVE_KID` (needed when there are several). Outside
 * production, with neither set, a key is generated once into DATA_DIR/keys/credentials/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { z } from 'zod';
import type { Config } from '../../../platform/config';
import { ConfigError } from '../../../platform/config';

const EcJwk = z
  .object({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string().min(40),
    y: z.string().min(40),
    d: z.string().min(40).optional(),
    kid: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'kid: 1-64 letters, digits, . _ -'),
  })
  .loose();
type EcJwk = z.infer<typeof EcJwk>;

export interface IssuerKey {
  kid: string;
  /** The public JWK as published (kid, alg, use). */
  publicJwk: JWK;
  publicKey: CryptoKey;
  /** Only for keys that can sign. */
  privateJwk?: JWK;
}

export interface Keyset {
  /** The key that signs new credentials and status lists. */
  active: IssuerKey & { privateJwk: JWK };
  byKid(kid: string): IssuerKey | undefined;
  /** Every key's public part: the JWKS at /.well-known/jwks.json. */
  jwks(): { keys: JWK[] };
}

const publicPart = (k: EcJwk): JWK => ({
  kty: k.kty,
  crv: k.crv,
  x: k.x,
  y: k.y,
  kid: k.kid,
  alg: 'ES256',
  use: 'sig',
});

/** Builds a keyset from JWKs; `activeKid` picks the signing key among the private ones. */
export async function keysetFrom(jwks: unknown[], activeKid?: string): Promise<Keyset> {
  const problems: string[] = [];
  const parsed: EcJwk[] = [];
  jwks.forEach((j, i) => {
    const r = EcJwk.safeParse(j);
    if (r.success) parsed.push(r.data);
    else problems.push(`key ${i + 1}: ${r.error.issues.map((x) => x.message).join('; ')}`);
  });
  const kids = parsed.map((k) => k.kid);
  const dup = kids.find((k, i) => kids.indexOf(k) !== i);
  if (dup) problems.push(`kid ${dup} is used twice`);
  const signers = parsed.filter((k) => k.d);
  const active = activeKid ? signers.find((k) => k.kid === activeKid) : signers[0];
  if (activeKid && !active) problems.push(`CREDENTIAL_ACTIVE_KID ${activeKid}: no private key`);
  if (!activeKid && signers.length > 1)
    problems.push('several private keys: set CREDENTIAL_ACTIVE_KID to the one that signs');
  if (!active && !activeKid) problems.push('no private key to sign with');
  if (problems.length) throw new ConfigError(problems.map((p) => `credential keys: ${p}`));
  const keys = new Map<string, IssuerKey>();
  for (const k of parsed) {
    const publicJwk = publicPart(k);
    const publicKey = (await importJWK(publicJwk, 'ES256')) as CryptoKey;
    keys.set(k.kid, { kid: k.kid, publicJwk, publicKey, ...(k.d ? { privateJwk: { ...k } } : {}) });
  }
  const signing = keys.get(active!.kid)! as IssuerKey & { privateJwk: JWK };
  return {
    active: signing,
    byKid: (kid) => keys.get(kid),
    jwks: () => ({ keys: [...keys.values()].map((k) => k.publicJwk) }),
  };
}

/** A new P-256 key pair as a private JWK with the given key id (CLI `credentials:keygen`). */
export async function generateIssuerJwk(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
}

function readDir(dir: string): unknown[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      try {
        return JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown;
      } catch {
        throw new ConfigError([`CREDENTIAL_KEYS_DIR: ${f} is not JSON`]);
      }
    });
}

/** The keyset from the configuration (see the header comment). */
export async function loadKeyset(
  config: Config,
  logger: { warn(o: object, m: string): void },
): Promise<Keyset> {
  const jwks: unknown[] = [];
  if (config.CREDENTIAL_KEYS) {
    try {
      jwks.push(...(JSON.parse(config.CREDENTIAL_KEYS) as unknown[]));
    } catch {
      throw new ConfigError(['CREDENTIAL_KEYS: must be a JSON array of JWKs']);
    }
  }
  if (config.CREDENTIAL_KEYS_DIR) jwks.push(...readDir(config.CREDENTIAL_KEYS_DIR));
  if (jwks.length > 0) return keysetFrom(jwks, config.CREDENTIAL_ACTIVE_KID);
  if (config.NODE_ENV === 'production') {
    throw new ConfigError([
      'CREDENTIAL_KEYS or CREDENTIAL_KEYS_DIR: required when NODE_ENV=production (npm run cli -- credentials:keygen)',
    ]);
  }
  const dir = path.join(config.DATA_DIR, 'keys', 'credentials');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'development-1.json');
  try {
    const jwk = await generateIssuerJwk('development-1');
    fs.writeFileSync(file, JSON.stringify(jwk), { flag: 'wx', mode: 0o600 });
    logger.warn(
      { file },
      'No credential keys configured: generated an issuer key for development. Set CREDENTIAL_KEYS_DIR in production.',
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return keysetFrom(readDir(dir));
}
