import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock, randomIds } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import { createTestDatabase, recordingJobs, type TestDatabase } from '../../platform/testing';
import { createAuditModule, type AuditModule } from '../audit';
import {
  createCasesModule,
  createInformationRequests,
  type CasesModule,
  type ApplicantNotice,
  type InformationRequestsModule,
} from './index';

/**
 * Requests for information on a real database: the request stops the legal term and the answer
 * resumes it with the deadline moved by the suspended days, each in one transaction with its
 * case action; only from in-examination; one open request per case; only whoever may see the
 * application reads and answers it. A 30-calendar-day term counted from submission, no holidays.
 */
const clock = fixedClock('2027-02-01T09:00:00Z');
let db: TestDatabase;
let audit: AuditModule;
let cases: CasesModule;
let rfi: InformationRequestsModule;
const { jobs, queued: enqueued, handlers } = recordingJobs();
/** What the notifications port was asked to tell (the notifications module has its own tests). */
const notices: ApplicantNotice[] = [];
/** application id -> account ids that may see it (the applications module's rule, faked). */
const visible = new Map<string, string[]>();

const officer = {
  kind: 'staff',
  accountId: randomUUID(),
  email: 'officer@migracija.lt',
  displayName: 'Officer',
  roles: ['officer'],
  branchId: null,
  mfaPassed: true,
} satisfies Principal;
const applicant = (accountId: string): Principal => ({
  kind: 'applicant',
  accountId,
  email: `${accountId}@example.com`,
  displayName: 'Ona',
});

/** A case in examination, for an application only `owner` may see. */
async function caseInExamination(owner = randomUUID()) {
  const applicationId = randomUUID();
  visible.set(applicationId, [owner]);
  const c = await db.db.transaction().execute((trx) =>
    cases.service.openCase(
      {
        id: applicationId,
        service_id: 'card',
        ground_id: 'work',
        submitted_at: clock.now(),
      },
      trx,
    ),
  );
  for (const kind of ['accepted', 'examination-started'] as const) {
    await db.db
      .transaction()
      .execute((trx) =>
        cases.service.recordAction(
          c.id,
          { kind, actor_kind: 'staff', actor_id: officer.accountId },
          trx,
        ),
      );
  }
  return { c: (await cases.repo.find(c.id))!, owner, applicationId };
}
const ask = (c: Awaited<ReturnType<typeof caseInExamination>>['c']) =>
  rfi.service.request(c, officer, {
    items: [{ documentType: 'passport' }, { text: 'Employment contract, signed' }],
    message: 'The contract you sent is not signed.',
    dueOn: '2027-03-01',
  });

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  audit = createAuditModule({ db: db.db, clock });
  const terms = {
    legalTerm: () => ({ amount: 30, unit: 'days' as const, startsAt: 'submission' }),
    holidays: { fixed: [], easterOffsets: [] },
  };
  cases = createCasesModule({
    db: db.db,
    clock,
    ids: randomIds,
    audit,
    catalogue: { lifecycleRules: () => ({ visitRequired: false, grantNeedsApproval: false }) },
    terms,
  });
  rfi = createInformationRequests({
    db: db.db,
    clock,
    ids: randomIds,
    audit,
    jobs,
    cases,
    ports: {
      canSeeApplication: async (id, p) =>
        'accountId' in p && (visible.get(id) ?? []).includes(p.accountId),
      applicantAccountOf: async (id) => visible.get(id)?.[0],
      terms,
    },
    documents: {
      store: async () => ({ ok: false, reason: 'empty' }) as never,
      listFor: async () => [],
    },
    documentTypes: () => [{ id: 'passport', name: { lt: 'Pasas', en: 'Passport' } }],
    notify: async (notice) => {
      notices.push(notice);
    },
  });
});
afterAll(async () => {
  await audit.drain();
  await db?.close();
});

describe('requests for information', () => {
  it('stops the legal term; the answer resumes it with the deadline moved by the suspended days', async () => {
    clock.set('2027-02-01T09:00:00Z');
    const { c, owner, applicationId } = await caseInExamination();
    expect(c).toMatchObject({ term_starts_on: '2027-02-01', deadline_on: '2027-03-03' });

    clock.set('2027-02-10T10:00:00Z');
    const seq = await ask(c);
    expect(seq).toBe(1);
    const asked = (await cases.repo.find(c.id))!;
    expect(asked).toMatchObject({ status: 'information-requested', deadline_on: '2027-03-03' });
    const [request] = await rfi.repo.listForCase(c.id);
    expect(request).toMatchObject({
      seq: 1,
      due_on: '2027-03-01',
      requested_by: officer.accountId,
      answered_at: null,
      items: [{ documentType: 'passport' }, { text: 'Employment contract, signed' }],
    });
    const job = enqueued.find((j) => (j.data as { requestId: string }).requestId === request!.id);
    expect(job).toMatchObject({ name: 'cases.information-requested', data: { accountId: owner } });

    // The applicant is told, once per request, with the due day and the answer page only.
    await handlers.get('cases.information-requested')!(job!.data);
    expect(notices.at(-1)).toEqual({
      event: 'information-requested',
      accountId: owner,
      applicationId,
      about: request!.id,
      path: `/applications/${applicationId}/information-requests/1`,
      values: { dueOn: { date: '2027-03-01' } },
      at: request!.requested_at,
    });
    // Open and due within the reminder's window (the notifications module's daily job).
    const due = (from: string, to: string) =>
      rfi.openRequestsDue(from, to).then((rows) => rows.filter((r) => r.requestId === request!.id));
    expect(await due('2027-02-26', '2027-03-01')).toEqual([
      { requestId: request!.id, applicationId, dueOn: '2027-03-01' },
    ]);
    expect(await due('2027-02-26', '2027-02-28')).toEqual([]);

    // Seven days later the applicant answers: the term resumes, seven days later than it was.
    clock.set('2027-02-17T15:00:00Z');
    const { case: seen, request: open } = await rfi.service.oneForApplication(
      applicationId,
      1,
      applicant(owner),
    );
    await rfi.service.answer(seen, open, applicant(owner), 'Here is the signed contract.');
    const after = (await cases.repo.find(c.id))!;
    expect(after).toMatchObject({ status: 'in-examination', deadline_on: '2027-03-10' });
    const answered = (await rfi.repo.find(c.id, 1))!;
    expect(answered).toMatchObject({
      answered_by: owner,
      answer_text: 'Here is the signed contract.',
    });
    expect(answered.answered_at!.toISOString()).toBe('2027-02-17T15:00:00.000Z');
    expect(await due('2027-02-26', '2027-03-01')).toEqual([]);
    const kinds = (await cases.repo.actions(c.id)).map((a) => a.kind);
    expect(kinds.slice(-2)).toEqual(['information-requested', 'information-received']);
    const actions = (await audit.entriesFor({ kind: 'case', id: c.id })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['cases.information-requested', 'cases.information-received']),
    );

    // Answered once: a second answer finds nothing to answer, and the row refuses changes.
    await expect(
      rfi.service.answer(seen, answered, applicant(owner), 'again'),
    ).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
    await expect(
      sql`update information_requests set answer_text = 'changed' where id = ${answered.id}`.execute(
        db.db,
      ),
    ).rejects.toThrow(/answered once/);
    await expect(
      sql`delete from information_requests where id = ${answered.id}`.execute(db.db),
    ).rejects.toThrow(/answered once/);
  });

  it('is not allowed outside in-examination, and nothing is written', async () => {
    clock.set('2027-02-01T09:00:00Z');
    const applicationId = randomUUID();
    const c = await db.db
      .transaction()
      .execute((trx) =>
        cases.service.openCase(
          { id: applicationId, service_id: 'card', ground_id: 'work', submitted_at: clock.now() },
          trx,
        ),
      );
    await expect(ask(c)).rejects.toMatchObject({ code: 'CASE_ACTION_NOT_ALLOWED' });
    expect(await rfi.repo.listForCase(c.id)).toEqual([]);
    expect((await cases.repo.find(c.id))!.status).toBe('submitted');
  });

  it('keeps at most one open request per case', async () => {
    clock.set('2027-02-03T09:00:00Z');
    const { c } = await caseInExamination();
    await ask(c);
    await expect(ask((await cases.repo.find(c.id))!)).rejects.toMatchObject({
      code: 'CASE_ACTION_NOT_ALLOWED',
    });
    // The database refuses a second open row even if the lifecycle were bypassed.
    await expect(
      sql`insert into information_requests (id, case_id, seq, items, due_on, requested_by, requested_at)
          values (${randomUUID()}, ${c.id}, 2, '[]'::jsonb, '2027-03-01', ${officer.accountId}, now())`.execute(
        db.db,
      ),
    ).rejects.toThrow();
    expect(await rfi.repo.listForCase(c.id)).toHaveLength(1);
  });

  it("does not show or let anyone answer someone else's request: not found", async () => {
    clock.set('2027-02-04T09:00:00Z');
    const { c, applicationId } = await caseInExamination();
    await ask(c);
    const stranger = applicant(randomUUID());
    await expect(rfi.service.forApplication(applicationId, stranger)).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    await expect(rfi.service.oneForApplication(applicationId, 1, stranger)).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    const [open] = await rfi.repo.listForCase(c.id);
    await expect(
      rfi.service.answer(c, open!, officer, 'staff do not answer'),
    ).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    expect((await cases.repo.find(c.id))!.status).toBe('information-requested');
  });
});
