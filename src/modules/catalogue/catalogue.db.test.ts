import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from '../../app/test-app';
import { money } from './catalogue.view';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});
const get = (url: string) => app.app.server.inject({ method: 'GET', url });

describe('service pages', () => {
  it('list every service grouped by audience, in four languages', async () => {
    const expectations = {
      lt: ['Užsieniečiams', 'Leidimas laikinai gyventi'],
      en: ['For foreigners', 'Temporary residence permit'],
      ru: ['Для иностранцев', 'Разрешение на временное проживание'],
      uk: ['Для іноземців', 'Дозвіл на тимчасове проживання'],
    };
    for (const [lang, texts] of Object.entries(expectations)) {
      const res = await get(`/services?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      for (const t of texts) expect(res.body).toContain(t);
      expect(res.body.match(/href="\/services\/[a-z-]+"/g)?.length).toBeGreaterThanOrEqual(15);
    }
    expect((await get('/services?lang=en')).body).toContain('href="/services"');
  });

  it('show what you need, how much, how long, where to go and the sources', async () => {
    const res = await get('/services/temporary-residence-permit?lang=en');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('Highly qualified work (EU Blue Card)');
    expect(body).toContain('Criminal-record certificate');
    expect(body).toContain('first application only');
    expect(body).toContain('€160.00');
    expect(body).toContain('4 months');
    expect(body).toContain('within 4 months');
    expect(body).toContain(
      'https://www.migracija.lt/en/noriu-gauti-pakeisti-leidima-laikinai-gyventi',
    );
    expect(body).toContain('/applications/new?service=temporary-residence-permit&amp;ground=work');
    expect(body).toContain('To be confirmed');
    const lt = await get('/services/identity-documents?lang=lt');
    expect(lt.body).toContain('Skubos tvarka');
    expect(lt.body).toContain('5 darbo dienos');
  });

  it('show courier delivery and ordering without a visit (unconfirmed) in four languages', async () => {
    const expectations = {
      lt: ['Pristatymas kurjeriu', 'ne pirmasis jūsų dokumentas', 'Užsakymas neatvykus į skyrių'],
      en: ['Delivery by courier', 'not your first document', 'Ordering without a visit'],
      ru: ['Доставка курьером', 'не ваш первый документ', 'Заказ без визита в отделение'],
      uk: ['Доставка кур’єром', 'не ваш перший документ', 'Замовлення без візиту до відділення'],
    };
    const uncertainTag = {
      lt: 'Tikslinama',
      en: 'To be confirmed',
      ru: 'Уточняется',
      uk: 'Уточнюється',
    };
    const courier = app.app.modules.catalogue.ordering.courier('S12', new Date())!;
    for (const [lang, texts] of Object.entries(expectations)) {
      const res = await get(`/services/identity-documents?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      for (const t of texts) expect(res.body, lang).toContain(t);
      expect(res.body, lang).toContain(money(courier.feeCents, lang as 'lt'));
      const remote = res.body.slice(
        res.body.indexOf('id="remote-order"'),
        res.body.indexOf('id="courier"'),
      );
      expect(remote, lang).toContain(uncertainTag[lang as 'lt']);
    }
    // Residence permit cards: a courier chosen after the grant, its conditions to be confirmed.
    const s01 = (await get('/services/temporary-residence-permit?lang=en')).body;
    expect(s01).toContain('Delivery by courier');
    expect(s01).toContain('after the permit is granted');
    expect(s01).not.toContain('not your first document');
    expect(s01).not.toContain('Ordering without a visit');
    // A service without these rules in its pack entry shows neither.
    const visa = (await get('/services/national-visa?lang=en')).body;
    expect(visa).not.toContain('Delivery by courier');
    expect(visa).not.toContain('Ordering without a visit');
  });

  it('every service page renders in every language', async () => {
    for (const s of app.app.modules.catalogue.listServices())
      for (const lang of ['lt', 'en', 'ru', 'uk']) {
        const res = await get(`/services/${s.id}?lang=${lang}`);
        expect(res.statusCode, `${s.id} ${lang}`).toBe(200);
        const escaped = s.name[lang as 'lt'].replace(/&/g, '&amp;').replace(/'/g, '&#39;');
        expect(res.body).toContain(escaped);
      }
  });

  it('an S-number redirects to the page; an unknown id is 404', async () => {
    const s01 = await get('/services/S01');
    expect(s01.statusCode).toBe(302);
    expect(s01.headers.location).toBe('/services/temporary-residence-permit');
    expect((await get('/services/no-such-service')).statusCode).toBe(404);
    expect((await get('/services/%3Cscript%3E')).statusCode).toBe(404);
  });
});

describe('the finder', () => {
  it('asks one question per page and leads to a service with a start link', async () => {
    const browser = new Browser(app);
    const first = await browser.get('/find?lang=en');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Who are you?');
    expect(first.body).toContain('method="get"');
    // Each answer is a GET form submission that redirects to a clean address with the path so far.
    let path = '';
    for (const answer of ['foreigner', 'work', 'regular', 'in-lithuania']) {
      const res = await browser.get(`/find?${path ? `path=${path}&` : ''}step=1&answer=${answer}`);
      expect(res.statusCode).toBe(303);
      path = path ? `${path}.${answer}` : answer;
      expect(res.headers.location).toBe(`/find?path=${path}`);
    }
    const result = await browser.get(`/find?path=${path}`);
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('This service fits you');
    expect(result.body).toContain(
      '/applications/new?service=temporary-residence-permit&amp;ground=work',
    );
    expect(result.body).toContain('href="/services/temporary-residence-permit"');
    expect(result.body).toContain('href="/find?path=foreigner.work.regular"');
  });

  it('without an answer shows the error summary; a bad path is refused', async () => {
    const res = await get('/find?path=foreigner&step=1&lang=en');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#answer"');
    expect((await get('/find?path=foreigner.nonsense')).statusCode).toBe(400);
    expect((await get('/find?path=..%2F')).statusCode).toBe(400);
  });

  it('explains when nothing fits', async () => {
    const res = await get('/find?path=foreigner.short-visit&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No service here fits');
    expect(res.body).toContain('Schengen visa');
  });
});

describe('API', () => {
  it('GET /api/v1/services lists S01–S15 in the language asked for', async () => {
    const res = await get('/api/v1/services?lang=uk');
    expect(res.statusCode).toBe(200);
    const { services } = res.json();
    expect(services).toHaveLength(15);
    expect(services[0]).toMatchObject({
      id: 'temporary-residence-permit',
      code: 'S01',
      audience: 'foreigner',
      name: 'Дозвіл на тимчасове проживання (видача або заміна)',
    });
    expect((await get('/api/v1/services?lang=xx')).statusCode).toBe(400);
  });

  it('GET /api/v1/services/{id} gives documents, fees, terms and the form per ground', async () => {
    const res = await get('/api/v1/services/S12?lang=en');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.id).toBe('identity-documents');
    const passport = s.grounds.find((g: { id: string }) => g.id === 'passport');
    expect(passport.fee.amounts).toEqual(
      expect.arrayContaining([expect.objectContaining({ level: 'same-day', amountCents: 20000 })]),
    );
    expect(passport.fee.exemptions.map((e: { id: string }) => e.id)).toEqual([
      'minor',
      'pensioner',
    ]);
    expect(passport.term.terms[0]).toEqual({
      level: 'general',
      renewal: false,
      amount: 1,
      unit: 'months',
    });
    expect(passport.questions.map((q: { id: string }) => q.id)).toContain('personal-code');
    const tp = (await get('/api/v1/services/temporary-protection?lang=en')).json();
    expect(
      tp.grounds[0].questions.find((q: { id: string }) => q.id === 'arrival-date').showIf,
    ).toEqual({ question: 'has-permit', equals: ['no'] });
    expect(s.sources.length).toBeGreaterThan(0);
  });

  it('gives the fees in force on a date asked for, and refuses a date that does not exist', async () => {
    const fee = async (on: string) =>
      (await get(`/api/v1/services/S12?lang=en&on=${on}`))
        .json()
        .grounds.find((g: { id: string }) => g.id === 'passport')
        .fee.amounts.find((a: { level: string }) => a.level === 'general');
    expect(await fee('2023-07-27')).toMatchObject({ amountCents: 4300, uncertain: true });
    expect(await fee('2023-07-28')).toMatchObject({ amountCents: 5000, uncertain: false });
    const bad = await get('/api/v1/services/S12?on=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('CATALOGUE_DATE_INVALID');
    expect((await get('/api/v1/services/S12?on=yesterday')).statusCode).toBe(400);
  });

  it('its OpenAPI examples are what the app answers', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    const op = doc.paths['/api/v1/services/{id}'].get;
    const params = Object.fromEntries(
      op.parameters.map((p: { name: string; example: string }) => [p.name, p.example]),
    );
    expect(params).toEqual({ id: 'e-resident', lang: 'en', on: '2026-01-15' });
    const res = await get(`/api/v1/services/${params.id}?lang=${params.lang}&on=${params.on}`);
    expect(res.json()).toEqual(op.responses['200'].content['application/json'].example);
    const list = doc.paths['/api/v1/services'].get.responses['200'].content['application/json'];
    expect((await get('/api/v1/services?lang=en')).json()).toEqual(list.example);
  });

  it('an unknown service answers 404 problem+json', async () => {
    const res = await get('/api/v1/services/no-such-service');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('CATALOGUE_SERVICE_UNKNOWN');
  });

  it('is in the OpenAPI document with descriptions and error answers', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    const one = doc.paths['/api/v1/services/{id}'].get;
    expect(one.tags).toEqual(['catalogue']);
    expect(one.description).toMatch(/404/);
    expect(Object.keys(one.responses)).toEqual(expect.arrayContaining(['200', '404']));
    expect(doc.paths['/api/v1/services'].get.summary).toBeTruthy();
  });
});
