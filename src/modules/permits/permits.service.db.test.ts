import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { ANONYMOUS, type Principal } from '../../platform/http';
import { permitsFixture, type PermitsFixture } from './test-support';

let f: PermitsFixture;
beforeAll(async () => {
  f = await permitsFixture(MIGRATIONS_DIR);
});
afterAll(async () => {
  await f?.db.close();
});

const applicant = (accountId: string): Principal => ({
  kind: 'applicant',
  accountId,
  email: 'x@vartai.test',
  displayName: 'X',
});
const auditActions = async (id: string, kind = 'permit') =>
  (await f.audit.entriesFor({ kind, id })).map((e) => ({ action: e.action, purpose: e.purpose }));

describe('issuing with a grant', () => {
  it('gives no permit for a service the pack does not list (a passport, a visa)', async () => {
    const r = await f.tx((trx) =>
      f.service.issueForGrant(
        {
          caseId: null,
          applicationId: randomUUID(),
          holderAccountId: randomUUID(),
          serviceId: 'national-visa',
          groundId: null,
          givenName: 'A',
          familyName: 'B',
          birthdate: '1990-01-01',
          grantedAt: f.clock.now(),
        },
        trx,
      ),
    );
    expect(r).toBeUndefined();
  });

  it('does not issue without a date of birth, and says so in the audit log', async () => {
    const caseId = randomUUID();
    const r = await f.tx((trx) =>
      f.service.issueForGrant(
        {
          caseId,
          applicationId: randomUUID(),
          holderAccountId: null,
          serviceId: 'e-resident',
          groundId: null,
          givenName: 'A',
          familyName: 'B',
          birthdate: '',
          grantedAt: f.clock.now(),
        },
        trx,
      ),
    );
    expect(r).toBeUndefined();
    expect(await auditActions(caseId, 'case')).toEqual([
      { action: 'permits.not-issued', purpose: null },
    ]);
  });

  it('term and right to work come from the pack: temporary protection to its fixed day, e-residency without work', async () => {
    const tp = await f.grant({ serviceId: 'temporary-protection', groundId: 'ukraine-war' });
    const e = await f.grant({ serviceId: 'e-resident', groundId: null });
    const tpRow = (await f.service.permitForCheck(tp.permitId))!;
    const eRow = (await f.service.permitForCheck(e.permitId))!;
    expect(tpRow).toMatchObject({ validUntil: '2027-03-04', rightToWork: true, state: 'valid' });
    expect(eRow).toMatchObject({
      validFrom: '2026-12-01',
      validUntil: '2029-11-30',
      rightToWork: false,
    });
  });

  it("a new permit of the same type replaces the holder's earlier one (status list updated)", async () => {
    const holder = randomUUID();
    const first = await f.grant({ holderAccountId: holder });
    const list = await f.service.repo.list(1);
    const second = await f.grant({ holderAccountId: holder });
    const old = (await f.service.repo.find(first.permitId))!;
    expect(old).toMatchObject({ state: 'replaced', replaced_by: second.permitId });
    expect(Number((await f.service.repo.list(1))!.version)).toBeGreaterThan(Number(list!.version));
    expect(await f.service.verify(first.credential, { channel: 'api' })).toMatchObject({
      status: 'revoked',
    });
    expect((await f.service.verify(second.credential, { channel: 'api' })).status).toBe('valid');
    // Another type is not replaced.
    await f.grant({ holderAccountId: holder, serviceId: 'e-resident' });
    expect((await f.service.repo.find(second.permitId))!.state).toBe('valid');
    const mine = await f.service.listForHolder(applicant(holder));
    expect(mine.map((p) => p.state).sort()).toEqual(['replaced', 'valid', 'valid']);
  });
});

describe('the holder and everyone else', () => {
  it('only the holder reads their permit; every read is audited', async () => {
    const holder = randomUUID();
    const { permitId } = await f.grant({ holderAccountId: holder });
    expect((await f.service.getOwn(permitId, applicant(holder))).id).toBe(permitId);
    await expect(f.service.getOwn(permitId, applicant(randomUUID()))).rejects.toMatchObject({
      code: 'PERMIT_NOT_FOUND',
    });
    await expect(f.service.getOwn(permitId, ANONYMOUS)).rejects.toMatchObject({
      code: 'PERMIT_NOT_FOUND',
    });
    await expect(f.service.present('not-a-uuid', applicant(holder), 'full')).rejects.toMatchObject({
      code: 'PERMIT_NOT_FOUND',
    });
    const reads = await auditActions(permitId);
    expect(reads).toContainEqual({ action: 'personal-data.read', purpose: 'own-permit' });
  });

  it('serves the photo behind a picture reference and audits the read', async () => {
    const { permitId } = await f.grant();
    const view = (await f.service.permitForCheck(permitId))!;
    const ref = view.pictureUrl.split('/').at(-1)!;
    const photo = await f.service.photo(ref, { channel: 'page', ip: '203.0.113.9' });
    expect(photo!.contentType).toBe('image/png');
    expect(photo!.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(await f.service.photo('unknownreference123456', { channel: 'page' })).toBeUndefined();
    expect(await auditActions(permitId)).toContainEqual({
      action: 'personal-data.read',
      purpose: 'credential-verification-page',
    });
  });

  it('a signed status list is reused until an entry changes', async () => {
    const a = await f.service.statusListJwt(1);
    expect(await f.service.statusListJwt(1)).toBe(a);
    const { permitId } = await f.grant();
    const app = (await f.service.repo.find(permitId))!.application_id!;
    await f.tx((trx) => f.service.revokeForApplication(app, trx));
    expect(await f.service.statusListJwt(1)).not.toBe(a);
    expect(await f.service.statusListJwt(99)).toBeUndefined();
  });
});
