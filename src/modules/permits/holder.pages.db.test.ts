import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS } from '../accounts';
import { decodeQrImage } from './qr-image';

/**
 * The holder's pages, `/check` and the share code API in the whole app: a permit issued for a
 * demo applicant, seen by its holder only, shared with a code an employer then checks.
 */
let app: TestApp;
let holder: Browser;
let other: Browser;
let permitId: string;
let documentNumber: string;

const HOLDER = DEMO_APPLICANTS[1]!.email;
const OTHER = DEMO_APPLICANTS[2]!.email;

/** The code shown once on the confirmation page, e.g. "W7K 4QX 92M". */
const codeOn = (html: string) =>
  /<strong[^>]*>([0-9A-Z]{3} [0-9A-Z]{3} [0-9A-Z]{3})<\/strong>/.exec(html)?.[1];

async function createCode(purpose: string, days = '30') {
  const res = await holder.post(
    `/my-permits/${permitId}/share-codes?lang=en`,
    { purpose, days },
    `/my-permits/${permitId}`,
  );
  expect(res.statusCode).toBe(200);
  return codeOn(res.body)!;
}

const checkForm = (code: string, dob: [string, string, string], who = 'UAB Statyba') => ({
  code,
  'dob-day': dob[0],
  'dob-month': dob[1],
  'dob-year': dob[2],
  who,
});

beforeAll(async () => {
  app = await startTestApp();
  holder = await signedIn(app, HOLDER);
  other = await signedIn(app, OTHER);
  const account = await app.app.modules.accounts.repo.findByEmail(HOLDER);
  const permits = app.app.modules.permits.service;
  const issued = await app.ctx.database.db.transaction().execute((trx) =>
    permits.issueForGrant(
      {
        caseId: null,
        applicationId: null,
        holderAccountId: account!.id,
        serviceId: 'temporary-residence-permit',
        groundId: 'work',
        givenName: 'PRIYA',
        familyName: 'SHARMA',
        birthdate: '1992-08-21',
        grantedAt: new Date(),
      },
      trx,
    ),
  );
  permitId = issued!.permitId;
  documentNumber = (await permits.permitForCheck(permitId))!.documentNumber;
});
afterAll(async () => {
  await app?.close();
});

describe('/my-permits', () => {
  it('lists the holder permits and shows one with its QR code and share code form', async () => {
    const list = await holder.get('/my-permits?lang=en');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(documentNumber);
    expect(list.body).toContain(`href="/my-permits/${permitId}"`);

    const page = await holder.get(`/my-permits/${permitId}?lang=en&show=work`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`src="/my-permits/${permitId}/qr.png?show=work"`);
    expect(page.body).toContain(`action="/my-permits/${permitId}/share-codes"`);
    expect(page.body).toContain(`/my-permits/${permitId}/permit.pdf`);
    expect(page.body).toContain('SHARMA');
  });

  it('serves the QR code, the PDF and the wallet file to the holder', async () => {
    const full = await holder.get(`/my-permits/${permitId}/qr.png`);
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/png');
    expect(full.headers['cache-control']).toBe('no-store');
    const work = await holder.get(`/my-permits/${permitId}/qr.png?show=work`);
    const fullText = decodeQrImage(full.rawPayload)!;
    const workText = decodeQrImage(work.rawPayload)!;
    expect(fullText.split('~').length).toBeGreaterThan(workText.split('~').length);
    const verdict = await app.app.modules.permits.service.verify(workText, { channel: 'page' });
    expect(verdict.valid).toBe(true);
    expect(verdict.claims).not.toHaveProperty('birthdate');

    const pdf = await holder.get(`/my-permits/${permitId}/permit.pdf?lang=uk`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const wallet = await holder.get(`/my-permits/${permitId}/credential`);
    expect(wallet.headers['content-type']).toContain('application/dc+sd-jwt');
    expect(wallet.headers['content-disposition']).toMatch(
      /filename="permit-[A-Za-z0-9_-]+\.sd-jwt"/,
    );
    expect(wallet.body.endsWith('~')).toBe(true);
  });

  it('is the holder alone: another applicant gets 404, nobody signed in goes to sign-in', async () => {
    for (const path of ['', '/qr.png', '/permit.pdf', '/credential'])
      expect((await other.get(`/my-permits/${permitId}${path}`)).statusCode).toBe(404);
    const otherList = await other.get('/my-permits?lang=en');
    expect(otherList.body).not.toContain(documentNumber);
    expect(otherList.body).toContain('You have no digital permits yet');
    const anonymous = await new Browser(app).get(`/my-permits/${permitId}`);
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toContain('/sign-in');
    const posted = await other.post(
      `/my-permits/${permitId}/share-codes`,
      { purpose: 'work', days: '30' },
      '/my-permits',
    );
    expect(posted.statusCode).toBe(404);
  });

  it('refuses a form without its CSRF token', async () => {
    const res = await holder.postRaw(`/my-permits/${permitId}/share-codes`, {
      purpose: 'work',
      days: '30',
    });
    expect(res.statusCode).toBe(403);
  });

  it('re-shows the form with an error summary when nothing is chosen', async () => {
    const res = await holder.post(
      `/my-permits/${permitId}/share-codes?lang=lt`,
      { days: '45' },
      `/my-permits/${permitId}`,
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('Pasirinkite, kam skirtas kodas');
    expect(res.body).toContain('href="#purpose"');
  });
});

describe('share codes end to end', () => {
  it('an employer checks a work code on /check without signing in and sees only the work facts', async () => {
    const code = await createCode('work');
    expect(code).toMatch(/^W/);
    const employer = new Browser(app);
    expect((await employer.get('/check?lang=en')).statusCode).toBe(200);
    const res = await employer.post(
      '/check?lang=en',
      checkForm(code, ['21', '8', '1992']),
      '/check',
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('The permit is valid');
    expect(res.body).toContain('SHARMA');
    expect(res.body).toContain('Right to work');
    expect(res.body).toContain('/credentials/photos/');
    expect(res.body).not.toContain(documentNumber);
    expect(res.body).not.toContain('Date of birth');

    const page = await holder.get(`/my-permits/${permitId}?lang=en`);
    expect(page.body).toContain('UAB Statyba');
    expect(page.body).toContain('Permit shown');
  });

  it('a wrong date and a wrong code get the same answer', async () => {
    const code = await createCode('renting', '7');
    const b = new Browser(app);
    const wrongDate = await b.post(
      '/check?lang=en',
      checkForm(code, ['22', '8', '1992']),
      '/check',
    );
    const wrongCode = await b.post(
      '/check?lang=en',
      checkForm(
        code.replace(/.$/, (c) => (c === '2' ? '3' : '2')),
        ['21', '8', '1992'],
      ),
      '/check',
    );
    for (const res of [wrongDate, wrongCode]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('No permit matches this share code and date of birth');
    }
    const invalid = await b.post(
      '/check?lang=en',
      checkForm('hello', ['31', '2', '1992'], ''),
      '/check',
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('href="#dob-day"');
  });

  it('the API checks a code, and a withdrawn code says so', async () => {
    const code = await createCode('other', '90');
    const api = (body: object) =>
      app.app.server.inject({ method: 'POST', url: '/api/v1/share-codes/check', payload: body });
    const ok = await api({ code, dateOfBirth: '1992-08-21', verifier: 'Nuomos agentūra' });
    expect(ok.statusCode).toBe(200);
    const json = ok.json();
    expect(json).toMatchObject({ match: true, outcome: 'shown', purpose: 'other' });
    expect(Object.keys(json.facts).sort()).toEqual(
      [
        'family_name',
        'given_name',
        'permit_ground',
        'permit_type',
        'picture',
        'right_to_work',
        'valid_from',
        'valid_until',
      ].sort(),
    );
    expect((await api({ code, dateOfBirth: '1992-08-20' })).json()).toEqual({
      match: false,
      outcome: 'no-match',
    });
    expect((await api({ code, dateOfBirth: '1992-02-30' })).statusCode).toBe(400);

    const page = await holder.get(`/my-permits/${permitId}?lang=en`);
    const codeId = new RegExp(`/my-permits/${permitId}/share-codes/([0-9a-f-]{36})/revoke`).exec(
      page.body,
    )![1]!;
    const revoked = await holder.post(
      `/my-permits/${permitId}/share-codes/${codeId}/revoke`,
      {},
      `/my-permits/${permitId}`,
    );
    expect(revoked.statusCode).toBe(303);
    expect((await api({ code, dateOfBirth: '1992-08-21' })).json()).toEqual({
      match: false,
      outcome: 'code-revoked',
    });
  });

  it('is described in the OpenAPI document with working examples', async () => {
    const doc = (await app.app.server.inject('/api/v1/openapi.json')).json();
    const op = doc.paths['/api/v1/share-codes/check'].post;
    expect(op.description).toMatch(/same answer/);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '429']));
    const exampleOf = (c: { example?: unknown; schema: { examples?: unknown[] } }) =>
      c.example ?? c.schema.examples?.[0];
    const example = exampleOf(op.requestBody.content['application/json']);
    const res = await app.app.server.inject({
      method: 'POST',
      url: '/api/v1/share-codes/check',
      remoteAddress: '198.51.100.99',
      payload: example as object,
    });
    expect(res.json()).toEqual({ match: false, outcome: 'no-match' });
    const ok = exampleOf(op.responses['200'].content['application/json']);
    expect(Object.keys(ok as object).sort()).toEqual([
      'facts',
      'match',
      'outcome',
      'pictureUrl',
      'purpose',
    ]);
  });

  it('after 10 failures from one address, checks answer 429', async () => {
    const api = (dateOfBirth: string) =>
      app.app.server.inject({
        method: 'POST',
        url: '/api/v1/share-codes/check',
        remoteAddress: '198.51.100.7',
        payload: { code: 'W22 222 222', dateOfBirth },
      });
    for (let i = 1; i <= 10; i++)
      expect((await api(`1970-01-${String(i).padStart(2, '0')}`)).statusCode).toBe(200);
    const limited = await api('1970-01-11');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('SHARE_CODE_CHECK_LIMITED');
  });

  it('/check shows the limit page (429) after 10 misses from one address', async () => {
    const b = new Browser(app);
    const token = await b.csrf('/check');
    const post = (day: number) =>
      app.app.server.inject({
        method: 'POST',
        url: '/check?lang=en',
        remoteAddress: '198.51.100.8',
        headers: { cookie: b.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: token,
          ...checkForm('W22 222 222', [String(day), '1', '1970']),
        }).toString(),
      });
    for (let day = 1; day <= 10; day++) expect((await post(day)).statusCode).toBe(200);
    const limited = await post(11);
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Too many unsuccessful checks');
  });
});
