import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedInStaff, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS } from '../accounts';
import { openInExamination, setCardIdentity } from './information-requests.test-support';

/**
 * Revoking an issued permit with four eyes: an officer of the case's branch proposes it with
 * grounds and reasons; the proposer cannot approve it (page or direct call, audited); another
 * branch gets 404; a second officer approves: the case is revoked, the holder's card stops being
 * valid and a letter is made. Sent back, the permit stays issued.
 */
let app: TestApp;
let officer: Browser;
let lead: Browser;
let callCentre: Browser;
let kaunas: Browser;

const signInStaff = (email: string) => signedInStaff(app, email);
const db = () => app.ctx.database.db;
const statusOf = async (caseId: string) => (await app.app.modules.cases.repo.find(caseId))!.status;
const audited = async (caseId: string, action: string) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from (
      select action, subject_id from audit_pending union all select action, subject_id from audit_log
    ) a where subject_id = ${caseId} and action = ${action}`.execute(db())
  ).rows[0]!.n;

/** A permit granted, produced and handed over, held by the applicant, in branch VLN. */
async function issuedPermit() {
  const cases = app.app.modules.cases;
  const { caseId, applicationId } = await openInExamination(db(), cases, DEMO_APPLICANTS[0]!.email);
  await sql`update cases set branch_id = (select id from branches where code = 'VLN')
    where id = ${caseId}::uuid`.execute(db());
  await setCardIdentity(db(), applicationId, {
    givenNames: 'OLEKSANDR',
    surname: 'KOVALENKO',
    dateOfBirth: '1990-04-17',
    nationality: 'UKR',
  });
  const holder = (await app.app.modules.accounts.repo.findByEmail(DEMO_APPLICANTS[0]!.email))!;
  await db()
    .transaction()
    .execute(async (trx) => {
      const system = { actor_kind: 'system', actor_id: null } as const;
      await cases.service.recordAction(
        caseId,
        { kind: 'decision-proposed', ...system, details: { outcome: 'grant' } },
        trx,
      );
      for (const kind of [
        'decided',
        'document-ordered',
        'document-produced',
        'ready-for-collection',
        'issued',
      ] as const)
        await cases.service.recordAction(caseId, { kind, ...system }, trx);
      await app.app.modules.holdings.service.recordIssued(
        {
          holderAccountId: holder.id,
          kind: 'residence-permit',
          documentNumber: `RP${caseId.slice(0, 6)}`,
          givenNames: 'OLEKSANDR',
          surname: 'KOVALENKO',
          dateOfBirth: '1990-04-17',
          nationality: 'UKR',
          personalCode: null,
          issuedAt: new Date(),
          expiresOn: '2028-12-31',
          renewalServiceId: 'temporary-residence-permit',
          renewalGroundId: 'work',
          applicationId,
        },
        trx,
      );
    });
  return { caseId, applicationId };
}
const heldStatus = async (applicationId: string) =>
  (
    await sql<{ status: string }>`select status from held_documents
      where issued_on_application_id = ${applicationId}::uuid`.execute(db())
  ).rows.map((r) => r.status);

beforeAll(async () => {
  app = await startTestApp();
  officer = await signInStaff('officer@vartai.demo');
  lead = await signInStaff('lead@vartai.demo');
  callCentre = await signInStaff('callcentre@vartai.demo');
  kaunas = await signInStaff('officer.kaunas@vartai.demo');
});
afterAll(async () => {
  await app?.close();
});

describe('revoking an issued permit', () => {
  it('is proposed by one officer and takes effect only with a second', async () => {
    const { caseId, applicationId } = await issuedPermit();
    const view = `/workbench/cases/${caseId}`;
    const page = `${view}/revocation`;
    expect((await officer.get(view)).body).toContain(page);

    expect((await kaunas.get(page)).statusCode).toBe(404);
    expect(await audited(caseId, 'cases.access-denied')).toBeGreaterThan(0);
    expect((await callCentre.get(page)).statusCode).toBe(403);

    const empty = await officer.post(page, { reasons: '' });
    expect(empty.statusCode).toBe(400);
    expect(await statusOf(caseId)).toBe('issued');
    const proposed = await officer.post(page, {
      grounds: 'ground-ended',
      reasons: 'Darbdavys pranešė, kad darbo sutartis nutraukta.',
    });
    expect(proposed.statusCode).toBe(302);
    expect(await statusOf(caseId)).toBe('revocation-proposed');
    // Still valid until approved.
    expect(await heldStatus(applicationId)).toEqual(['valid']);

    // The proposer may not approve: on the page, nor by calling the service directly.
    const approval = `${view}/approval`;
    const self = await officer.post(approval, { choice: 'approve' });
    expect(self.statusCode).toBe(403);
    const officerPrincipal = {
      kind: 'staff' as const,
      accountId: (await app.app.modules.accounts.repo.findByEmail('officer@vartai.demo'))!.id,
      email: 'officer@vartai.demo',
      displayName: 'Officer',
      roles: ['officer'],
      branchId: (await app.app.modules.cases.repo.find(caseId))!.branch_id,
      mfaPassed: true,
    };
    const decisions = app.app.modules.decisions;
    await expect(decisions.service.approve(caseId, officerPrincipal)).rejects.toMatchObject({
      code: 'CASE_APPROVAL_REFUSED',
    });
    expect(await audited(caseId, 'cases.approval-refused')).toBe(2);
    expect(await statusOf(caseId)).toBe('revocation-proposed');

    expect((await lead.post(approval, { choice: 'approve' })).statusCode).toBe(302);
    expect(await statusOf(caseId)).toBe('revoked');
    expect(await heldStatus(applicationId)).toEqual(['revoked']);
    const letters = await sql<{ lang: string }>`select lang from decision_letters
      where application_id = ${applicationId}::uuid`.execute(db());
    expect(letters.rows.map((r) => r.lang)).toContain('lt');
    expect(await audited(caseId, 'cases.revoked')).toBe(1);
    // Nothing follows a revocation.
    expect((await officer.post(page, { grounds: 'ground-ended', reasons: 'x' })).statusCode).toBe(
      409,
    );
  });

  it('sent back, the permit stays issued and valid', async () => {
    const { caseId, applicationId } = await issuedPermit();
    await officer.post(`/workbench/cases/${caseId}/revocation`, {
      grounds: 'residence-not-declared',
      reasons: 'Gyvenamoji vieta nedeklaruota.',
    });
    const back = await lead.post(`/workbench/cases/${caseId}/approval`, {
      choice: 'return',
      reason: 'Deklaracija pateikta vakar.',
    });
    expect(back.statusCode).toBe(302);
    expect(await statusOf(caseId)).toBe('issued');
    expect(await heldStatus(applicationId)).toEqual(['valid']);
  });
});
