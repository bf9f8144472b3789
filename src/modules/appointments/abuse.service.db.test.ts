import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock, randomIds } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import { createTestDatabase, recordingJobs, type TestDatabase } from '../../platform/testing';
import { createAuditModule, type AuditModule } from '../audit';
import type { BookingAction } from './abuse.repository';
import type { AbuseService } from './abuse.service';
import { createBookingAbuse, DETECT_ABUSE_JOB } from './booking-abuse';

/**
 * Abuse detection on a real database: a report opens once when a threshold is reached (also
 * with two detections at once), never below it, not again after it was acknowledged unless new
 * signals reach the threshold, and addresses are stored only as a keyed hash.
 */
const clock = fixedClock('2027-04-01T08:00:00Z');
const HOUR = 3_600_000;
let db: TestDatabase;
let audit: AuditModule;
let abuse: AbuseService;
const jobs = recordingJobs();
const admin: Principal = {
  kind: 'staff',
  accountId: randomUUID(),
  email: 'a',
  displayName: 'a',
  roles: ['administrator'],
  branchId: null,
  mfaPassed: true,
};

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  audit = createAuditModule({ db: db.db, clock });
  abuse = createBookingAbuse({
    db: db.db,
    clock,
    ids: randomIds,
    audit,
    jobs: jobs.jobs,
    config: {
      RATE_LIMIT_BOOKING_PER_ACCOUNT_PER_HOUR: 20,
      RATE_LIMIT_BOOKING_PER_ADDRESS_PER_HOUR: 60,
      BOOKING_ABUSE_ACCOUNTS_PER_SOURCE_PER_DAY: 4,
      BOOKING_ABUSE_CANCEL_CYCLES_PER_WEEK: 3,
    },
  }).abuse;
});
afterAll(async () => {
  await audit.drain();
  await db?.close();
});

const reports = (subject?: string) =>
  db.db
    .withTables<{
      appointment_abuse_reports: { subject: string; kind: string; state: string; count: number };
    }>()
    .selectFrom('appointment_abuse_reports')
    .selectAll()
    .$if(subject !== undefined, (q) => q.where('subject', '=', subject!))
    .execute();
const auditActions = async (id: string) =>
  (
    await sql<{ action: string }>`select action from audit_pending where subject_id = ${id}
      union all select action from audit_log where subject_id = ${id}`.execute(db.db)
  ).rows.map((r) => r.action);
const signal = (accountId: string | null, address: string | null, action: BookingAction) =>
  abuse.record({ accountId, address, action });
/** `n` new accounts booking from `address`, one signal each. */
async function accountsBook(address: string, n: number) {
  for (let i = 0; i < n; i++) await signal(randomUUID(), address, 'booked');
}
/** A fresh address per test, so tests do not count each other's signals. */
let addresses = 0;
const newAddress = () => `10.0.${++addresses}.7`;

describe('sources', () => {
  it('keeps only a keyed hash of the address, the same for the same address', async () => {
    const address = newAddress();
    await signal(randomUUID(), address, 'booked');
    const source = await abuse.sourceOf(address);
    expect(source).toMatch(/^[0-9a-f]{32}$/);
    expect(await abuse.sourceOf(address)).toBe(source);
    expect(await abuse.sourceOf(`${address}1`)).not.toBe(source);
    // Not a plain hash of the address (which anyone could compute for every IPv4 address).
    expect(createHash('sha256').update(address).digest('hex')).not.toContain(source);
    const stored = await sql<{ source: string }>`select source from appointment_signals
      where source = ${source}`.execute(db.db);
    expect(stored.rows).toHaveLength(1);
    const anywhere = await sql<{ n: number }>`select count(*)::integer as n from appointment_signals
      where source = ${address}`.execute(db.db);
    expect(anywhere.rows[0]!.n).toBe(0);
  });
});

describe('many accounts from one source', () => {
  it('opens nothing below the threshold, one report at it, and not again on the next runs', async () => {
    const address = newAddress();
    const source = await abuse.sourceOf(address);
    await accountsBook(address, 3);
    // Other actions and other addresses do not count towards this source.
    await signal(randomUUID(), address, 'cancelled');
    await signal(randomUUID(), address, 'refused-rate-limit');
    await signal(randomUUID(), newAddress(), 'booked');
    await abuse.detect(clock.now());
    expect(await reports(source)).toHaveLength(0);

    await signal(randomUUID(), address, 'waitlist-joined');
    const first = await abuse.detect(clock.now());
    expect(first.opened).toBeGreaterThanOrEqual(1);
    const [report] = await reports(source);
    expect(report).toMatchObject({ kind: 'many-accounts-one-source', state: 'open', count: 4 });
    await audit.flush();
    expect(await auditActions((report as unknown as { id: string }).id)).toEqual([
      'appointments.abuse-reported',
    ]);

    // The same pattern growing: the open report is brought up to date, not repeated.
    await accountsBook(address, 1);
    await abuse.detect(clock.now());
    await abuse.detect(clock.now());
    const after = await reports(source);
    expect(after).toHaveLength(1);
    expect(after[0]!.count).toBe(5);
  });

  it('counts accounts, not bookings, and only within 24 hours', async () => {
    const address = newAddress();
    const source = await abuse.sourceOf(address);
    const one = randomUUID();
    for (let i = 0; i < 6; i++) await signal(one, address, 'booked');
    await accountsBook(address, 2);
    clock.advance(25 * HOUR);
    await accountsBook(address, 2);
    await abuse.detect(clock.now());
    expect(await reports(source)).toHaveLength(0);
  });

  it('opens one report when two detections run at once', async () => {
    const address = newAddress();
    const source = await abuse.sourceOf(address);
    await accountsBook(address, 4);
    await Promise.all([abuse.detect(clock.now()), abuse.detect(clock.now())]);
    const opened = await reports(source);
    expect(opened).toHaveLength(1);
    await audit.flush();
    expect(await auditActions((opened[0] as unknown as { id: string }).id)).toHaveLength(1);
  });

  it('after acknowledgement, reports again only when new signals reach the threshold', async () => {
    const address = newAddress();
    const source = await abuse.sourceOf(address);
    await accountsBook(address, 4);
    await abuse.detect(clock.now());
    const [report] = (await reports(source)) as unknown as { id: string }[];
    expect(await abuse.acknowledge(report!.id, admin)).toBe('acknowledged');
    expect(await abuse.acknowledge(report!.id, admin)).toBe('already');
    expect(await abuse.acknowledge(randomUUID(), admin)).toBe('not-found');
    await audit.flush();
    expect(await auditActions(report!.id)).toEqual([
      'appointments.abuse-reported',
      'appointments.abuse-acknowledged',
    ]);

    clock.advance(60_000);
    await accountsBook(address, 3);
    await abuse.detect(clock.now());
    expect((await reports(source)).map((r) => r.state)).toEqual(['acknowledged']);

    clock.advance(60_000);
    await accountsBook(address, 1);
    await abuse.detect(clock.now());
    const all = await reports(source);
    expect(all.map((r) => r.state).sort()).toEqual(['acknowledged', 'open']);
    expect(all.find((r) => r.state === 'open')!.count).toBe(4);
  });
});

describe('booking-cancel cycles', () => {
  it('reports an account that cancelled its bookings 3 times within 7 days, once', async () => {
    const account = randomUUID();
    const address = newAddress();
    for (let i = 0; i < 2; i++) {
      await signal(account, address, 'booked');
      await signal(account, address, 'cancelled');
    }
    await abuse.detect(clock.now());
    expect(await reports(account)).toHaveLength(0);

    await signal(account, newAddress(), 'booked');
    await signal(account, null, 'cancelled');
    await abuse.detect(clock.now());
    await abuse.detect(clock.now());
    const opened = await reports(account);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ kind: 'booking-cancel-cycles', count: 3, state: 'open' });
  });

  it('does not count cancellations older than 7 days', async () => {
    const account = randomUUID();
    await signal(account, null, 'cancelled');
    await signal(account, null, 'cancelled');
    clock.advance(8 * 24 * HOUR);
    await signal(account, null, 'cancelled');
    await abuse.detect(clock.now());
    expect(await reports(account)).toHaveLength(0);
  });
});

describe('the job', () => {
  it('is registered, and deletes signals older than 30 days', async () => {
    expect(jobs.handlers.has(DETECT_ABUSE_JOB)).toBe(true);
    const old = randomUUID();
    await signal(old, null, 'booked');
    clock.advance(31 * 24 * HOUR);
    await jobs.handlers.get(DETECT_ABUSE_JOB)!({});
    const left = await sql<{ n: number }>`select count(*)::integer as n from appointment_signals
      where account_id = ${old}`.execute(db.db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('ignores requests of staff and partners, records those of applicants', async () => {
    const accountId = randomUUID();
    await abuse.recordRequest({ principal: admin, ip: '10.9.9.9' }, 'booked');
    await abuse.recordRequest(
      {
        principal: { kind: 'applicant', accountId, email: 'x', displayName: 'x' },
        ip: '10.9.9.9',
      },
      'booked',
    );
    const rows = await sql<{ account_id: string }>`select account_id from appointment_signals
      where source = ${await abuse.sourceOf('10.9.9.9')}`.execute(db.db);
    expect(rows.rows.map((r) => r.account_id)).toEqual([accountId]);
  });
});
