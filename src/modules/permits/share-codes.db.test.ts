import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock, randomIds } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import { createTestDatabase, type TestDatabase } from '../../platform/testing';
import { createAuditModule, type AuditModule } from '../audit';
import { loadPermitsPack } from './permits.pack';
import { createPermitsService } from './permits.service';
import { simulatedPhotoArchive } from './photos';
import { testKeyset } from './test-support';
import { normaliseCode } from './share-codes.core';
import { createShareCodesService, type ShareCodesService } from './share-codes.service';

/** Share codes on a real database, with permits inserted straight into their table. */
const clock = fixedClock('2027-01-10T09:00:00Z');
const DAY = 86_400_000;
let db: TestDatabase;
let audit: AuditModule;
let service: ShareCodesService;

type Applicant = Principal & { kind: 'applicant' };
const person = (): Applicant => ({
  kind: 'applicant',
  accountId: randomUUID(),
  email: `${randomUUID().slice(0, 8)}@example.lt`,
  displayName: 'Olena',
});

let nextIdx = 0;
async function grantPermit(holder: Applicant, over: { state?: string; validUntil?: string } = {}) {
  const id = randomUUID();
  const state = over.state ?? 'valid';
  await sql`insert into permits (id, holder_account_id, credential_type, service_id, document_number,
      given_name, family_name, birthdate, photo_ref, right_to_work, valid_from, valid_until,
      status_list, status_idx, state, state_changed_at, kid, credential, issued_at)
    values (${id}::uuid, ${holder.accountId}::uuid, 'temporary-protection', 'temporary-protection',
      ${`LT${randomUUID().slice(0, 8)}`}, 'OLENA', 'KOVALENKO', '1990-05-17', ${randomUUID()}, true,
      '2026-03-04', ${over.validUntil ?? '2028-03-04'}, 1, ${nextIdx++}, ${state},
      ${state === 'valid' ? null : clock.now()}, 'k1', 'x~', ${clock.now()})`.execute(db.db);
  return id;
}

let ipSeq = 0;
const freshIp = () => `203.0.113.${++ipSeq}`;
const check = (code: string, dateOfBirth: string, ip = freshIp(), verifierName = 'UAB Statyba') =>
  service.check({ code, dateOfBirth, verifierName, channel: 'page', ip });

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  audit = createAuditModule({ db: db.db, clock });
  const permits = createPermitsService({
    db: db.db,
    clock,
    ids: randomIds,
    audit,
    keys: await testKeyset(),
    pack: loadPermitsPack(),
    photos: simulatedPhotoArchive(),
    issuer: 'https://vartai.test',
  });
  service = createShareCodesService({ db: db.db, clock, ids: randomIds, audit, permits });
  await sql`insert into credential_status_lists (id, size, version, created_at, updated_at)
    values (1, 1024, 0, now(), now())`.execute(db.db);
});
afterAll(async () => {
  await audit.drain();
  await db?.close();
});

describe('a share code check', () => {
  it('with the right code and date of birth shows only the purpose facts, and is recorded', async () => {
    const olena = person();
    const permitId = await grantPermit(olena);
    const made = await service.create(permitId, olena, { purpose: 'work', days: 30 });
    expect(made.code).toMatch(/^W[0-9A-Z]{2} [0-9A-Z]{3} [0-9A-Z]{3}$/);
    expect(made.expiresAt.getTime() - clock.now().getTime()).toBe(30 * DAY);

    const typed = made.code.toLowerCase().replaceAll(' ', '-');
    const r = await service.check({
      code: typed,
      dateOfBirth: '1990-05-17',
      verifierName: '  UAB Statyba  ',
      channel: 'api',
      ip: freshIp(),
    });
    expect(r).toEqual({
      outcome: 'shown',
      purpose: 'work',
      facts: {
        given_name: 'OLENA',
        family_name: 'KOVALENKO',
        picture: expect.stringContaining('/credentials/photos/'),
        right_to_work: true,
        valid_until: '2028-03-04',
      },
      pictureUrl: expect.stringContaining('/credentials/photos/'),
      permitState: 'valid',
    });

    const checks = await service.checksFor(permitId, olena);
    expect(checks).toEqual([
      expect.objectContaining({
        verifierName: 'UAB Statyba',
        purpose: 'work',
        channel: 'api',
        outcome: 'shown',
      }),
    ]);
    const [listed] = await service.listForPermit(permitId, olena);
    expect(listed).toMatchObject({ id: made.id, state: 'active', checks: 1, purpose: 'work' });
    expect(listed!.hint).toBe(normaliseCode(made.code)!.slice(-3));

    await audit.flush();
    const reads = await sql<{ purpose: string; details: { fields: string[] } }>`
      select purpose, details from audit_log where subject_id = ${permitId}
      and action = 'personal-data.read'`.execute(db.db);
    expect(reads.rows).toEqual([
      {
        purpose: 'share-code-check-work',
        details: {
          fields: ['given_name', 'family_name', 'picture', 'right_to_work', 'valid_until'],
        },
      },
    ]);
  });

  it('answers a wrong code and a wrong date of birth alike, and records neither', async () => {
    const olena = person();
    const permitId = await grantPermit(olena);
    const { code } = await service.create(permitId, olena, { purpose: 'renting', days: 7 });
    const wrongDate = await check(code, '1990-05-18');
    const wrongCode = await check(
      code.replace(/.$/, (c) => (c === '2' ? '3' : '2')),
      '1990-05-17',
    );
    const malformed = await check('hello', '1990-05-17');
    expect(wrongDate).toEqual({ outcome: 'no-match' });
    expect(wrongCode).toEqual(wrongDate);
    expect(malformed).toEqual(wrongDate);
    expect(await service.checksFor(permitId, olena)).toEqual([]);
  });

  it('refuses an address after 10 failures, before looking anything up', async () => {
    const olena = person();
    const permitId = await grantPermit(olena);
    const { code } = await service.create(permitId, olena, { purpose: 'other', days: 60 });
    const ip = freshIp();
    for (let i = 0; i < 10; i++)
      expect(await check(code, `1990-01-${String(i + 1).padStart(2, '0')}`, ip)).toEqual({
        outcome: 'no-match',
      });
    // Even the right pair is refused from that address now.
    await expect(check(code, '1990-05-17', ip)).rejects.toMatchObject({
      code: 'SHARE_CODE_CHECK_LIMITED',
    });
    expect((await check(code, '1990-05-17')).outcome).toBe('shown');
  });

  it('refuses a code after 20 failures from anywhere (distributed guessing)', async () => {
    const olena = person();
    const permitId = await grantPermit(olena);
    const { code } = await service.create(permitId, olena, { purpose: 'work', days: 90 });
    for (let i = 0; i < 20; i++) await check(code, `1980-02-${String(i + 1).padStart(2, '0')}`);
    await expect(check(code, '1990-05-17')).rejects.toMatchObject({
      code: 'SHARE_CODE_CHECK_LIMITED',
    });
  });

  it('says when a code expired or was revoked, or the permit is no longer valid', async () => {
    const olena = person();
    const permitId = await grantPermit(olena);
    const short = await service.create(permitId, olena, { purpose: 'work', days: 7 });
    const revoked = await service.create(permitId, olena, { purpose: 'work', days: 30 });
    await service.revoke(revoked.id, olena, permitId);
    await service.revoke(revoked.id, olena); // twice: no change
    expect((await check(revoked.code, '1990-05-17')).outcome).toBe('code-revoked');
    clock.advance(8 * DAY);
    try {
      expect((await check(short.code, '1990-05-17')).outcome).toBe('code-expired');
    } finally {
      clock.advance(-8 * DAY);
    }
    const states = (await service.listForPermit(permitId, olena)).map((c) => c.state);
    expect(states.sort()).toEqual(['active', 'revoked']);

    const other = await service.create(permitId, olena, { purpose: 'renting', days: 30 });
    await sql`update permits set state = 'revoked', state_changed_at = now()
      where id = ${permitId}::uuid`.execute(db.db);
    const r = await check(other.code, '1990-05-17');
    expect(r).toEqual({ outcome: 'permit-invalid' });
    expect((await service.checksFor(permitId, olena)).map((c) => c.outcome).sort()).toEqual([
      'code-expired',
      'code-revoked',
      'permit-invalid',
    ]);
    await expect(
      service.create(permitId, olena, { purpose: 'work', days: 30 }),
    ).rejects.toMatchObject({ code: 'PERMIT_NOT_VALID' });
  });

  it('needs who is checking and a real date', async () => {
    await expect(check('W22 222 222', '1990-05-17', freshIp(), '   ')).rejects.toMatchObject({
      code: 'SHARE_CODE_INVALID',
    });
    await expect(check('W22 222 222', '1990-02-30')).rejects.toMatchObject({
      code: 'SHARE_CODE_INVALID',
    });
  });
});

describe('the holder', () => {
  it('alone lists, revokes and sees checks of their codes', async () => {
    const olena = person();
    const mallory = person();
    const permitId = await grantPermit(olena);
    const made = await service.create(permitId, olena, { purpose: 'work', days: 30 });
    await expect(service.listForPermit(permitId, mallory)).rejects.toMatchObject({
      code: 'PERMIT_NOT_FOUND',
    });
    await expect(service.checksFor(permitId, mallory)).rejects.toMatchObject({
      code: 'PERMIT_NOT_FOUND',
    });
    await expect(
      service.create(permitId, mallory, { purpose: 'work', days: 30 }),
    ).rejects.toMatchObject({ code: 'PERMIT_NOT_FOUND' });
    await expect(service.revoke(made.id, mallory)).rejects.toMatchObject({
      code: 'SHARE_CODE_NOT_FOUND',
    });
    await expect(service.revoke(made.id, { kind: 'anonymous' })).rejects.toMatchObject({
      code: 'SHARE_CODE_NOT_FOUND',
    });
    const otherPermit = await grantPermit(olena);
    await expect(service.revoke(made.id, olena, otherPermit)).rejects.toMatchObject({
      code: 'SHARE_CODE_NOT_FOUND',
    });
    expect((await service.listForPermit(permitId, olena))[0]!.state).toBe('active');
  });

  it('picks a purpose and 7, 30, 60 or 90 days only', async () => {
    const olena = person();
    const permitId = await grantPermit(olena);
    await expect(
      service.create(permitId, olena, { purpose: 'dating', days: 30 }),
    ).rejects.toMatchObject({ code: 'SHARE_CODE_INVALID' });
    await expect(
      service.create(permitId, olena, { purpose: 'work', days: 120 }),
    ).rejects.toMatchObject({ code: 'SHARE_CODE_INVALID' });
  });
});
