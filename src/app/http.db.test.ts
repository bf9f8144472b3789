import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from './test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('operational endpoints', () => {
  it('GET /healthz reports status, engine and the applied migration head', async () => {
    const res = await app.app.server.inject('/healthz');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.database).toBe(app.ctx.database.engine);
    expect(body.migrations).toMatch(/^\d{4}_.+\.sql$/);
  });

  it('GET /metrics answers in Prometheus text format', async () => {
    await app.app.server.inject('/healthz');
    const res = await app.app.server.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('vartai_http_requests_total');
    expect(res.body).toContain('route="/healthz"');
  });

  it('publishes an OpenAPI 3.1 document of the public API and a reference page', async () => {
    const doc = (await app.app.server.inject('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/branches');
    expect(Object.keys(doc.paths).every((p: string) => p.startsWith('/api/v1/'))).toBe(true);
    const page = await app.app.server.inject('/api/docs?lang=en');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/api/v1/accounts/password-check');
  });
});

describe('API input', () => {
  it('refuses unknown fields with problem+json naming the field', async () => {
    const res = await app.app.server.inject({
      method: 'POST',
      url: '/api/v1/accounts/password-check',
      payload: { password: 'x', colour: 'blue' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json();
    expect(p.code).toBe('REQUEST_INVALID');
    expect(p.errors).toContainEqual(expect.objectContaining({ field: 'colour' }));
  });

  it('answers the password check in the asked language', async () => {
    const res = await app.app.server.inject({
      method: 'POST',
      url: '/api/v1/accounts/password-check?lang=en',
      payload: { password: 'password1234' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ acceptable: false, problems: [{ code: 'common' }] });
  });

  it('unknown API routes are problem+json 404', async () => {
    const res = await app.app.server.inject('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});

describe('security headers and cookies', () => {
  it('sends a CSP without inline scripts, no framing, nosniff; no HSTS over plain HTTP', async () => {
    const res = await app.app.server.inject('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('session cookie is HttpOnly and SameSite=Lax', async () => {
    const res = await app.app.server.inject('/sign-in');
    const cookie = res.cookies.find((c) => c.name === 'vartai_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('refuses a form post without a CSRF token', async () => {
    const b = new Browser(app);
    await b.get('/sign-in');
    const res = await b.postRaw('/sign-in', { email: 'a@b.lt', password: 'x' });
    expect(res.statusCode).toBe(403);
    const wrong = await b.postRaw('/sign-in', { _csrf: 'forged', email: 'a@b.lt', password: 'x' });
    expect(wrong.statusCode).toBe(403);
  });
});

describe('behind HTTPS', () => {
  let secure: TestApp;
  beforeAll(async () => {
    secure = await startTestApp({ PUBLIC_URL: 'https://vartai.example.lt' });
  });
  afterAll(async () => {
    await secure?.close();
  });
  it('uses a __Host- Secure session cookie and HSTS', async () => {
    const res = await secure.app.server.inject('/sign-in');
    const cookie = res.cookies.find((c) => c.name === '__Host-vartai_session');
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, path: '/' });
    expect(cookie?.domain).toBeUndefined();
    expect(res.headers['strict-transport-security']).toContain('max-age=');
  });
});

describe('pages in the user language', () => {
  it('defaults to Lithuanian, switches with ?lang= and remembers it in a cookie', async () => {
    const b = new Browser(app);
    expect((await b.get('/')).body).toContain('<html lang="lt"');
    const en = await b.get('/?lang=en');
    expect(en.body).toContain('<html lang="en"');
    expect((await b.get('/privacy')).body).toContain('<html lang="en"');
    expect((await b.get('/?lang=uk')).body).toContain('<html lang="uk"');
  });

  it('shows a 404 page in the chosen language', async () => {
    const res = await app.app.server.inject('/no/such/page?lang=en');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page not found');
  });
});

describe('rate limits', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ RATE_LIMIT_FORMS_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await limited?.close();
  });
  it('refuses the sign-in form past its per-client limit with 429', async () => {
    const b = new Browser(limited);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push(
        (await b.post('/sign-in', { email: `x${i}@example.lt`, password: 'whatever-password' }))
          .statusCode,
      );
    expect(codes.slice(0, 3)).toEqual([400, 400, 400]);
    expect(codes[3]).toBe(429);
  });
});

describe('docs/openapi.json', () => {
  it('matches the API the server publishes (run `npm run cli -- openapi:write` after API changes)', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { publishedOpenApi } = await import('./openapi');
    const committed = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'),
    );
    const served = (await app.app.server.inject('/api/v1/openapi.json')).json();
    expect(publishedOpenApi(served)).toEqual(committed);
  });
});
