import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from '../../app/test-app';
import { fixedClock } from '../../platform/clock';
import { isAppError } from '../../platform/errors';
import type { Principal } from '../../platform/http';
import { DEMO_APPLICANTS, DEMO_ORGANISATION, DEMO_PASSWORD } from '../accounts';

/**
 * Filing for others on the real app: an organisation files for an invitee who is linked only by
 * a VERIFIED address, its members (and nobody else) see the invitees, the foreigner sees and works
 * on what was filed for them, and a parent files only for a minor.
 */
let app: TestApp;
const clock = fixedClock('2026-12-04T10:00:00Z');
let orgId: string;
let admin: Browser;
const [oleksandr, priya, aliaksandr] = DEMO_APPLICANTS;
const TRP = 'temporary-residence-permit';

async function signIn(email: string, password = DEMO_PASSWORD): Promise<Browser> {
  const b = new Browser(app);
  const res = await b.post('/sign-in', { email, password });
  expect(res.statusCode, email).toBe(302);
  return b;
}
async function waitForMail(to: string, subject: string) {
  for (let i = 0; i < 100; i++) {
    const m = app.mail.sent.find(
      (x) => x.to === to && (x.subject.includes(subject) || x.text.includes(subject)),
    );
    if (m) return m;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`No mail "${subject}" to ${to}`);
}
const accountId = async (email: string) =>
  (await app.app.modules.accounts.repo.findByEmail(email))!.id;
const applicant = async (email: string): Promise<Principal> => ({
  kind: 'applicant',
  accountId: await accountId(email),
  email,
  displayName: email,
});
const fileFor = (name: string, email: string, lang = 'en') =>
  admin.post(
    `/organisations/${orgId}/applications`,
    { service: TRP, ground: 'work', name, email, lang },
    `/organisations/${orgId}/applications/new?service=${TRP}`,
  );
const idFrom = (location: unknown) =>
  /\/applications\/([0-9a-f-]{36})$/.exec(String(location))![1]!;

beforeAll(async () => {
  app = await startTestApp({}, { clock, workers: true });
  admin = await signIn(DEMO_ORGANISATION.adminEmail);
  orgId = /href="\/organisations\/([0-9a-f-]{36})"/.exec(
    (await admin.get('/organisation')).body,
  )![1]!;
  const org = await app.app.modules.accounts.organisations.getForMember(
    orgId,
    await applicant(DEMO_ORGANISATION.adminEmail),
  );
  expect(org.role).toBe('admin');
  // A colleague: a member who did not file anything.
  await app.app.modules.accounts.organisations.addMember(
    orgId,
    await applicant(DEMO_ORGANISATION.adminEmail),
    aliaksandr!.email,
  );
});
afterAll(async () => {
  await app?.close();
});

describe('an organisation files for an invited foreigner', () => {
  it('offers only the services whose applicants include its kind, and checks the form', async () => {
    const choose = await admin.get(`/organisations/${orgId}/applications/new?lang=en`);
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain(`value="${TRP}"`);
    expect(choose.body).not.toContain('value="national-visa"'); // universities only
    const bad = await admin.post(
      `/organisations/${orgId}/applications?lang=en`,
      { service: TRP, ground: '', name: '', email: 'not-an-address', lang: 'en' },
      `/organisations/${orgId}/applications/new?service=${TRP}`,
    );
    expect(bad.statusCode).toBe(400);
    for (const text of ['Choose the ground', 'Enter the full name', 'e-mail'])
      expect(bad.body).toContain(text);
    const notAllowed = await admin.post(
      `/organisations/${orgId}/applications`,
      { service: 'national-visa', ground: 'other', name: 'A B', email: 'a@example.lt', lang: 'en' },
      `/organisations/${orgId}/applications/new?service=${TRP}`,
    );
    expect(notAllowed.statusCode).toBe(404);
  });

  it('links the invitee only once the address is verified, then the foreigner sees and edits it', async () => {
    const email = 'mariam.tsiklauri@example.ge';
    const res = await fileFor('Mariam Tsiklauri', email);
    expect(res.statusCode).toBe(302);
    const id = idFrom(res.headers.location);
    const mail = await waitForMail(email, 'has filed an application for you');
    expect(mail.text).toContain('UAB „Baltijos programinė įranga“');
    expect(mail.text).toContain('/sign-up');
    expect(
      (
        await app.app.modules.applications.service.getVisible(
          id,
          await applicant(DEMO_ORGANISATION.adminEmail),
        )
      ).owner_account_id,
    ).toBeNull();

    // Someone signs up with the address: nothing is linked until the address is verified.
    const password = 'Gruzinu-kalnai-ir-Nemunas';
    await new Browser(app).post('/sign-up', {
      displayName: 'Mariam Tsiklauri',
      email,
      password,
      passwordConfirm: password,
    });
    const row = async () =>
      app.app.modules.applications.service.getVisible(
        id,
        await applicant(DEMO_ORGANISATION.adminEmail),
      );
    expect((await row()).owner_account_id).toBeNull();
    const verify = await waitForMail(email, '/verify-email');
    const link = new URL(/(https?:\/\/\S+)/.exec(verify.text)![1]!);
    expect((await new Browser(app).get(`${link.pathname}${link.search}`)).statusCode).toBe(302);
    expect((await row()).owner_account_id).toBe(await accountId(email));

    const foreigner = await signIn(email, password);
    const list = await foreigner.get('/applications?lang=en');
    expect(list.body).toContain(`/applications/${id}`);
    expect(list.body).toContain('filed by UAB „Baltijos programinė įranga“');
    const overview = await foreigner.get(`/applications/${id}?lang=en`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Linked to the account of the person it is for');
    const q = /href="\/applications\/[0-9a-f-]{36}\/questions\/([a-z0-9-]+)"/.exec(
      overview.body,
    )![1]!;
    expect((await foreigner.get(`/applications/${id}/questions/${q}`)).statusCode).toBe(200);
    const timeline = await app.app.modules.applications.service.timeline(
      id,
      await applicant(email),
    );
    expect(timeline.map((e) => e.action)).toEqual(['created', 'claimed']);
    expect(timeline[1]!.actor_id).toBe(await accountId(email));
    // The foreigner works on it (canEdit: the person it is for); the timeline says who did what.
    const saved = await app.app.modules.applications.service.saveAnswers(
      id,
      await applicant(email),
      {},
    );
    expect(saved.ok).toBe(true);
    const seenByOrg = await admin.get(`/applications/${id}?lang=en`);
    expect(seenByOrg.body).toContain('Answers saved (Mariam Tsiklauri, the person it is for)');
    expect(seenByOrg.body).toContain('Application started (you)');
  });

  it('never links to an account whose address is not verified', async () => {
    const email = 'squatter.target@example.lt';
    await new Browser(app).post('/sign-up', {
      displayName: 'Someone Else',
      email,
      password: 'Svetimas-adresas-be-patvirtinimo',
      passwordConfirm: 'Svetimas-adresas-be-patvirtinimo',
    });
    const id = idFrom((await fileFor('Real Person', email)).headers.location);
    const row = await app.app.modules.applications.service.getVisible(
      id,
      await applicant(DEMO_ORGANISATION.adminEmail),
    );
    expect(row.owner_account_id).toBeNull();
    // Nor can whoever typed the address sign in and see it: sign-in needs a verified address.
    const attempt = await new Browser(app).post('/sign-in', {
      email,
      password: 'Svetimas-adresas-be-patvirtinimo',
    });
    expect(attempt.statusCode).toBe(400);
  });

  it('links at once to an existing verified account and says so in the e-mail', async () => {
    const id = idFrom((await fileFor('Priya Sharma', priya!.email.toUpperCase())).headers.location);
    const mail = await waitForMail(priya!.email, 'has filed an application for you');
    expect(mail.text).toContain(`/applications/${id}`);
    const own = await signIn(priya!.email);
    expect((await own.get(`/applications/${id}`)).statusCode).toBe(200);
  });

  it('shows the invitees to every member and to nobody else, and audits the read', async () => {
    const list = await admin.get(`/organisations/${orgId}/invitees?lang=en`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Mariam Tsiklauri');
    expect(list.body).toContain('mariam.tsiklauri@example.ge');
    const colleague = await signIn(aliaksandr!.email);
    expect((await colleague.get(`/organisations/${orgId}/invitees`)).body).toContain(
      'Mariam Tsiklauri',
    );
    // The colleague may also open what a fellow member filed.
    const anyId = /href="\/applications\/([0-9a-f-]{36})"/.exec(list.body)![1]!;
    expect((await colleague.get(`/applications/${anyId}`)).statusCode).toBe(200);

    const outsider = await signIn(oleksandr!.email);
    for (const url of [
      `/organisations/${orgId}/invitees`,
      `/organisations/${orgId}/applications/new`,
      `/applications/${anyId}`,
    ]) {
      const res = await outsider.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('Tsiklauri');
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(
      (await outsider.get('/applications')).body,
    )![1]!;
    const post = await outsider.postRaw(`/organisations/${orgId}/applications`, {
      _csrf: token,
      service: TRP,
      ground: 'work',
      name: 'X',
      email: 'x@example.lt',
      lang: 'en',
    });
    expect(post.statusCode).toBe(404);
    const anon = await new Browser(app).get(`/organisations/${orgId}/invitees`);
    expect(String(anon.headers.location)).toMatch(/^\/sign-in/);

    const entries = await app.app.modules.audit.entriesFor({ kind: 'organisation', id: orgId });
    expect(
      entries.filter((e) => e.purpose === 'organisation-invitees').length,
    ).toBeGreaterThanOrEqual(2);
  });
});

describe('a parent files for a child', () => {
  it('asks "for myself or my child" only where parents may file, and refuses an adult child', async () => {
    const parent = await signIn(oleksandr!.email);
    expect((await parent.get(`/applications/new?service=${TRP}`)).body).toContain('name="forWhom"');
    expect((await parent.get('/applications/new?service=change-of-employer')).body).not.toContain(
      'name="forWhom"',
    );
    const form = (fields: Record<string, string>) =>
      parent.post(
        '/applications?lang=en',
        { service: TRP, ground: 'work', urgent: 'no', forWhom: 'child', ...fields },
        `/applications/new?service=${TRP}`,
      );
    const empty = await form({});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the child&#39;s full name');
    const adult = await form({
      childName: 'Taras Kovalenko',
      'childBirthDate-day': '4',
      'childBirthDate-month': '12',
      'childBirthDate-year': '2008',
    });
    expect(adult.statusCode).toBe(400);
    expect(adult.body).toContain('A parent can file only for a child under 18');
    const ok = await form({
      childName: 'Taras Kovalenko',
      'childBirthDate-day': '10',
      'childBirthDate-month': '12',
      'childBirthDate-year': '2008',
    });
    expect(ok.statusCode).toBe(302);
    const id = idFrom(ok.headers.location);
    const row = await app.app.modules.applications.service.getVisible(
      id,
      await applicant(oleksandr!.email),
    );
    expect(row).toMatchObject({
      filed_by_kind: 'parent',
      owner_account_id: null,
      for_person_name: 'Taras Kovalenko',
      for_person_birth_date: '2008-12-10',
    });
    expect((await parent.get('/applications')).body).toContain('Taras Kovalenko');
  });

  it('refuses submission once the child has turned 18, whatever else is missing', async () => {
    const parent = await applicant(oleksandr!.email);
    const service = app.app.modules.applications.service;
    const draft = await service.startDraft({
      serviceId: TRP,
      groundId: 'work',
      by: parent,
      filedByKind: 'parent',
      child: { name: 'Olena Kovalenko', birthDate: '2008-12-10' },
    });
    const before = await service.submit(draft.id, parent).catch((e: unknown) => e);
    expect(isAppError(before) && before.code).toBe('APPLICATION_INCOMPLETE');
    clock.set('2026-12-09T22:30:00Z'); // 10 December in Vilnius: the 18th birthday
    const after = await service.submit(draft.id, parent).catch((e: unknown) => e);
    expect(isAppError(after) && after.code).toBe('APPLICATION_NOT_MINOR');
    await expect(
      service.startDraft({
        serviceId: 'change-of-employer',
        by: parent,
        filedByKind: 'parent',
        child: { name: 'X', birthDate: '2015-01-01' },
      }),
    ).rejects.toMatchObject({ code: 'APPLICATION_FILER_NOT_ALLOWED' });
  });
});
