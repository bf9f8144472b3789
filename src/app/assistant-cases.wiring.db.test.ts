import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APPLICANTS, DEMO_STAFF } from '../modules/accounts';
import { createInformationRequests, type InformationRequestsModule } from '../modules/cases';
import type { Principal } from '../platform/http';
import { ownCasePortsFrom } from './assistant-cases.wiring';
import { legalTermsFrom } from './cases.wiring';
import { documentTypesFor, informationRequestPorts } from './information-requests.wiring';
import { startTestApp, type TestApp } from './test-app';

/**
 * The assistant's view of an applicant's own cases on the real app: a submitted temporary
 * residence permit application in examination, its fee paid and a request for information open.
 * The owner gets its status, deadline, fee and what is missing; another account gets nothing;
 * each case read is audited as the applicant's own.
 */
let app: TestApp;
let requests: InformationRequestsModule;
let ownerId: string;
let strangerId: string;
let applicationId: string;

const DAY = 86_400_000;
const m = () => app.app.modules;
const ports = () =>
  ownCasePortsFrom({
    i18n: app.ctx.i18n,
    catalogue: m().catalogue,
    accounts: m().accounts,
    applications: m().applications,
    cases: m().cases,
    estimates: m().estimates,
    informationRequests: requests,
    payments: m().payments,
    appointments: m().appointments,
    production: m().production,
    audit: m().audit,
  });

beforeAll(async () => {
  app = await startTestApp();
  const { accounts, applications, cases, catalogue, documents, notifications } = m();
  ownerId = (await accounts.repo.findByEmail(DEMO_APPLICANTS[0]!.email))!.id;
  strangerId = (await accounts.repo.findByEmail(DEMO_APPLICANTS[1]!.email))!.id;
  // The same module build-app.ts makes (the app does not list it among its modules).
  requests = createInformationRequests({
    ...app.ctx,
    db: app.ctx.database.db,
    audit: m().audit,
    cases,
    ports: informationRequestPorts(applications, legalTermsFrom(catalogue)),
    documents: documents.service,
    documentTypes: documentTypesFor(catalogue),
    notify: notifications.notify,
  });

  // A submitted application whose case went to examination (as the demo cases do).
  await applications.seedDemo(
    [
      {
        ownerAccountId: ownerId,
        serviceId: 'temporary-residence-permit',
        groundId: 'work',
        submittedAt: new Date(app.ctx.clock.now().getTime() - 10 * DAY),
        answers: { 'given-names': 'Oleksandr', surname: 'Kovalenko' },
      },
    ],
    async (row, trx) => {
      const c = (await cases.repo.findByApplication(row.id, trx))!;
      for (const kind of ['visit-required', 'accepted', 'examination-started'] as const)
        await cases.service.recordAction(c.id, { kind, actor_kind: 'system', actor_id: null }, trx);
    },
  );
  const [row] = await applications.service.listForAccount(ownerId);
  applicationId = row!.id;

  // The fee, paid through the payments module (the simulator's payer says yes).
  const fee = {
    payer: { accountId: ownerId },
    reference: { kind: 'application', id: applicationId },
    amountCents: applications.service.ordering.feeDue(row!).onlineCents,
    description: 'Leidimas gyventi',
    returnUrl: `/applications/${applicationId}`,
  };
  const started = await m().payments.startPayment(fee);
  const ref = (await m().payments.repo.find(started.paymentId))!.provider_ref!;
  await m().payments.simulator.decide(ref, 'pay', { notify: false });
  expect((await m().payments.startPayment(fee)).status).toBe('paid');

  // An officer asks for a document and a free-text item.
  const staff = (await accounts.repo.findByEmail(DEMO_STAFF[0]!.email))!;
  const officer: Principal = {
    kind: 'staff',
    accountId: staff.id,
    email: staff.email,
    displayName: staff.display_name,
    roles: ['officer'],
    branchId: null,
    mfaPassed: true,
  };
  const c = (await cases.repo.findByApplication(applicationId))!;
  await requests.service.request(c, officer, {
    items: [{ documentType: 'travel-document' }, { text: 'Signed employment contract' }],
    message: 'Internal remark that is not an item',
    dueOn: new Date(app.ctx.clock.now().getTime() + 14 * DAY).toISOString().slice(0, 10),
  });
}, 60_000);
afterAll(async () => {
  await app?.close();
});

describe('own cases for the assistant', () => {
  it('gives the owner the status, the legal deadline, the fee and what is missing', async () => {
    const [c, ...rest] = await ports().casesOf(ownerId, 'en');
    expect(rest).toEqual([]);
    const caseRow = (await m().cases.repo.findByApplication(applicationId))!;
    expect(c).toMatchObject({
      caseId: caseRow.id,
      applicationId,
      serviceId: 'temporary-residence-permit',
      status: 'information-requested',
      statusLabel: 'waiting for information from you',
      fee: { paid: true },
      url: `/applications/${applicationId}`,
    });
    expect(c!.reference).toMatch(/\S/);
    expect(c!.serviceName).toBe(m().catalogue.findService('temporary-residence-permit')!.name.en);
    expect(c!.decisionDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(c!.decisionDue).toBe(caseRow.deadline_on);
    expect(c!.fee!.amount).toMatch(/^\d+\.\d{2} EUR$/);
    expect(c!.fee!.payUrl).toBeUndefined();
    expect(c!.missing).toContain('Signed employment contract');
    expect(c!.missing).toHaveLength(2);
    expect(JSON.stringify(c)).not.toContain('Internal remark');
    expect(c!.appointment).toBeUndefined();
    expect(c!.delivery).toBeUndefined();
  });

  it('labels in the asked language', async () => {
    const [c] = await ports().casesOf(ownerId, 'lt');
    expect(c!.statusLabel).toBe(
      app.ctx.i18n.t('lt', 'assistantOwnCase.statusLabel.information-requested'),
    );
    expect(c!.serviceName).toBe(m().catalogue.findService('temporary-residence-permit')!.name.lt);
  });

  it('shows the booked visit with the place and where to change it', async () => {
    const { appointments } = m();
    const owner: Principal = { kind: 'applicant', accountId: ownerId, email: '', displayName: '' };
    await appointments.makeSlots(app.ctx.clock.now().toISOString().slice(0, 10), 30);
    const o = await appointments.visits.overview(applicationId, owner);
    expect(o.eligibility.ok).toBe(true);
    const branch = appointments.pack.branches[0]!;
    const [slot] = await appointments.visits.timesAt(o.app, o.eligibility, branch.code);
    await appointments.visits.choose(applicationId, owner, slot!.id, true);

    const [c] = await ports().casesOf(ownerId, 'en');
    expect(c!.appointment).toEqual({
      at: slot!.starts_at.toISOString(),
      place: `${branch.name.en}, ${branch.address}`,
      changeUrl: `/applications/${applicationId}/visit`,
    });
  });

  it('gives another account nothing', async () => {
    expect(await ports().casesOf(strangerId, 'en')).toEqual([]);
  });

  it('audits each case read as the applicant reading their own application', async () => {
    await ports().casesOf(ownerId, 'en');
    await m().audit.flush();
    const rows = await sql<{ actor_id: string; purpose: string }>`
      select actor_id, purpose from audit_log
      where action = 'personal-data.read' and subject_kind = 'application'
        and subject_id = ${applicationId}`.execute(app.ctx.database.db);
    expect(rows.rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.rows.every((r) => r.actor_id === ownerId && r.purpose === 'own-application')).toBe(
      true,
    );
  });
});
