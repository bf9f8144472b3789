import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES_DIR, MIGRATIONS_DIR } from '../../app/context';
import { fixedClock, randomIds } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import { createI18n, type Language } from '../../platform/i18n';
import { createTestDatabase, recordingJobs, type TestDatabase } from '../../platform/testing';
import { createAuditModule, type AuditModule } from '../audit';
import {
  createCasesModule,
  createDecisionsModule,
  loadLettersPack,
  type ApplicantNotice,
  type CasesModule,
  type DecisionsModule,
} from './index';
import { DEFAULT_LETTERS_ROOT } from './letters.loader';
import { letterContent } from './letters.render';

/**
 * Decisions on a real database: four eyes cannot be bypassed (same officer, wrong role), a taken
 * decision cannot change, the letter is produced in Lithuanian and in the applicant's language
 * with how to appeal, and only the application's person or filer reads it.
 * Service `card` grants alone; `permit` needs a second officer for grants too.
 */
const clock = fixedClock('2027-02-01T09:00:00Z');
const i18n = createI18n(MESSAGES_DIR);
let db: TestDatabase;
let audit: AuditModule;
let cases: CasesModule;
let decisions: DecisionsModule;
const { jobs, queued: enqueued, handlers } = recordingJobs();
/** What the notifications port was asked to tell (the notifications module has its own tests). */
const notices: ApplicantNotice[] = [];
/** application id -> the account it is for (the applications module's rule, faked). */
const owners = new Map<string, string>();
const languages = new Map<string, Language>();

const staff = (
  roles: string[],
  branchId: string | null = null,
): Extract<Principal, { kind: 'staff' }> => ({
  kind: 'staff',
  accountId: randomUUID(),
  email: `${randomUUID()}@migracija.lt`,
  displayName: 'Staff',
  roles,
  branchId,
  mfaPassed: true,
});
const proposer = staff(['officer']);
const second = staff(['officer']);
const lead = staff(['team-lead', 'officer']);
const callCentre = staff(['call-centre']);
const applicant = (accountId: string): Principal => ({
  kind: 'applicant',
  accountId,
  email: `${accountId}@example.com`,
  displayName: 'Oksana',
});

async function caseInExamination(serviceId = 'card', lang: Language = 'uk') {
  const applicationId = randomUUID();
  const owner = randomUUID();
  owners.set(applicationId, owner);
  languages.set(owner, lang);
  const c = await db.db
    .transaction()
    .execute((trx) =>
      cases.service.openCase(
        { id: applicationId, service_id: serviceId, ground_id: null, submitted_at: clock.now() },
        trx,
      ),
    );
  for (const kind of ['accepted', 'examination-started'] as const) {
    await db.db
      .transaction()
      .execute((trx) =>
        cases.service.recordAction(
          c.id,
          { kind, actor_kind: 'staff', actor_id: proposer.accountId },
          trx,
        ),
      );
  }
  return { caseId: c.id, applicationId, owner };
}
const refusal = { outcome: 'refuse', grounds: ['insufficient-means'], reasons: 'Means not shown.' };
const statusOf = async (id: string) => (await cases.repo.find(id))!.status;
const auditActions = async (caseId: string) =>
  (
    await sql<{
      action: string;
    }>`select action from audit_pending where subject_id = ${caseId} union all select action from audit_log where subject_id = ${caseId}`.execute(
      db.db,
    )
  ).rows.map((r) => r.action);

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  audit = createAuditModule({ db: db.db, clock });
  const catalogue = {
    lifecycleRules: (s: string) => ({ visitRequired: false, grantNeedsApproval: s === 'permit' }),
  };
  cases = createCasesModule({ db: db.db, clock, ids: randomIds, audit, catalogue });
  decisions = createDecisionsModule({
    db: db.db,
    clock,
    ids: randomIds,
    audit,
    jobs,
    i18n,
    catalogue,
    cases,
    ports: {
      applicationOf: async (id) => ({
        reference: `LT-${id.slice(0, 6)}`,
        accountId: owners.get(id)!,
      }),
      languageOf: async (a) => languages.get(a) ?? 'lt',
      serviceName: () => ({ lt: 'Kortelė', en: 'Card', ru: 'Карта', uk: 'Картка' }),
      canSeeApplication: async (id, p) => p.kind === 'applicant' && owners.get(id) === p.accountId,
    },
    notify: async (notice) => {
      notices.push(notice);
    },
  });
});
afterAll(async () => {
  await db?.close();
});

describe('four eyes', () => {
  it('the proposer can never approve or return their own refusal, and each attempt is audited', async () => {
    const { caseId } = await caseInExamination();
    expect(await decisions.service.propose(caseId, proposer, refusal)).toEqual({ decided: false });
    expect(await statusOf(caseId)).toBe('decision-proposed');
    await expect(decisions.service.approve(caseId, proposer)).rejects.toMatchObject({
      code: 'CASE_APPROVAL_REFUSED',
      details: { reason: 'same-officer' },
    });
    await expect(decisions.service.returnProposal(caseId, proposer, 'mine')).rejects.toMatchObject({
      code: 'CASE_APPROVAL_REFUSED',
    });
    expect(await statusOf(caseId)).toBe('decision-proposed');
    expect((await auditActions(caseId)).filter((a) => a === 'cases.approval-refused')).toHaveLength(
      2,
    );
  });

  it('a role without the right (call centre) can neither approve nor propose', async () => {
    const { caseId } = await caseInExamination();
    await expect(decisions.service.propose(caseId, callCentre, refusal)).rejects.toMatchObject({
      code: 'CASE_APPROVAL_REFUSED',
      details: { reason: 'role-missing' },
    });
    await decisions.service.propose(caseId, proposer, refusal);
    await expect(decisions.service.approve(caseId, callCentre)).rejects.toMatchObject({
      details: { reason: 'role-missing' },
    });
    expect(await statusOf(caseId)).toBe('decision-proposed');
    expect(await auditActions(caseId)).toContain('cases.approval-refused');
  });

  it('staff of another branch are told the case does not exist, and the attempt is audited', async () => {
    const { caseId } = await caseInExamination();
    await db.db
      .updateTable('cases' as never)
      .set({ branch_id: randomUUID() } as never)
      .where('id' as never, '=', caseId as never)
      .execute();
    await expect(
      decisions.service.propose(caseId, staff(['officer'], randomUUID()), refusal),
    ).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
    expect(await auditActions(caseId)).toContain('cases.access-denied');
  });

  it('refusals need grounds and a text; only from in-examination', async () => {
    const { caseId } = await caseInExamination();
    await expect(
      decisions.service.propose(caseId, proposer, { ...refusal, grounds: [] }),
    ).rejects.toMatchObject({
      code: 'CASE_DECISION_INVALID',
      details: { fields: { grounds: 'decisions.errors.groundsRequired' } },
    });
    await expect(
      decisions.service.propose(caseId, proposer, { ...refusal, grounds: ['conditions-met'] }),
    ).rejects.toMatchObject({ code: 'CASE_DECISION_INVALID' });
    await decisions.service.propose(caseId, proposer, refusal);
    await expect(decisions.service.propose(caseId, lead, refusal)).rejects.toMatchObject({
      code: 'CASE_ACTION_NOT_ALLOWED',
    });
  });

  it('a second officer returns the proposal with a reason; the returned proposal stays as it was', async () => {
    const { caseId } = await caseInExamination();
    await decisions.service.propose(caseId, proposer, refusal);
    await decisions.service.returnProposal(caseId, second, 'Check the bank statement again.');
    expect(await statusOf(caseId)).toBe('in-examination');
    const [row] = await decisions.repo.list(caseId);
    expect(row).toMatchObject({
      state: 'returned',
      returned_by: second.accountId,
      return_reason: 'Check the bank statement again.',
    });
    await expect(
      sql`update decisions set reasons = 'changed' where id = ${row!.id}`.execute(db.db),
    ).rejects.toThrow(/final/);
  });
});

describe('a decision that took effect', () => {
  it("is approved by a second officer, cannot change, and its letters are in Lithuanian and the applicant's language", async () => {
    const { caseId, applicationId, owner } = await caseInExamination('card', 'uk');
    await decisions.service.propose(caseId, proposer, refusal);
    await decisions.service.approve(caseId, second);
    expect(await statusOf(caseId)).toBe('refused');
    const [row] = await decisions.repo.list(caseId);
    expect(row).toMatchObject({
      state: 'approved',
      proposed_by: proposer.accountId,
      approved_by: second.accountId,
      grounds: ['insufficient-means'],
    });
    await expect(
      sql`update decisions set outcome = 'grant' where id = ${row!.id}`.execute(db.db),
    ).rejects.toThrow(/final/);
    await expect(sql`delete from decisions where id = ${row!.id}`.execute(db.db)).rejects.toThrow();
    expect((await cases.repo.actions(caseId)).map((a) => a.kind).slice(-2)).toEqual([
      'decision-proposed',
      'decision-approved',
    ]);

    const letters = await decisions.service.lettersOf(applicationId, applicant(owner));
    expect(letters!.map((l) => [l.seq, l.lang])).toEqual([
      [1, 'lt'],
      [2, 'uk'],
    ]);
    const pdf = await decisions.service.letter(applicationId, 2, applicant(owner));
    expect(pdf!.content.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf!.content);
    expect(doc.getTitle()).toBe('Рішення про відмову в задоволенні заяви');
    await expect(sql`delete from decision_letters`.execute(db.db)).rejects.toThrow(/append-only/);

    const job = enqueued.find(
      (j) => (j.data as { applicationId?: string }).applicationId === applicationId,
    );
    expect(job?.name).toBe('cases.decision-letter');
    // The applicant is told once per decision, with the reference and the letters page only.
    await handlers.get('cases.decision-letter')!(job!.data);
    expect(notices.at(-1)).toEqual({
      event: 'decision-made',
      accountId: owner,
      applicationId,
      about: row!.id,
      path: `/applications/${applicationId}/letters`,
      values: { reference: `LT-${applicationId.slice(0, 6)}` },
    });
  });

  it('the letter says how to appeal: body and term (visa refusals: 14 days, Vilnius Regional Administrative Court)', () => {
    const pack = loadLettersPack();
    const facts = {
      reference: 'LT-1',
      serviceId: 'national-visa',
      serviceName: { lt: 'Viza', en: 'Visa', ru: 'Виза', uk: 'Віза' },
      outcome: 'refuse' as const,
      grounds: ['no-health-insurance'],
      reasons: 'No insurance.',
      decidedAt: clock.now(),
    };
    const lt = letterContent(pack, facts, 'lt', i18n.translator('lt'));
    const appeal = lt.rows.find(([label]) => label === 'Kaip apskųsti')![1];
    expect(appeal).toContain('Vilniaus apygardos administraciniam teismui');
    expect(appeal).toContain('per 14 dienų');
    const basis = lt.rows.find(([label]) => label === 'Teisinis pagrindas')![1];
    expect(basis).toContain('35 straipsnis');
    const en = letterContent(pack, facts, 'en', i18n.translator('en'));
    expect(en.rows.map((r) => r[1]).join(' ')).toContain('within 14 days');
  });

  it('a grant on a service that needs no approval is decided at once; one that does waits', async () => {
    const alone = await caseInExamination('card', 'lt');
    const grant = { outcome: 'grant', grounds: [], reasons: 'All conditions met.' };
    expect(await decisions.service.propose(alone.caseId, proposer, grant)).toEqual({
      decided: true,
    });
    expect(await statusOf(alone.caseId)).toBe('granted');
    expect((await decisions.repo.list(alone.caseId))[0]).toMatchObject({
      state: 'decided',
      approved_by: null,
    });
    const letters = await decisions.service.lettersOf(alone.applicationId, applicant(alone.owner));
    expect(letters!.map((l) => l.lang)).toEqual(['lt']);
    await expect(decisions.service.approve(alone.caseId, second)).rejects.toMatchObject({
      code: 'CASE_DECISION_NOT_PROPOSED',
    });

    const needs = await caseInExamination('permit');
    expect(await decisions.service.propose(needs.caseId, proposer, grant)).toEqual({
      decided: false,
    });
    await decisions.service.approve(needs.caseId, lead);
    expect(await statusOf(needs.caseId)).toBe('granted');
  });

  it("only the application's person reads its letters; others, and staff, get nothing", async () => {
    const { caseId, applicationId, owner } = await caseInExamination();
    await decisions.service.propose(caseId, proposer, refusal);
    await decisions.service.approve(caseId, second);
    expect(
      await decisions.service.letter(applicationId, 1, applicant(randomUUID())),
    ).toBeUndefined();
    expect(await decisions.service.lettersOf(applicationId, second)).toBeUndefined();
    expect(await decisions.service.letter(applicationId, 9, applicant(owner))).toBeUndefined();
  });
});

describe('the letters pack', () => {
  it('a broken file stops loading, naming file and field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'letters-'));
    try {
      fs.copyFileSync(
        path.join(DEFAULT_LETTERS_ROOT, 'templates.yaml'),
        path.join(dir, 'templates.yaml'),
      );
      const grounds = fs.readFileSync(path.join(DEFAULT_LETTERS_ROOT, 'grounds.yaml'), 'utf8');
      fs.writeFileSync(
        path.join(dir, 'grounds.yaml'),
        grounds.replace('source: uab123-2023', 'source: nowhere'),
      );
      expect(() => loadLettersPack(dir)).toThrow(
        /letters\/grounds\.yaml: grounds\.refuse\.0\.source/,
      );
      fs.writeFileSync(
        path.join(dir, 'grounds.yaml'),
        grounds.replace(/ {8}uk: Загроза[^\n]*\n/, ''),
      );
      expect(() => loadLettersPack(dir)).toThrow(/grounds\.refuse\.0\.name\.uk/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every refusal and termination ground resting on an unconfirmed article is marked uncertain', () => {
    const pack = loadLettersPack();
    for (const g of [...pack.grounds.refuse, ...pack.grounds.terminate]) {
      expect(g.uncertain, g.id).toBe(true);
      expect(g.note, g.id).toBeTruthy();
    }
  });
});
