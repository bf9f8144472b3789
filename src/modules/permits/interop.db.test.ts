/**
 * Interoperability: issued credentials verified by an independent path, without Vartai's own
 * verification code: the issuer signature with plain `jose` against the published JWKS, each
 * disclosure's digest recomputed as RFC 9901 (SD-JWT) §4.2.3 says, and the status list decoded
 * as the Token Status List draft says (zlib DEFLATE, bit `idx`, least significant bit first).
 * Then the tamper tests: each kind of tampering is rejected by Vartai's verifier with its reason.
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { randomIds } from '../../platform/clock';
import { createAuditModule } from '../audit';
import { generateIssuerJwk, keysetFrom } from './credentials/keys';
import { loadPermitsPack } from './permits.pack';
import { createPermitsService } from './permits.service';
import { simulatedPhotoArchive } from './photos';
import { permitsFixture, TEST_ISSUER, type PermitsFixture } from './test-support';

let f: PermitsFixture;
let credential: string;
let permitId: string;

beforeAll(async () => {
  f = await permitsFixture(MIGRATIONS_DIR);
  ({ credential, permitId } = await f.grant());
});
afterAll(async () => {
  await f?.db.close();
});

const b64json = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;

/** The independent verifier: jose and node:crypto only. */
async function independentlyVerify(sdJwt: string, jwks: { keys: object[] }) {
  const [jws, ...rest] = sdJwt.split('~');
  expect(rest.at(-1)).toBe('');
  const { payload, protectedHeader } = await compactVerify(jws!, createLocalJWKSet(jwks as never), {
    algorithms: ['ES256'],
  });
  const body = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
  expect(body._sd_alg).toBe('sha-256');
  const digests = new Set(body._sd as string[]);
  const claims: Record<string, unknown> = {};
  for (const disclosure of rest.slice(0, -1)) {
    // RFC 9901: the digest is over the US-ASCII bytes of the disclosure as it appears.
    const digest = createHash('sha256').update(disclosure, 'ascii').digest('base64url');
    expect(digests.has(digest)).toBe(true);
    const [salt, name, value] = b64json(disclosure) as [string, string, unknown];
    expect(salt.length).toBeGreaterThanOrEqual(16);
    claims[name] = value;
  }
  return { header: protectedHeader, body, claims };
}

describe('an issued credential, verified without Vartai code', () => {
  it('has a valid ES256 issuer signature under the published JWKS and the SD-JWT VC shape', async () => {
    const { header, body, claims } = await independentlyVerify(credential, f.service.jwks());
    expect(header).toMatchObject({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'test-1' });
    expect(body).toMatchObject({
      iss: TEST_ISSUER,
      vct: `${TEST_ISSUER}/credentials/types/temporary-residence-permit`,
      status: { status_list: { uri: `${TEST_ISSUER}/credentials/status/1` } },
    });
    expect(typeof body.exp).toBe('number');
    // Personal facts are never in the clear part: only as disclosures.
    for (const k of ['given_name', 'family_name', 'birthdate', 'document_number'])
      expect(body[k]).toBeUndefined();
    expect(claims).toMatchObject({
      given_name: 'OLEKSANDR',
      family_name: 'KOVALENKO',
      birthdate: '1988-04-12',
      permit_type: 'temporary-residence-permit',
      permit_ground: 'work',
      right_to_work: true,
      valid_from: '2026-12-01',
      valid_until: '2028-11-30',
    });
    expect(String(claims.picture)).toMatch(/^https:\/\/vartai\.test\/credentials\/photos\//);
    expect(String(claims.document_number)).toMatch(/^SL\d{8}$/);
  });

  it('a presentation keeps only the chosen disclosures, still verifiable', async () => {
    const holder = { kind: 'applicant' as const, accountId: '', email: '', displayName: '' };
    const row = await f.service.repo.find(permitId);
    const work = await f.service.present(
      permitId,
      { ...holder, accountId: row!.holder_account_id! },
      'work',
    );
    const { claims } = await independentlyVerify(work, f.service.jwks());
    expect(Object.keys(claims).sort()).toEqual(
      ['family_name', 'given_name', 'picture', 'right_to_work', 'valid_until'].sort(),
    );
  });

  it('revocation shows in the published status list at once', async () => {
    const { body } = await independentlyVerify(credential, f.service.jwks());
    const { idx, uri } = (body.status as { status_list: { idx: number; uri: string } }).status_list;
    const bit = async () => {
      const jwt = (await f.service.statusListJwt(Number(uri.split('/').at(-1))))!;
      const { payload, protectedHeader } = await jwtVerify(
        jwt,
        createLocalJWKSet(f.service.jwks() as never),
        {
          typ: 'statuslist+jwt',
          currentDate: f.clock.now(),
        },
      );
      expect(protectedHeader.alg).toBe('ES256');
      expect(payload.sub).toBe(uri);
      const { bits, lst } = payload.status_list as { bits: number; lst: string };
      expect(bits).toBe(1);
      const bytes = inflateSync(Buffer.from(lst, 'base64url'));
      return (bytes[Math.floor(idx / 8)]! >> (idx % 8)) & 1;
    };
    const other = await f.grant({ givenName: 'PRIYA', familyName: 'SHARMA' });
    expect(await bit()).toBe(0);
    const row = await f.service.repo.find(other.permitId);
    await f.tx((trx) => f.service.revokeForApplication(row!.application_id!, trx));
    expect(await bit()).toBe(0);
    const first = (await f.service.repo.find(permitId))!.application_id!;
    await f.tx((trx) => f.service.revokeForApplication(first, trx));
    expect(await bit()).toBe(1);
    expect(await f.service.verify(credential, { channel: 'api' })).toMatchObject({
      valid: false,
      status: 'revoked',
      reason: 'revoked',
    });
  });
});

describe('tampering is rejected, with the reason', () => {
  let fresh: string;
  beforeAll(async () => {
    fresh = (await f.grant({ givenName: 'ALIAKSANDR', familyName: 'IVANOU' })).credential;
    expect((await f.service.verify(fresh, { channel: 'api' })).status).toBe('valid');
  });

  it('any byte changed anywhere makes the credential invalid', async () => {
    for (let i = 0; i < fresh.length; i++) {
      const c = fresh[i]!;
      // Replace with another character of the same alphabet, so only the content changes.
      const swap = c === '~' ? '.' : c === 'A' ? 'B' : 'A';
      const r = await f.service.verify(fresh.slice(0, i) + swap + fresh.slice(i + 1), {
        channel: 'api',
      });
      if (r.valid) throw new Error(`byte ${i} (${c} -> ${swap}) changed and still valid`);
      expect(r.status).toBe('invalid');
      expect(r.claims).toEqual({});
    }
  });

  it('names the reason: signature, disclosure, unknown key, malformed', async () => {
    const [jws, ...disclosures] = fresh.split('~');
    const [h, p, s] = jws!.split('.');
    const flip = (x: string) => (x[5] === 'A' ? 'B' : 'A');
    const payloadChanged = `${h}.${p!.slice(0, 5)}${flip(p!)}${p!.slice(6)}.${s}~${disclosures.join('~')}`;
    expect((await f.service.verify(payloadChanged, { channel: 'api' })).reason).toBe('signature');
    const sigChanged = `${h}.${p}.${s!.slice(0, 5)}${flip(s!)}${s!.slice(6)}~${disclosures.join('~')}`;
    expect((await f.service.verify(sigChanged, { channel: 'api' })).reason).toBe('signature');
    const d0 = disclosures[0]!;
    const discChanged = `${jws}~${d0.slice(0, 5)}${flip(d0)}${d0.slice(6)}~${disclosures.slice(1).join('~')}`;
    expect((await f.service.verify(discChanged, { channel: 'api' })).reason).toBe('disclosure');
    expect((await f.service.verify('not a credential', { channel: 'api' })).reason).toBe(
      'malformed',
    );
  });

  it('a disclosure from another credential is rejected', async () => {
    const other = (await f.grant({ givenName: 'MARIE', familyName: 'DUBOIS' })).credential;
    const foreign = other.split('~')[1]!;
    const [jws] = fresh.split('~');
    const r = await f.service.verify(`${jws}~${foreign}~`, { channel: 'api' });
    expect(r).toMatchObject({ valid: false, status: 'invalid', reason: 'disclosure', claims: {} });
  });

  it('a key not in the JWKS is rejected; so is another key under a published kid', async () => {
    const issueWith = async (kid: string) => {
      const keys = await keysetFrom([await generateIssuerJwk(kid)]);
      const other = createPermitsService({
        db: f.db.db,
        clock: f.clock,
        ids: randomIds,
        audit: createAuditModule({ db: f.db.db, clock: f.clock }),
        keys,
        pack: loadPermitsPack(),
        photos: simulatedPhotoArchive(),
        issuer: TEST_ISSUER,
      });
      const issued = await f.tx((trx) =>
        other.issueForGrant(
          {
            caseId: null,
            applicationId: randomIds.uuid(),
            holderAccountId: null,
            serviceId: 'permanent-residence-permit',
            groundId: null,
            givenName: 'MALLORY',
            familyName: 'FORGER',
            birthdate: '1970-01-01',
            grantedAt: f.clock.now(),
          },
          trx,
        ),
      );
      return (await f.service.repo.find(issued!.permitId))!.credential;
    };
    const unknownKid = await issueWith('rogue-1');
    expect(decodeProtectedHeader(unknownKid.split('~')[0]!).kid).toBe('rogue-1');
    expect((await f.service.verify(unknownKid, { channel: 'api' })).reason).toBe('unknown-key');
    const sameKid = await issueWith('test-1');
    expect((await f.service.verify(sameKid, { channel: 'api' })).reason).toBe('signature');
  });

  it('an expired credential is rejected as expired, with its disclosed facts', async () => {
    const start = f.clock.now();
    f.clock.set('2028-12-01T12:00:00Z');
    try {
      const r = await f.service.verify(fresh, { channel: 'api' });
      expect(r).toMatchObject({ valid: false, status: 'expired', reason: 'expired' });
      expect(r.claims.given_name).toBe('ALIAKSANDR');
    } finally {
      f.clock.set(start);
    }
  });
});
