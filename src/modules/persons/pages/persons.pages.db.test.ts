import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Browser,
  signedIn,
  signedInStaff,
  startTestApp,
  type TestApp,
} from '../../../app/test-app';
import { DEMO_APPLICANTS } from '../../accounts';

/**
 * The persons pages (issue 7): officers and team leads find, review, merge, split and undo; the
 * call centre finds and reads only; administrators, the rules role, applicants and anonymous
 * visitors are refused. Every form needs its CSRF token; errors come back as an error summary in
 * the reader's language with what was typed; every read and action leaves an audit entry.
 */
const BASE = '/workbench/persons';
let app: TestApp;
const staff: Record<string, Browser> = {};
let applicant: Browser;
const STAFF = [
  'officer@vartai.demo',
  'lead@vartai.demo',
  'callcentre@vartai.demo',
  'admin@vartai.demo',
  'rules@vartai.demo',
];
const WORKERS = ['officer@vartai.demo', 'lead@vartai.demo'];
const READERS = [...WORKERS, 'callcentre@vartai.demo'];
const en = (key: string, values?: Record<string, string | number>) =>
  app.ctx.i18n.t('en', key, values);
/** Text as the page shows it (the templates escape apostrophes and quotes). */
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');

const service = () => app.app.modules.persons.service;
const tag = randomUUID().slice(0, 8);
/**
 * Two records that may be one man: Cyrillic with a passport, then a diminutive with a Lithuanian
 * surname ending and day and month swapped, nationality not given — the grey band.
 */
const kovalenko = {
  sourceKind: 'application' as const,
  sourceId: `app-${tag}-1`,
  sourceLabel: `VRT-${tag}-1`,
  givenNames: 'Олександр',
  surname: 'Коваленко',
  dateOfBirth: '1985-03-12',
  sex: 'M' as const,
  nationality: 'UKR',
  documentNumber: `FA${tag.slice(0, 6).toUpperCase()}`,
  placeOfBirth: 'Kyiv',
};
const kovalenkas = {
  sourceKind: 'registry' as const,
  sourceId: `reg-${tag}-2`,
  sourceLabel: `REG-${tag}-2`,
  givenNames: 'Sasha',
  surname: 'Kovalenka',
  dateOfBirth: '1985-12-03',
  sex: 'M' as const,
  nationality: null,
  documentNumber: null,
  placeOfBirth: null,
};
let person: { id: string; number: string };
let other: { id: string; number: string };
let reviewId: string;

const auditCount = async (action: string, subjectKind: string, subjectId?: string) => {
  await app.app.modules.audit.flush();
  const rows = await sql<{ n: number }>`select count(*)::int as n from audit_log
    where action = ${action} and subject_kind = ${subjectKind}
    and (${subjectId ?? null}::text is null or subject_id = ${subjectId ?? null})`.execute(
    app.ctx.database.db,
  );
  return rows.rows[0]!.n;
};

beforeAll(async () => {
  app = await startTestApp();
  for (const email of STAFF) staff[email] = await signedInStaff(app, email);
  applicant = await signedIn(app, DEMO_APPLICANTS[0]!.email);
  const first = await service().matchRecord(kovalenko);
  const second = await service().matchRecord(kovalenkas);
  // The pair is the grey band's textbook case: the pages need a review to show.
  expect(second.outcome, JSON.stringify(second)).toBe('review');
  reviewId = second.reviewId!;
  person = { id: first.personId, number: first.personNumber };
  const third = await service().matchRecord({
    sourceKind: 'application',
    sourceId: `app-${tag}-3`,
    sourceLabel: `VRT-${tag}-3`,
    givenNames: 'Ona',
    surname: 'Žemaitytė',
    dateOfBirth: '1971-07-30',
    sex: 'F',
    nationality: 'LTU',
    documentNumber: null,
    placeOfBirth: null,
  });
  other = { id: third.personId, number: third.personNumber };
});
afterAll(async () => {
  await app?.close();
});

/** An officer as the register's service sees one (for setting up, not for the pages). */
function system() {
  return {
    kind: 'staff',
    accountId: randomUUID(),
    email: 'setup@vartai.demo',
    displayName: 'Setup',
    roles: ['officer'],
    branchId: null,
    mfaPassed: true,
  } as const;
}

describe('who may use the persons pages', () => {
  const reads = () => [
    `${BASE}?name=Kovalenko`,
    `${BASE}/${person.id}`,
    `${BASE}/${person.number}`,
  ];
  const works = () => [`${BASE}/reviews`, `${BASE}/reviews/${reviewId}`];

  it('lets officers, team leads and the call centre find and read persons, and no one else', async () => {
    for (const url of reads()) {
      for (const email of READERS)
        expect((await staff[email]!.get(url)).statusCode, `${email} ${url}`).toBe(200);
      for (const email of ['admin@vartai.demo', 'rules@vartai.demo'])
        expect((await staff[email]!.get(url)).statusCode, `${email} ${url}`).toBe(403);
      expect((await applicant.get(url)).statusCode, url).toBe(403);
      const anonymous = await new Browser(app).get(url);
      expect(anonymous.statusCode).toBe(302);
      expect(anonymous.headers.location).toMatch(/^\/sign-in/);
    }
  });

  it('lets only officers and team leads open the review queue and a review', async () => {
    for (const url of works()) {
      for (const email of WORKERS)
        expect((await staff[email]!.get(url)).statusCode, `${email} ${url}`).toBe(200);
      for (const email of ['callcentre@vartai.demo', 'admin@vartai.demo', 'rules@vartai.demo'])
        expect((await staff[email]!.get(url)).statusCode, `${email} ${url}`).toBe(403);
      expect((await applicant.get(url)).statusCode, url).toBe(403);
      expect((await new Browser(app).get(url)).headers.location).toMatch(/^\/sign-in/);
    }
  });

  it('refuses every change to the call centre, administrators, applicants and anonymous visitors', async () => {
    const posts = [
      [`${BASE}/${person.id}/merge`, { number: other.number, reason: 'same man' }],
      [`${BASE}/${person.id}/split`, { records: randomUUID(), reason: 'two men' }],
      [`${BASE}/${person.id}/actions/${randomUUID()}/undo`, { reason: 'mistake' }],
      [`${BASE}/reviews/${reviewId}`, { decision: 'merge', reason: 'same man' }],
    ] as const;
    for (const [url, fields] of posts) {
      for (const email of ['callcentre@vartai.demo', 'admin@vartai.demo']) {
        // A token from a page they may open: the refusal is the role's, not the token's.
        const res = await staff[email]!.post(url, fields, '/workbench');
        expect(res.statusCode, `${email} ${url}`).toBe(403);
      }
      expect((await applicant.post(url, fields, '/account')).statusCode, url).toBe(403);
      const anonymous = await new Browser(app).postRaw(url, fields);
      expect([401, 403], url).toContain(anonymous.statusCode);
    }
    const view = await service().getPerson(person.id, system(), 'test');
    expect(view.actions).toEqual([]);
    expect((await service().getReview(reviewId, system())).status).toBe('open');
  });

  it('declares the roles on the routes themselves, not only in the register', () => {
    const roles = (method: string, url: string) =>
      app.app.routes.find((r) => r.method === method && r.url === url)?.access;
    const read = { who: 'staff', roles: ['officer', 'team-lead', 'call-centre'] };
    const work = { who: 'staff', roles: ['officer', 'team-lead'] };
    expect(roles('GET', BASE)).toEqual(read);
    expect(roles('GET', `${BASE}/:id`)).toEqual(read);
    for (const url of [
      `${BASE}/reviews`,
      `${BASE}/reviews/:id`,
      `${BASE}/:id/actions/:actionId/undo`,
    ])
      expect(roles('GET', url), url).toEqual(work);
    for (const url of [
      `${BASE}/reviews/:id`,
      `${BASE}/:id/merge`,
      `${BASE}/:id/split`,
      `${BASE}/:id/actions/:actionId/undo`,
    ])
      expect(roles('POST', url), url).toEqual(work);
  });

  it('refuses a form sent without its CSRF token', async () => {
    const officer = staff['officer@vartai.demo']!;
    const res = await officer.postRaw(`${BASE}/${person.id}/merge`, {
      number: other.number,
      reason: 'same man',
    });
    expect(res.statusCode).toBe(403);
    const decided = await officer.postRaw(`${BASE}/reviews/${reviewId}`, {
      decision: 'merge',
      reason: 'same man',
    });
    expect(decided.statusCode).toBe(403);
    expect((await service().getPerson(person.id, system(), 'test')).actions).toEqual([]);
  });

  it('shows the persons link in the workbench to those who may use it', async () => {
    for (const email of READERS)
      expect((await staff[email]!.get('/workbench')).body, email).toContain(`href="${BASE}"`);
    for (const email of ['admin@vartai.demo', 'rules@vartai.demo'])
      expect((await staff[email]!.get('/workbench')).body, email).not.toContain(`href="${BASE}"`);
  });
});

describe('finding a person', () => {
  it('finds the Cyrillic record by a Latin spelling, with and without the date of birth', async () => {
    const cc = staff['callcentre@vartai.demo']!;
    const res = await cc.get(`${BASE}?lang=en&name=${encodeURIComponent('Oleksandr Kovalenko')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`data-person="${person.number}"`);
    expect(res.body).toContain('Коваленко');
    const dated = await cc.get(
      `${BASE}?lang=en&name=Kovalenko&dob-day=12&dob-month=3&dob-year=1985`,
    );
    expect(dated.body).toContain(`data-person="${person.number}"`);
    const otherDay = await cc.get(
      `${BASE}?lang=en&name=Kovalenko&dob-day=1&dob-month=1&dob-year=1950`,
    );
    expect(otherDay.body).not.toContain(`data-person="${person.number}"`);
    expect(otherDay.body).toContain(html(en('persons.search.none')));
    const byNumber = await cc.get(`${BASE}?lang=en&name=${person.number}`);
    expect(byNumber.body).toContain(`data-person="${person.number}"`);
    expect(await auditCount('personal-data.read', 'person-search')).toBeGreaterThanOrEqual(3);
  });

  it('answers a missing name, a bad date and a too short name with an error summary, keeping what was typed', async () => {
    const cc = staff['callcentre@vartai.demo']!;
    const empty = await cc.get(`${BASE}?lang=en&name=&dob-day=31&dob-month=2&dob-year=1985`);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('govuk-error-summary');
    expect(empty.body).toContain(`href="#name">${html(en('persons.search.nameRequired'))}`);
    expect(empty.body).toContain(`href="#dob-day">${html(en('persons.search.dateInvalid'))}`);
    expect(empty.body).toMatch(/id="dob-day"[^>]*value="31"/);
    const short = await cc.get(`${BASE}?lang=lt&name=K`);
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain(
      html(app.ctx.i18n.t('lt', 'persons.error.PERSONS_SEARCH_TOO_SHORT')),
    );
    expect(short.body).toMatch(/id="name"[^>]*value="K"/);
    // A person number with a wrong check character is refused, not looked up.
    const wrong = person.number.slice(0, -1) + (person.number.endsWith('1') ? '2' : '1');
    const badNumber = await cc.get(`${BASE}?lang=en&name=${wrong}`);
    expect(badNumber.statusCode).toBe(400);
    expect(badNumber.body).toContain(html(en('persons.error.PERSONS_NUMBER_INVALID')));
  });
});

describe('a person’s page', () => {
  it('shows the number, the names as written, the records, and forms only to those who may act', async () => {
    const officer = await staff['officer@vartai.demo']!.get(`${BASE}/${person.number}?lang=en`);
    expect(officer.statusCode).toBe(200);
    expect(officer.body).toContain(`data-testid="person-number">${person.number}<`);
    expect(officer.body).toContain('Олександр');
    expect(officer.body).toContain(kovalenko.sourceLabel);
    expect(officer.body).toContain(`action="${BASE}/${person.id}/merge"`);
    const cc = await staff['callcentre@vartai.demo']!.get(`${BASE}/${person.number}?lang=en`);
    expect(cc.statusCode).toBe(200);
    expect(cc.body).toContain(kovalenko.sourceLabel);
    expect(cc.body).not.toContain(`/merge"`);
    expect(cc.body).not.toContain(`/split"`);
    expect(await auditCount('personal-data.read', 'person', person.id)).toBeGreaterThanOrEqual(2);
  });

  it('answers an unknown person with 404', async () => {
    const res = await staff['officer@vartai.demo']!.get(`${BASE}/${randomUUID()}`);
    expect(res.statusCode).toBe(404);
  });

  it('keeps the merge form as typed and says what is wrong', async () => {
    const officer = staff['officer@vartai.demo']!;
    const url = `${BASE}/${person.id}`;
    const noReason = await officer.post(
      `${url}/merge?lang=en`,
      { number: other.number, reason: '' },
      url,
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain(
      `href="#merge-reason">${html(en('persons.error.PERSONS_REASON_REQUIRED'))}`,
    );
    expect(noReason.body).toContain(`value="${other.number}"`);
    const itself = await officer.post(
      `${url}/merge?lang=en`,
      { number: person.number, reason: 'checked the passports' },
      url,
    );
    expect(itself.statusCode).toBe(400);
    expect(itself.body).toContain(
      `href="#merge-number">${html(en('persons.error.PERSONS_MERGE_SAME'))}`,
    );
    expect(itself.body).toContain('checked the passports');
    const split = await officer.post(`${url}/split?lang=en`, { reason: 'two men' }, url);
    expect(split.statusCode).toBe(400);
    expect(split.body).toContain(`href="#split-records">${html(en('persons.split.noneChosen'))}`);
    expect((await service().getPerson(person.id, system(), 'test')).actions).toEqual([]);
  });
});

describe('reviewing a grey-band match', () => {
  it('shows both sides and the explanation, decides by merging, shows both histories, and undoes', async () => {
    const officer = staff['officer@vartai.demo']!;
    const queue = await officer.get(`${BASE}/reviews?lang=en`);
    expect(queue.body).toContain(`data-review="${reviewId}"`);
    expect(await auditCount('personal-data.read', 'person-reviews')).toBeGreaterThanOrEqual(1);

    const url = `${BASE}/reviews/${reviewId}`;
    const page = await officer.get(`${url}?lang=en`);
    expect(page.body).toContain('data-testid="review-comparison"');
    expect(page.body).toContain('Kovalenka');
    expect(page.body).toContain('Коваленко');
    expect(page.body).toContain('data-testid="review-explanation"');
    expect(page.body).toContain('data-field="date-of-birth" data-level="swapped-day-month"');
    expect(page.body).toContain('data-testid="total-probability"');
    expect(
      await auditCount('personal-data.read', 'person-review', reviewId),
    ).toBeGreaterThanOrEqual(1);

    const undecided = await officer.post(`${url}?lang=en`, { reason: 'same man' }, url);
    expect(undecided.statusCode).toBe(400);
    expect(undecided.body).toContain(
      `href="#decision">${html(en('persons.review.chooseDecision'))}`,
    );
    expect(undecided.body).toContain('same man');
    const noReason = await officer.post(`${url}?lang=en`, { decision: 'merge', reason: ' ' }, url);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain(
      `href="#reason">${html(en('persons.error.PERSONS_REASON_REQUIRED'))}`,
    );
    expect(noReason.body).toMatch(/value="merge" checked/);

    const decided = await officer.post(
      url,
      { decision: 'merge', reason: 'Same passport photo' },
      url,
    );
    expect(decided.statusCode).toBe(302);
    const survivorUrl = String(decided.headers.location);
    expect(survivorUrl).toMatch(new RegExp(`^${BASE}/`));
    const merged = await officer.get(`${survivorUrl}?lang=en`);
    expect(merged.body).toContain(html(en('persons.flash.decided.merge')));
    // Both histories: the records of both persons, each with the number it came from.
    expect(merged.body).toContain(kovalenko.sourceLabel);
    expect(merged.body).toContain(kovalenkas.sourceLabel);
    expect(merged.body).toContain('data-testid="merged-persons"');
    expect(merged.body).toContain('data-kind="merge" data-undone="no"');
    expect(await auditCount('persons.merged', 'person')).toBeGreaterThanOrEqual(1);

    const again = await officer.post(url, { decision: 'link', reason: 'twice' }, url);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain(html(en('persons.error.PERSONS_REVIEW_DECIDED')));

    const survivor = await service().getPerson(survivorUrl.split('/').at(-1)!, system(), 'test');
    const mergeAction = survivor.actions.find((a) => a.kind === 'merge')!;
    const undoUrl = `${BASE}/${survivor.id}/actions/${mergeAction.id}/undo`;
    expect(merged.body).toContain(`href="${undoUrl}"`);
    // The call centre reads the history but has no undo button.
    const cc = await staff['callcentre@vartai.demo']!.get(`${BASE}/${survivor.id}`);
    expect(cc.body).not.toContain(undoUrl);
    expect((await staff['callcentre@vartai.demo']!.get(undoUrl)).statusCode).toBe(403);

    const noUndoReason = await officer.post(`${undoUrl}?lang=en`, { reason: '' }, undoUrl);
    expect(noUndoReason.statusCode).toBe(400);
    expect(noUndoReason.body).toContain(
      `href="#reason">${html(en('persons.error.PERSONS_REASON_REQUIRED'))}`,
    );
    const undone = await officer.post(undoUrl, { reason: 'Photos differ after all' }, undoUrl);
    expect(undone.statusCode).toBe(302);
    const after = await officer.get(`${String(undone.headers.location)}?lang=en`);
    expect(after.body).toContain(html(en('persons.flash.undone')));
    expect(after.body).toContain('data-kind="merge" data-undone="yes"');
    expect(after.body).toContain('Photos differ after all');
    expect(await auditCount('persons.action-undone', 'person')).toBeGreaterThanOrEqual(1);
    // Undone once: the undo page says so and offers no form.
    const twice = await officer.get(`${undoUrl}?lang=en`);
    expect(twice.body).toContain(html(en('persons.error.PERSONS_UNDO_NOT_ALLOWED')));
    expect(twice.body).not.toContain('name="reason"');
  });
});
