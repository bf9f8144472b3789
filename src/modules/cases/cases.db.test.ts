import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock, randomIds } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import { createTestDatabase, type TestDatabase } from '../../platform/testing';
import { createAuditModule, type AuditModule } from '../audit';
import { createCasesModule, type CasesModule, type SubmittedApplication } from './index';

/**
 * Cases on a real database: opened once per submitted application in the caller's transaction,
 * actions append-only, the status cache following the actions, read only by staff after MFA.
 * Service `trp` needs a visit; `card` does not (lifecycle variants from the catalogue port).
 */
const clock = fixedClock('2027-02-01T09:00:00Z');
let db: TestDatabase;
let audit: AuditModule;
let cases: CasesModule;

const officer: Principal = {
  kind: 'staff',
  accountId: randomUUID(),
  email: 'officer@migracija.lt',
  displayName: 'Officer',
  roles: ['officer'],
  branchId: null,
  mfaPassed: true,
};
const submitted = (over: Partial<SubmittedApplication> = {}): SubmittedApplication => ({
  id: randomUUID(),
  service_id: 'trp',
  ground_id: 'work',
  urgency: 'urgent',
  submitted_at: new Date('2027-01-31T12:00:00Z'),
  ...over,
});
/** Opens the case in a transaction of its own, as the submission would. */
const open = (app: SubmittedApplication) =>
  db.db.transaction().execute((trx) => cases.service.openCase(app, trx));
const act = (caseId: string, kind: string, details: Record<string, unknown> = {}) =>
  db.db
    .transaction()
    .execute((trx) =>
      cases.service.recordAction(
        caseId,
        { kind: kind as never, actor_kind: 'staff', actor_id: officer.accountId, details },
        trx,
      ),
    );
const countFor = async (applicationId: string) =>
  (
    await sql<{
      n: number;
    }>`select count(*)::int as n from cases where application_id = ${applicationId}`.execute(db.db)
  ).rows[0]!.n;

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  audit = createAuditModule({ db: db.db, clock });
  cases = createCasesModule({
    db: db.db,
    clock,
    ids: randomIds,
    audit,
    catalogue: {
      lifecycleRules: (s) => ({ visitRequired: s === 'trp', grantNeedsApproval: false }),
    },
  });
});
afterAll(async () => {
  await audit.drain();
  await db?.close();
});

describe('opening a case', () => {
  it('opens one case per application with its first action, audited, however often it is told', async () => {
    const app = submitted();
    const first = await open(app);
    const again = await open(app);
    const [c, d] = await Promise.all([open(app), open(app)]);
    expect([again.id, c.id, d.id]).toEqual([first.id, first.id, first.id]);
    expect(await countFor(app.id)).toBe(1);
    const row = await cases.repo.find(first.id);
    expect(row).toMatchObject({
      application_id: app.id,
      service_id: 'trp',
      ground_id: 'work',
      urgency: 'urgent',
      status: 'submitted',
      branch_id: null,
      assigned_to: null,
      term_starts_on: null,
      deadline_on: null,
    });
    expect(row!.opened_at.toISOString()).toBe('2027-01-31T12:00:00.000Z');
    const actions = await cases.repo.actions(first.id);
    expect(actions.map((a) => [a.seq, a.kind, a.actor_kind])).toEqual([[1, 'submitted', 'system']]);
    expect(actions[0]!.details).toEqual({ applicationId: app.id });
    const entries = await audit.entriesFor({ kind: 'case', id: first.id });
    expect(entries.filter((e) => e.action === 'cases.opened')).toHaveLength(1);
  });

  it('opens nothing when the submitting transaction rolls back', async () => {
    const app = submitted();
    await expect(
      db.db.transaction().execute(async (trx) => {
        await cases.service.openCase(app, trx);
        throw new Error('submission failed later');
      }),
    ).rejects.toThrow('submission failed later');
    expect(await countFor(app.id)).toBe(0);
  });
});

describe('actions', () => {
  it('keeps the status cache equal to the status derived from the actions, in order', async () => {
    const c = await open(submitted());
    expect((await act(c.id, 'visit-required')).status).toBe('awaiting-visit');
    await act(c.id, 'accepted');
    await act(c.id, 'examination-started');
    await act(c.id, 'information-requested', { items: ['passport copy'] });
    expect((await cases.repo.find(c.id))!.status).toBe('information-requested');
    await act(c.id, 'information-received');
    await act(c.id, 'decision-proposed', { outcome: 'grant' });
    expect((await act(c.id, 'decided', { outcome: 'grant' })).status).toBe('granted');
    expect((await cases.repo.find(c.id))!.status).toBe('granted');
    const kinds = (await cases.repo.actions(c.id)).map((a) => `${a.seq}:${a.kind}`);
    expect(kinds).toEqual([
      '1:submitted',
      '2:visit-required',
      '3:accepted',
      '4:examination-started',
      '5:information-requested',
      '6:information-received',
      '7:decision-proposed',
      '8:decided',
    ]);
  });

  it('refuses a step the lifecycle forbids and records nothing', async () => {
    const c = await open(submitted({ service_id: 'card' }));
    await expect(act(c.id, 'visit-required')).rejects.toMatchObject({
      code: 'CASE_ACTION_NOT_ALLOWED',
      details: { reason: 'transition-forbidden', from: 'submitted', action: 'visit-required' },
    });
    await expect(act(c.id, 'issued')).rejects.toMatchObject({ code: 'CASE_ACTION_NOT_ALLOWED' });
    expect((await cases.repo.find(c.id))!.status).toBe('submitted');
    expect(await cases.repo.actions(c.id)).toHaveLength(1);
    expect((await act(c.id, 'accepted')).status).toBe('accepted');
  });

  it('judges concurrent actions one after the other under the case lock', async () => {
    const c = await open(submitted({ service_id: 'card' }));
    // Both see `submitted` without the lock; with it, the second sees `withdrawn` and is refused.
    const results = await Promise.allSettled([act(c.id, 'withdrawn'), act(c.id, 'withdrawn')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'CASE_ACTION_NOT_ALLOWED', details: { from: 'withdrawn' } },
    });
    const actions = await cases.repo.actions(c.id);
    expect(actions.map((a) => `${a.seq}:${a.kind}`)).toEqual(['1:submitted', '2:withdrawn']);
    expect((await cases.repo.find(c.id))!.status).toBe('withdrawn');
  });

  it('refuses to change or remove an action (append-only by trigger)', async () => {
    const c = await open(submitted());
    await expect(
      sql`update case_actions set kind = 'accepted' where case_id = ${c.id}`.execute(db.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from case_actions where case_id = ${c.id}`.execute(db.db),
    ).rejects.toThrow(/append-only/);
    expect(await cases.repo.actions(c.id)).toHaveLength(1);
  });
});

describe('reading a case', () => {
  it('shows staff after MFA the case and its actions, auditing each read', async () => {
    const c = await open(submitted());
    expect((await cases.service.getCase(c.id, officer)).id).toBe(c.id);
    expect((await cases.service.actionsOf(c.id, officer)).map((a) => a.kind)).toEqual([
      'submitted',
    ]);
    const reads = (await audit.entriesFor({ kind: 'case', id: c.id })).filter(
      (e) => e.action === 'personal-data.read',
    );
    expect(reads).toHaveLength(2);
    expect(
      reads.every((e) => e.purpose === 'examination' && e.actor_id === officer.accountId),
    ).toBe(true);
  });

  it('answers "not found" to applicants, partners, anonymous, staff without MFA and unknown ids', async () => {
    const c = await open(submitted());
    const others: Principal[] = [
      { kind: 'anonymous' },
      { kind: 'applicant', accountId: randomUUID(), email: 'a@x.lt', displayName: 'A' },
      { kind: 'partner', partnerId: randomUUID(), name: 'P', services: ['trp'], countries: [] },
      { ...officer, mfaPassed: false } as Principal,
    ];
    for (const p of others) {
      await expect(cases.service.getCase(c.id, p)).rejects.toMatchObject({
        code: 'CASE_NOT_FOUND',
      });
      await expect(cases.service.actionsOf(c.id, p)).rejects.toMatchObject({
        code: 'CASE_NOT_FOUND',
      });
    }
    for (const id of [randomUUID(), 'not-a-uuid']) {
      await expect(cases.service.getCase(id, officer)).rejects.toMatchObject({
        code: 'CASE_NOT_FOUND',
      });
    }
  });
});
