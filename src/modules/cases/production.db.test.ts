import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock, randomIds } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import { createTestDatabase, recordingJobs, type TestDatabase } from '../../platform/testing';
import { createAuditModule } from '../audit';
import {
  createCardProducerSimulator,
  createCasesModule,
  createCourierSimulator,
  createProduction,
  type ApplicantNotice,
  type CasesModule,
  type IssuedDocument,
  type ProductionModule,
} from './index';

/**
 * Production on a real database with a moved clock: order → produced → ready → issued at the
 * branch; the courier path with a tracking reference and delivery; a failed production re-ordered
 * up to the limit; branch isolation of the hand-over.
 */
const DAY = 86_400_000;
const VLN = randomUUID();
const KNS = randomUUID();
const clock = fixedClock('2027-04-05T08:00:00Z');
/** What the notifications port was asked to tell (the notifications module has its own tests). */
const notices: ApplicantNotice[] = [];
let db: TestDatabase;
let cases: CasesModule;
let production: ProductionModule;
/** Jobs run when the test drains them, as the worker would once the transactions committed. */
const { jobs, queued, drain } = recordingJobs();
/** The random source: the next values are taken in order, then 0.5 (no failure). */
const rolls: number[] = [];
const random = () => rolls.shift() ?? 0.5;
const delivery = new Map<string, 'branch' | 'courier'>();
const owners = new Map<string, string>();
const issued: IssuedDocument[] = [];

const officer = (branchId: string | null = VLN): Principal => ({
  kind: 'staff',
  accountId: randomUUID(),
  email: `${randomUUID()}@migracija.lt`,
  displayName: 'Officer',
  roles: ['officer'],
  branchId,
  mfaPassed: true,
});

async function grantedCase(method: 'branch' | 'courier', branchId: string | null = VLN) {
  const applicationId = randomUUID();
  delivery.set(applicationId, method);
  owners.set(applicationId, randomUUID());
  const c = await db.db.transaction().execute((trx) =>
    cases.service.openCase(
      {
        id: applicationId,
        service_id: 'temporary-residence-permit',
        ground_id: 'work',
        submitted_at: clock.now(),
      },
      trx,
    ),
  );
  const steps = [
    { kind: 'accepted' },
    { kind: 'examination-started' },
    { kind: 'decision-proposed', details: { outcome: 'grant' } },
    { kind: 'decided', details: { outcome: 'grant' } },
  ] as const;
  for (const s of steps) {
    await db.db.transaction().execute((trx) =>
      cases.service.recordAction(
        c.id,
        {
          ...s,
          details: { ...('details' in s ? s.details : {}) },
          actor_kind: 'system',
          actor_id: null,
        },
        trx,
        { branch_id: branchId },
      ),
    );
  }
  return c.id;
}
const statusOf = async (id: string) => (await cases.repo.find(id))!.status;
const auditActions = async (caseId: string) =>
  (
    await sql<{ action: string }>`select action from audit_pending where subject_id = ${caseId}
      union all select action from audit_log where subject_id = ${caseId}`.execute(db.db)
  ).rows.map((r) => r.action);

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  const audit = createAuditModule({ db: db.db, clock });
  const catalogue = { lifecycleRules: () => ({ visitRequired: false, grantNeedsApproval: false }) };
  cases = createCasesModule({ db: db.db, clock, ids: randomIds, audit, catalogue });
  production = createProduction({
    db: db.db,
    clock,
    ids: randomIds,
    audit,
    jobs,
    producer: createCardProducerSimulator({ clock, random, productionDays: 5, failureShare: 0.1 }),
    courier: createCourierSimulator({ clock, random, deliveryDays: 2 }),
    cases,
    maxAttempts: 2,
    ports: {
      cardDataOf: async (id, p) => {
        if (p.kind !== 'staff') throw new Error('read as the ordering officer');
        return {
          method: delivery.get(id) ?? 'branch',
          branch: 'VLN',
          accountId: owners.get(id) ?? null,
          holder: {
            givenNames: 'OKSANA',
            surname: 'KOVALENKO',
            dateOfBirth: '1990-02-14',
            nationality: 'UKR',
            personalCode: null,
          },
        };
      },
      recordIssued: async (doc) => {
        issued.push(doc);
      },
    },
    notify: async (notice) => {
      notices.push(notice);
    },
    branchName: async (code) =>
      code === 'VLN' ? { lt: 'Vilniaus skyrius', uk: 'Вільнюс' } : undefined,
  });
});
afterAll(async () => {
  await db?.close();
});

describe('document production', () => {
  it('orders, produces after the delay, makes ready at the branch and is issued at hand-over', async () => {
    const caseId = await grantedCase('branch');
    const vilnius = officer(VLN);
    await production.service.order(caseId, vilnius);
    expect(await statusOf(caseId)).toBe('document-ordered');
    await drain();
    const ordered = (await production.repo.byCase(caseId))!;
    expect(ordered).toMatchObject({ state: 'ordered', attempts: 1, delivery_method: 'branch' });
    expect(ordered.producer_order_id).not.toBeNull();

    clock.advance(4 * DAY);
    await production.service.poll();
    expect(await statusOf(caseId)).toBe('document-ordered');
    clock.advance(DAY);
    await production.service.poll();
    expect(await statusOf(caseId)).toBe('ready-for-collection');
    const ready = (await production.repo.byCase(caseId))!;
    expect(ready).toMatchObject({ state: 'ready-for-collection', delivery_branch: 'VLN' });
    expect(ready.document_number).toMatch(/^LT\d{7}$/);

    notices.length = 0;
    await drain();
    expect(notices).toEqual([
      {
        event: 'document-ready-for-collection',
        accountId: ready.holder_account_id,
        applicationId: (await cases.repo.find(caseId))!.application_id,
        about: ready.id,
        path: `/applications/${(await cases.repo.find(caseId))!.application_id}`,
        values: { branch: { lt: 'Vilniaus skyrius', uk: 'Вільнюс' } },
      },
    ]);

    await production.service.issue(caseId, vilnius);
    expect(await statusOf(caseId)).toBe('issued');
    expect((await production.repo.byCase(caseId))!.issued_by).toBe(
      vilnius.kind === 'staff' ? vilnius.accountId : '',
    );
    expect(issued.find((d) => d.caseId === caseId)).toMatchObject({
      documentKind: 'residence-permit',
      documentNumber: ready.document_number,
      holder: { surname: 'KOVALENKO' },
      // Two years (the pack's assumed term) less a day from the day of issue.
      expiresOn: '2029-04-09',
    });
    await expect(production.service.issue(caseId, vilnius)).rejects.toMatchObject({
      code: 'CASE_ACTION_NOT_ALLOWED',
    });
    expect(await auditActions(caseId)).toEqual(
      expect.arrayContaining(['cases.document-ordered', 'cases.document-produced', 'cases.issued']),
    );
  });

  it('sends by courier with a tracking reference, and delivery records the issue', async () => {
    const caseId = await grantedCase('courier');
    await production.service.order(caseId, officer());
    await drain();
    clock.advance(5 * DAY);
    await production.service.poll();
    expect(await statusOf(caseId)).toBe('sent-by-courier');
    const sent = (await production.repo.byCase(caseId))!;
    expect(sent.tracking_reference).toMatch(/^CR\d{8}-/);
    notices.length = 0;
    await drain();
    expect(notices).toMatchObject([
      {
        event: 'document-sent-by-courier',
        about: sent.id,
        values: { tracking: sent.tracking_reference },
      },
    ]);

    clock.advance(DAY);
    await production.service.poll();
    expect(await statusOf(caseId)).toBe('sent-by-courier');
    clock.advance(DAY);
    await production.service.poll();
    expect(await statusOf(caseId)).toBe('issued');
    expect((await production.repo.byCase(caseId))!.issued_by).toBe('courier');
    expect(issued.some((d) => d.caseId === caseId)).toBe(true);
  });

  it('re-orders a failed production up to the limit and keeps the failure visible', async () => {
    const caseId = await grantedCase('branch');
    await production.service.order(caseId, officer());
    rolls.push(0.01); // the first order fails
    await drain();
    clock.advance(5 * DAY);
    await production.service.poll();
    const failedOnce = (await production.repo.byCase(caseId))!;
    expect(failedOnce).toMatchObject({ state: 'ordered', producer_order_id: null, attempts: 1 });
    expect(failedOnce.last_error).toBe('chip personalisation failed');
    expect(await statusOf(caseId)).toBe('document-ordered');

    rolls.push(0.09); // the re-order fails too: the limit (2) is reached
    await drain();
    clock.advance(5 * DAY);
    await production.service.poll();
    const gaveUp = (await production.repo.byCase(caseId))!;
    expect(gaveUp).toMatchObject({ state: 'failed', attempts: 2 });
    expect(gaveUp.last_error).toBe('laminate defect found at quality control');
    expect(queued).toHaveLength(0);
    expect(
      (await auditActions(caseId)).filter((a) => a === 'cases.production-failed'),
    ).toHaveLength(2);
  });
});

describe('authorisation', () => {
  it('an officer of another branch gets not found, and the attempt is audited', async () => {
    const caseId = await grantedCase('branch', VLN);
    const kaunas = officer(KNS);
    await expect(production.service.order(caseId, kaunas)).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    await expect(production.service.issue(caseId, kaunas)).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    expect(await statusOf(caseId)).toBe('granted');
    expect((await auditActions(caseId)).filter((a) => a === 'cases.access-denied')).toHaveLength(2);
  });

  it('staff without an officer role and applicants get not found', async () => {
    const caseId = await grantedCase('branch');
    const agent: Principal = { ...officer(null), roles: ['call-centre'] } as Principal;
    await expect(production.service.order(caseId, agent)).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    const applicant: Principal = {
      kind: 'applicant',
      accountId: randomUUID(),
      email: 'a@example.com',
      displayName: 'A',
    };
    await expect(production.service.order(caseId, applicant)).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    expect(await statusOf(caseId)).toBe('granted');
  });
});
