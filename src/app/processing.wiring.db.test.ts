import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REGISTRY_HITS } from '../modules/registries';
import type { Principal } from '../platform/http';
import {
  startPipelineApp,
  submitFor,
  WORK_PERMIT_APPLICANT,
  type PipelineApplicant,
} from './processing.test-support';
import { signedIn, signedInStaff } from './test-app';

let app: Awaited<ReturnType<typeof startPipelineApp>>;
const owners: Record<string, string> = {};

beforeAll(async () => {
  // The breaker never opens here: the outage test is about retrying, not the breaker's clock.
  app = await startPipelineApp({ REGISTRIES_BREAKER_FAILURES: '100' });
  for (const who of [
    'priya.sharma',
    'gintare.jonaityte',
    'oleksandr.kovalenko',
    'aliaksandr.ivanou',
    'personalas',
  ])
    owners[who] = (await app.app.modules.accounts.repo.findByEmail(`${who}@vartai.demo`))!.id;
}, 60_000);
afterAll(async () => app?.close());

const m = () => app.app.modules;
// One sign-in for the file: the same TOTP code is not accepted twice.
let signedOfficer: Awaited<ReturnType<typeof signedInStaff>> | undefined;
const officerBrowser = async () =>
  (signedOfficer ??= await signedInStaff(app, 'officer@vartai.demo'));
const caseOf = async (applicationId: string) =>
  (await m().cases.repo.findByApplication(applicationId))!;
const stepsOf = async (caseId: string) =>
  Object.fromEntries((await m().processing.service.latestSteps(caseId)).map((s) => [s.step, s]));

/** An EU citizen whose earlier application put her in the persons register (linked by document). */
const MARIE = {
  given: 'Marie',
  surname: 'Dubois',
  born: '1992-03-05',
  nationality: 'FRA',
  travelDocument: '18AB12345',
};
const EU_CERTIFICATE: Omit<
  PipelineApplicant,
  'given' | 'surname' | 'born' | 'nationality' | 'travelDocument'
> = {
  serviceId: 'eu-temporary-residence-certificate',
  groundId: 'work',
  documents: ['identity-document', 'ground-proof'],
  answers: { 'application-kind': 'first' },
};
const SIS_HIT = DEMO_REGISTRY_HITS.find((h) => h.registry === 'sis' && h.outcome === 'hit')!;

describe('the automated pipeline', () => {
  it('takes a routine application to a prepared grant an officer grants in two clicks', async () => {
    const now = new Date();
    await submitFor(
      m().applications,
      m().documents,
      owners['gintare.jonaityte']!,
      { ...MARIE, serviceId: 'temporary-residence-permit', groundId: 'work' },
      now,
    );
    const id = await submitFor(
      m().applications,
      m().documents,
      owners['priya.sharma']!,
      { ...MARIE, ...EU_CERTIFICATE },
      now,
    );
    await app.driven.run();
    const c = await caseOf(id);
    const steps = await stepsOf(c.id);
    expect(steps.identity?.result).toMatchObject({ outcome: 'linked' });
    expect(steps.registries?.state).toBe('skipped');
    expect(steps.rules?.result).toMatchObject({
      completeness: 'complete',
      notMet: 0,
      cannotTell: 0,
    });
    expect(steps.triage?.result).toMatchObject({ tier: 'routine', switchedOff: false });
    expect(steps.routing?.result).toEqual({ tier: 'routine', proposal: true });
    expect(steps.triage?.input_ref).toContain('rules-');
    const proposal = await m().processing.service.prepared(c.id);
    expect(proposal).toMatchObject({
      outcome: 'grant',
      grounds: ['conditions-met'],
      state: 'prepared',
    });
    const completeness = proposal!.checks.find((x) => x.id === 'document-completeness');
    expect(completeness).toMatchObject({ kind: 'rule', outcome: 'met', name: expect.any(String) });
    expect(proposal!.reasons).toContain(completeness!.name);
    // Running the same job again logs nothing new: the inputs did not change.
    await m().processing.service.run(c.id, 'repeat');
    expect(await m().processing.repo.lastRunSeq(c.id)).toBe(1);
    expect((await m().triage.service.runsOf(c.id)).length).toBe(1);

    // The case is accepted (the branch saw the originals); the officer opens it.
    await app.ctx.database.db.transaction().execute(async (trx) => {
      for (const kind of ['visit-required', 'accepted'] as const)
        await m().cases.service.recordAction(
          c.id,
          { kind, actor_kind: 'system', actor_id: null },
          trx,
        );
    });
    const staff = await officerBrowser();
    const casePage = await staff.get(`/workbench/cases/${c.id}?lang=en`);
    expect(casePage.statusCode).toBe(200);
    expect(casePage.body).toContain('A grant is prepared');
    expect(casePage.body).toContain(`/workbench/cases/${c.id}/prepared-grant`);
    // Click one: the pre-filled letter with the checks behind it.
    const page = await staff.get(`/workbench/cases/${c.id}/prepared-grant?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(completeness!.name);
    expect(page.body).toContain('The conditions of the service are met');
    // Click two: grant.
    const granted = await staff.post(
      `/workbench/cases/${c.id}/prepared-grant`,
      { reasons: proposal!.reasons },
      `/workbench/cases/${c.id}/prepared-grant`,
    );
    expect(granted.statusCode).toBe(302);
    const after = await m().cases.repo.find(c.id);
    expect(['granted', 'decision-proposed']).toContain(after!.status);
    const kinds = (await m().cases.repo.actions(c.id)).map((a) => a.kind);
    expect(kinds).toContain('examination-started');
    expect(kinds).toContain('decision-proposed');
    expect((await m().processing.repo.latestProposal(c.id))!.state).toBe('used');
    // A second click finds the proposal used: the page says so and grants nothing more.
    const again = await staff.post(
      `/workbench/cases/${c.id}/prepared-grant`,
      { reasons: 'x' },
      `/workbench/cases/${c.id}/prepared-grant`,
    );
    expect(again.statusCode).toBe(409);
  }, 60_000);

  it('routes a SIS hit to enhanced scrutiny and shows the reason on the case', async () => {
    const id = await submitFor(
      m().applications,
      m().documents,
      owners['oleksandr.kovalenko']!,
      {
        given: SIS_HIT.givenNames,
        surname: SIS_HIT.surname,
        born: SIS_HIT.dateOfBirth,
        nationality: SIS_HIT.nationality,
        travelDocument: '7512345',
        serviceId: 'temporary-residence-permit',
        groundId: 'work',
      },
      new Date(),
    );
    await app.driven.run();
    const c = await caseOf(id);
    const steps = await stepsOf(c.id);
    expect(steps.triage?.result).toMatchObject({ tier: 'enhanced', decisive: ['registry-hit'] });
    expect(await m().processing.service.prepared(c.id)).toBeUndefined();
    const staff = await officerBrowser();
    const page = await staff.get(`/workbench/cases/${c.id}?lang=en`);
    expect(page.body).toContain('data-criterion="registry-hit"');
    expect(page.body).toContain('sis-entry-ban-alert');
    const queue = await staff.get('/workbench?tier=enhanced&lang=en');
    expect(queue.body).toContain('data-tier="enhanced"');
    expect(queue.body).not.toContain('data-tier="routine"');
    // The applicant sees that checks ran, never the alert or the tier.
    const applicant = await signedIn(app, 'oleksandr.kovalenko@vartai.demo');
    const own = await applicant.get(`/applications/${id}?lang=en`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Automated triage ran');
    expect(own.body).not.toContain('SIS-POL');
    expect(own.body).not.toContain('Enhanced scrutiny');
  }, 60_000);

  it('delays only the case that needs a register during its outage, and continues it after', async () => {
    m().registries.simulators.setOutage('sis', true);
    const waiting = await submitFor(
      m().applications,
      m().documents,
      owners['aliaksandr.ivanou']!,
      WORK_PERMIT_APPLICANT,
      new Date(),
    );
    const free = await submitFor(
      m().applications,
      m().documents,
      owners['aliaksandr.ivanou']!,
      {
        given: 'Luca',
        surname: 'Rossi',
        born: '1991-11-11',
        nationality: 'ITA',
        travelDocument: 'YA7654321',
        ...EU_CERTIFICATE,
      },
      new Date(),
    );
    await app.driven.run(3);
    const w = await caseOf(waiting);
    const checks = await m().registries.service.checksOf(w.id);
    expect(checks.find((x) => x.registry === 'sis')?.state).toBe('retrying');
    expect(
      checks
        .filter((x) => x.registry !== 'sis' && x.registry !== 'vsd')
        .every((x) => x.state === 'answered'),
    ).toBe(true);
    expect((await stepsOf(w.id)).registries?.state).toBe('waiting');
    // The other case went through the whole pipeline meanwhile.
    expect((await stepsOf((await caseOf(free)).id)).routing?.state).toBe('done');

    m().registries.simulators.setOutage('sis', false);
    await app.driven.run();
    const sis = (await m().registries.service.checksOf(w.id)).find((x) => x.registry === 'sis');
    expect(sis).toMatchObject({ state: 'answered', outcome: 'clear' });
    const steps = await stepsOf(w.id);
    expect(steps.registries?.trigger).toBe('registry-answer');
    expect(steps.registries?.result.checks).toContainEqual({
      registry: 'sis',
      state: 'answered',
      outcome: 'clear',
    });
  }, 60_000);

  it('keeps cases flowing as standard while the administrator has switched triage off', async () => {
    const adminRow = (await m().accounts.repo.findByEmail('admin@vartai.demo'))!;
    const admin = {
      kind: 'staff',
      accountId: adminRow.id,
      email: adminRow.email,
      displayName: adminRow.display_name,
      roles: ['administrator'],
      branchId: null,
      mfaPassed: true,
    } satisfies Principal;
    await m().triage.service.switchTo(false, admin, 'Audit of the criteria');
    try {
      const id = await submitFor(
        m().applications,
        m().documents,
        owners['oleksandr.kovalenko']!,
        {
          given: 'Eva',
          surname: 'Novak',
          born: '1993-02-02',
          nationality: 'CZE',
          travelDocument: '40123456',
          ...EU_CERTIFICATE,
        },
        new Date(),
      );
      await app.driven.run();
      const steps = await stepsOf((await caseOf(id)).id);
      expect(steps.triage?.result).toMatchObject({ tier: 'standard', switchedOff: true });
      expect(steps.routing?.result).toEqual({ tier: 'standard', proposal: false });
    } finally {
      await m().triage.service.switchTo(true, admin, 'Audit done');
    }
  }, 60_000);

  it('lets only case-working staff open a prepared grant', async () => {
    const [row] = await app.ctx.database.db
      .withTables<{ processing_proposals: { case_id: string } }>()
      .selectFrom('processing_proposals')
      .select('case_id')
      .limit(1)
      .execute();
    const url = `/workbench/cases/${row!.case_id}/prepared-grant`;
    const callCentre = await signedInStaff(app, 'callcentre@vartai.demo');
    expect((await callCentre.get(url)).statusCode).toBe(403);
    expect((await callCentre.postRaw(url, { reasons: 'x' })).statusCode).toBe(403);
    const applicant = await signedIn(app, 'priya.sharma@vartai.demo');
    expect((await applicant.get(url)).statusCode).toBe(403);
    const staff = await officerBrowser();
    expect(
      (await staff.get(`/workbench/cases/00000000-0000-4000-8000-000000000000/prepared-grant`))
        .statusCode,
    ).toBe(404);
  }, 60_000);

  it('hides a prepared grant of another branch’s case, to read and to grant (404)', async () => {
    const db = app.ctx.database.db;
    const id = await submitFor(
      m().applications,
      m().documents,
      owners['personalas']!,
      { ...MARIE, ...EU_CERTIFICATE },
      new Date(),
    );
    await app.driven.run();
    const row = { case_id: (await caseOf(id)).id };
    expect((await m().processing.service.prepared(row.case_id))?.state).toBe('prepared');
    const vilnius = (await m().accounts.repo.findByEmail('officer@vartai.demo'))!.branch_id!;
    // The case is the Vilnius branch's: an officer in Kaunas may not open it at all.
    await db
      .withTables<{ cases: { id: string; branch_id: string | null } }>()
      .updateTable('cases')
      .set({ branch_id: vilnius })
      .where('id', '=', row.case_id)
      .execute();
    const url = `/workbench/cases/${row.case_id}/prepared-grant`;
    const kaunas = await signedInStaff(app, 'officer.kaunas@vartai.demo');
    expect((await kaunas.get(url)).statusCode).toBe(404);
    const token = await kaunas.csrf('/workbench');
    const post = await kaunas.postRaw(url, { _csrf: token, reasons: 'Sąlygos įvykdytos.' });
    expect(post.statusCode).toBe(404);
    expect((await m().cases.repo.find(row.case_id))!.status).not.toBe('granted');
    expect((await m().processing.service.prepared(row.case_id))?.state).toBe('prepared');
  }, 60_000);
});
