import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock, randomIds } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import { createTestDatabase, type TestDatabase } from '../../platform/testing';
import { createAuditModule, type AuditModule } from '../audit';
import { createCasesModule, legalClock, QUEUE_PAGE_SIZE, type CasesModule } from './index';

/**
 * Queues on a real database: the deadline cache filled on opening and on acceptance, branch
 * isolation, keyset pagination in deadline order, counters, take-next under concurrency,
 * assignment and notes. Every test works in a branch of its own, so tests do not see each other.
 * Service `sub` counts 30 days from submission; `acc` 30 days from acceptance (no visit).
 */
const clock = fixedClock('2027-03-01T09:00:00Z');
let db: TestDatabase;
let audit: AuditModule;
let cases: CasesModule;

const staff = (branchId: string | null, roles = ['officer']): Principal => ({
  kind: 'staff',
  accountId: randomUUID(),
  email: 'x@migracija.lt',
  displayName: 'Officer',
  roles,
  branchId,
  mfaPassed: true,
});

/** Opens a case submitted on `day` in `branch`. */
async function openIn(branch: string, day: string, serviceId = 'sub', urgency = 'general') {
  const row = await db.db.transaction().execute((trx) =>
    cases.service.openCase(
      {
        id: randomUUID(),
        service_id: serviceId,
        ground_id: null,
        urgency,
        submitted_at: new Date(`${day}T10:00:00Z`),
      },
      trx,
    ),
  );
  await sql`update cases set branch_id = ${branch}::uuid where id = ${row.id}::uuid`.execute(db.db);
  return row;
}

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  audit = createAuditModule({ db: db.db, clock });
  cases = createCasesModule({
    db: db.db,
    clock,
    ids: randomIds,
    audit,
    catalogue: { lifecycleRules: () => ({ visitRequired: false, grantNeedsApproval: false }) },
    terms: {
      legalTerm: ({ serviceId }) =>
        serviceId === 'unknown'
          ? null
          : {
              amount: 30,
              unit: 'days',
              startsAt: serviceId === 'acc' ? 'application-accepted' : 'submission',
            },
      holidays: { fixed: [], easterOffsets: [] },
    },
  });
});
afterAll(async () => {
  await audit.drain();
  await db?.close();
});

describe('the deadline cache', () => {
  it('counts from submission, or from acceptance once it is recorded', async () => {
    const branch = randomUUID();
    const sub = await openIn(branch, '2027-02-01');
    expect(sub).toMatchObject({ term_starts_on: '2027-02-01', deadline_on: '2027-03-03' });
    const acc = await openIn(branch, '2027-02-01', 'acc');
    expect(acc).toMatchObject({ term_starts_on: null, deadline_on: null });
    const none = await openIn(branch, '2027-02-01', 'unknown');
    expect(none.deadline_on).toBeNull();

    await cases.queues.act(acc.id, 'accepted', staff(branch));
    expect(await cases.repo.find(acc.id)).toMatchObject({
      status: 'accepted',
      term_starts_on: '2027-03-01',
      deadline_on: '2027-03-31',
    });
  });
});

describe('the end of the term', () => {
  it('a decision or withdrawal clears the deadline: no longer counted overdue', async () => {
    const branch = randomUUID();
    const lead = staff(branch, ['team-lead']);
    // Submitted in January: 30 days from submission, overdue on 1 March.
    const decided = await openIn(branch, '2027-01-10');
    const withdrawn = await openIn(branch, '2027-01-11');
    expect((await cases.queues.queue(lead, {})).counters.overdue).toBe(2);
    const system = { actor_kind: 'system', actor_id: null } as const;
    await db.db.transaction().execute(async (trx) => {
      for (const kind of ['accepted', 'examination-started'] as const)
        await cases.service.recordAction(decided.id, { kind, ...system }, trx);
      await cases.service.recordAction(
        decided.id,
        { kind: 'decision-proposed', ...system, details: { outcome: 'grant' } },
        trx,
      );
      await cases.service.recordAction(decided.id, { kind: 'decided', ...system }, trx);
      await cases.service.recordAction(withdrawn.id, { kind: 'withdrawn', ...system }, trx);
    });
    expect(await cases.repo.find(decided.id)).toMatchObject({
      status: 'granted',
      deadline_on: null,
      term_starts_on: '2027-01-10',
    });
    expect((await cases.repo.find(withdrawn.id))!.deadline_on).toBeNull();
    const after = await cases.queues.queue(lead, {});
    expect(after.counters.overdue).toBe(0);
    // The granted case is still open work (the card is to be ordered), after those with a term.
    expect(after.rows.map((r) => r.id)).toEqual([decided.id]);
  });
});

describe('branch isolation', () => {
  it('another branch gets not found, and the attempt is audited', async () => {
    const vilnius = randomUUID();
    const c = await openIn(vilnius, '2027-02-10');
    const kaunas = staff(randomUUID());
    await expect(cases.service.getCase(c.id, kaunas)).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    await expect(cases.queues.addNote(c.id, 'x', kaunas)).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    const denied = (await audit.entriesFor({ kind: 'case', id: c.id })).filter(
      (e) => e.action === 'cases.access-denied',
    );
    expect(denied).toHaveLength(2);
    expect((await cases.queues.queue(kaunas, {})).rows.map((r) => r.id)).not.toContain(c.id);

    expect((await cases.service.getCase(c.id, staff(vilnius))).id).toBe(c.id);
    expect((await cases.service.getCase(c.id, staff(null))).id).toBe(c.id);
  });
});

describe('the queue', () => {
  it('pages by keyset in deadline order, with filters and counters', async () => {
    const branch = randomUUID();
    const days = Array.from({ length: 2 * QUEUE_PAGE_SIZE + 3 }, (_, i) => {
      const d = new Date(Date.UTC(2027, 0, 20 + (i % 40)));
      return d.toISOString().slice(0, 10);
    });
    const opened = [];
    for (const day of days) opened.push(await openIn(branch, day));
    const noTerm = await openIn(branch, '2027-01-05', 'unknown');
    const me = staff(branch);

    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await cases.queues.queue(me, { after });
      seen.push(...page.rows.map((r) => r.id));
      after = page.next ?? undefined;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    const all = await sql<{ id: string }>`select id from cases where branch_id = ${branch}::uuid
      order by deadline_on asc nulls last, opened_at, id`.execute(db.db);
    expect(seen).toEqual(all.rows.map((r) => r.id));
    expect(seen.at(-1)).toBe(noTerm.id);
    expect(new Set(seen).size).toBe(opened.length + 1);

    // The counters agree with the legal clock of each case (today is 2027-03-01).
    const { counters } = await cases.queues.queue(me, {});
    const states = opened.map((c) => {
      const r = legalClock({
        term: { amount: 30, unit: 'days' },
        start: c.term_starts_on,
        suspensions: [],
        holidays: { fixed: [], easterOffsets: [] },
        today: '2027-03-01',
      });
      if (!r.ok) throw new Error(r.error.code);
      return r.clock.state;
    });
    const overdue = states.filter((s) => s === 'overdue').length;
    const near = states.filter((s) => s === 'near').length;
    expect(near).toBeGreaterThan(0);
    expect(counters).toEqual({ near, overdue });
    const overduePage = await cases.queues.queue(me, { deadline: 'overdue' });
    expect(overduePage.rows.length).toBe(Math.min(overdue, QUEUE_PAGE_SIZE));
    expect(overduePage.rows.every((r) => r.deadline_on! < '2027-03-01')).toBe(true);
    const nearPage = await cases.queues.queue(me, { deadline: 'near' });
    expect(nearPage.rows).toHaveLength(near);
    const onTrack = await cases.queues.queue(me, { deadline: 'on-track' });
    expect(onTrack.rows.map((r) => r.id)).toContain(noTerm.id);
    expect((await cases.queues.queue(me, { status: 'accepted' })).rows).toHaveLength(0);
    expect((await cases.queues.queue(me, { who: 'mine' })).rows).toHaveLength(0);
    // A damaged cursor starts from the beginning rather than failing.
    expect((await cases.queues.queue(me, { after: 'garbage' })).rows[0]!.id).toBe(seen[0]);
  });
});

describe('take-next and assignment', () => {
  it('never gives two officers the same case, most urgent first', async () => {
    const branch = randomUUID();
    const opened = [];
    for (const day of ['2027-02-03', '2027-02-01', '2027-02-02']) {
      opened.push(await openIn(branch, day));
    }
    const officers = Array.from({ length: 6 }, () => staff(branch));
    const taken = await Promise.all(officers.map((o) => cases.queues.takeNext(o)));
    const got = taken.filter((x): x is string => x !== null);
    expect(got).toHaveLength(3);
    expect(new Set(got).size).toBe(3);
    expect(new Set(got)).toEqual(new Set(opened.map((c) => c.id)));
    const rows = await sql<{ assigned_to: string }>`select assigned_to from cases
      where branch_id = ${branch}::uuid`.execute(db.db);
    expect(new Set(rows.rows.map((r) => r.assigned_to)).size).toBe(3);

    // One at a time, the earliest deadline comes first.
    const branch2 = randomUUID();
    const late = await openIn(branch2, '2027-02-20');
    const early = await openIn(branch2, '2027-02-10');
    const one = staff(branch2);
    expect(await cases.queues.takeNext(one)).toBe(early.id);
    expect(await cases.queues.takeNext(one)).toBe(late.id);
    expect(await cases.queues.takeNext(one)).toBeNull();
    expect((await cases.queues.queue(one, { who: 'mine' })).rows).toHaveLength(2);
    const entries = await audit.entriesFor({ kind: 'case', id: early.id });
    expect(entries.some((e) => e.action === 'cases.assigned')).toBe(true);
  });

  it('assigns to the least loaded officer, and keeps notes for staff', async () => {
    const branch = randomUUID();
    const lead = staff(branch, ['team-lead']);
    const busy = randomUUID();
    const free = randomUUID();
    const a = await openIn(branch, '2027-02-11');
    const b = await openIn(branch, '2027-02-12');
    await cases.queues.assign(a.id, { accountId: busy, branchId: branch }, lead);
    expect(await cases.queues.leastLoadedOfficer([busy, free])).toBe(free);
    await cases.queues.assign(b.id, { accountId: free, branchId: branch }, lead);
    await cases.queues.assign(a.id, { accountId: free, branchId: branch }, lead);
    expect(await cases.queues.leastLoadedOfficer([free, busy])).toBe(busy);

    await cases.queues.addNote(a.id, 'Called the employer.', lead);
    const notes = await cases.queues.notesOf(a.id, staff(branch));
    expect(notes.map((n) => n.body)).toEqual(['Called the employer.']);
  });
});
