import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { parameterResolverFrom } from '../../app/rules-parameters';
import { fixedClock, randomIds } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import { createTestDatabase, type TestDatabase } from '../../platform/testing';
import { createAuditModule, type AuditModule } from '../audit';
import { createCatalogueModule } from '../catalogue';
import { createRulesModule, inputHash, type RulesModule } from './index';

/**
 * Evaluations kept with a submission: once per application, in the caller's transaction, closed
 * when the case ends, read with an audit entry; the table refuses any other change.
 */
const clock = fixedClock('2026-03-02T09:00:00Z');
let db: TestDatabase;
let audit: AuditModule;
let rules: RulesModule;

const officer: Principal = {
  kind: 'staff',
  accountId: randomUUID(),
  email: 'officer@migracija.lt',
  displayName: 'Officer',
  roles: ['officer'],
  branchId: null,
  mfaPassed: true,
};
/** A work permit filed with a passport that ends a month after the permit would. */
const snapshot = {
  service: 'temporary-residence-permit',
  ground: 'work',
  applicationKind: 'first' as const,
  documents: ['travel-document'],
  person: { birthDate: '1990-03-27', age: 35, nationality: 'UKR', inLithuania: true },
  travelDocument: { validUntil: '2028-08-01', monthsValidAfterPermit: 1 },
  permit: { requestedMonths: 24, until: '2028-07-01' },
  employment: { monthlySalaryCents: 250000, shortageOccupation: null },
  filedOn: '2026-03-02',
};
const record = (applicationId: string, over: object = {}) =>
  db.db
    .transaction()
    .execute((trx) =>
      rules.recordSubmission(
        { applicationId, caseId: null, snapshot: { ...snapshot, ...over }, date: '2026-03-02' },
        trx,
      ),
    );

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  audit = createAuditModule({ db: db.db, clock });
  const catalogue = createCatalogueModule({ clock });
  rules = createRulesModule({
    db: db.db,
    clock,
    ids: randomIds,
    audit,
    resolve: parameterResolverFrom(catalogue),
  });
});
afterAll(async () => {
  await audit.drain();
  await db?.close();
});

describe('recording the evaluation of a submission', () => {
  it('keeps versions, input and its hash, outcomes and explanations in four languages', async () => {
    const id = randomUUID();
    const row = (await record(id))!;
    expect(row).toMatchObject({
      application_id: id,
      purpose: 'submission',
      for_date: '2026-03-02',
    });
    expect(row.closed_at).toBeNull();
    expect(row.service_id).toBe('temporary-residence-permit');
    expect(row.rule_sets.map((s) => s.id)).toEqual(
      expect.arrayContaining(['temporary-residence-permit', 'travel-document-validity']),
    );
    expect(row.input_hash).toBe(inputHash(row.input));
    // The input is the snapshot with its defaults filled in.
    expect(row.input).toMatchObject({ urgency: 'general', means: { monthlyCents: null } });
    const travel = row.checks.find((c) => c.check === 'travel-document-validity')!;
    expect(travel).toMatchObject({ outcome: 'not-met', missing: [] });
    expect(travel.fired.map((f) => f.rule)).toEqual(['valid-too-short']);
    expect(travel.fired[0]).not.toHaveProperty('table');
    for (const lang of ['lt', 'en', 'ru', 'uk'] as const) {
      const explained = row.explanations[lang].find((c) => c.check === 'travel-document-validity')!;
      expect(explained.outcome).toBe('not-met');
      expect(explained.reasons[0]!.text).toContain('2028-08-01');
    }
    expect(
      row.explanations.en.find((c) => c.check === 'travel-document-validity')!.reasons[0],
    ).toMatchObject({ citation: expect.stringContaining('Law on the Legal Status of Foreigners') });
  });

  it('records once per application: a second call returns the first', async () => {
    const id = randomUUID();
    const first = (await record(id))!;
    clock.advance(60_000);
    const again = (await record(id, { documents: [] }))!;
    expect(again.id).toBe(first.id);
    expect(again.input_hash).toBe(first.input_hash);
    const n = await sql<{ n: number }>`select count(*)::int as n from rules_evaluations
      where application_id = ${id}`.execute(db.db);
    expect(n.rows[0]!.n).toBe(1);
  });

  it('keeps nothing for a service without a rule set, and refuses an invalid snapshot', async () => {
    expect(await record(randomUUID(), { service: 'residence-declaration' })).toBeUndefined();
    await expect(record(randomUUID(), { person: { age: -1 } })).rejects.toMatchObject({
      code: 'RULES_INPUT_INVALID',
    });
  });

  it('rolls back with the submission it belongs to', async () => {
    const id = randomUUID();
    await expect(
      db.db.transaction().execute(async (trx) => {
        await rules.recordSubmission({ applicationId: id, snapshot, date: '2026-03-02' }, trx);
        throw new Error('the submission failed');
      }),
    ).rejects.toThrow('the submission failed');
    expect(await rules.repo.submissionOf(id)).toBeUndefined();
  });
});

describe('closing and reading', () => {
  it('closes an application’s evaluations once; the read of a kept evaluation is audited', async () => {
    const id = randomUUID();
    await record(id);
    clock.advance(3_600_000);
    await db.db.transaction().execute((trx) => rules.closeFor(id, trx));
    const closed = (await rules.latestFor(id, officer))!;
    expect(closed.closed_at).toEqual(clock.now());
    clock.advance(3_600_000);
    await db.db.transaction().execute((trx) => rules.closeFor(id, trx));
    expect((await rules.repo.submissionOf(id))!.closed_at).toEqual(closed.closed_at);
    const entries = await audit.entriesFor({ kind: 'application', id });
    expect(entries.filter((e) => e.action === 'personal-data.read')).toHaveLength(1);
    expect(await rules.latestFor(randomUUID(), officer)).toBeUndefined();
  });

  it('refuses to change or delete a kept evaluation (append-only but closed_at)', async () => {
    const id = randomUUID();
    await record(id);
    await expect(
      sql`update rules_evaluations set input_hash = ${'0'.repeat(64)} where application_id = ${id}`.execute(
        db.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from rules_evaluations where application_id = ${id}`.execute(db.db),
    ).rejects.toThrow(/append-only/);
  });
});

describe('the book', () => {
  it('knows which services have rules, and evaluates without keeping anything', async () => {
    expect(await rules.forService('temporary-residence-permit')).toBe(true);
    expect(await rules.forService('residence-declaration')).toBe(false);
    const e = await rules.evaluate('temporary-residence-permit', snapshot, '2026-03-02');
    const explained = await rules.explain(e, 'uk');
    expect(explained.find((c) => c.check === 'travel-document-validity')!.name).toBe(
      'Проїзний документ дійсний досить довго',
    );
  });

  it('rebuilds the book only when the extra sets change', async () => {
    let extra = [] as Awaited<ReturnType<RulesModule['book']>>['sets'];
    const m = createRulesModule({
      db: db.db,
      clock,
      ids: randomIds,
      audit,
      resolve: () => 3,
      extraSets: async () => extra,
    });
    const first = await m.book();
    expect(await m.book()).toBe(first);
    const travel = first.versionsOf('travel-document-validity')[0]!;
    extra = [{ ...travel, hash: 'f'.repeat(64), file: { ...travel.file, version: '99' } }];
    const second = await m.book();
    expect(second).not.toBe(first);
    expect(second.versionsOf('travel-document-validity').map((s) => s.file.version)).toContain(
      '99',
    );
  });
});
