import { randomUUID } from 'node:crypto';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from '../../app/test-app';

let app: TestApp;
const applicationId = randomUUID();
let credential: string;

beforeAll(async () => {
  app = await startTestApp();
  const permits = app.app.modules.permits;
  const issued = await app.ctx.database.db.transaction().execute((trx) =>
    permits.service.issueForGrant(
      {
        caseId: null,
        applicationId,
        holderAccountId: null,
        serviceId: 'temporary-residence-permit',
        groundId: 'work',
        givenName: 'OLENA',
        familyName: 'KOVALENKO',
        birthdate: '1990-02-03',
        grantedAt: app.ctx.clock.now(),
      },
      trx,
    ),
  );
  const row = await permits.service.repo.find(issued!.permitId);
  credential = row!.credential;
});
afterAll(async () => {
  await app?.close();
});

/** A multipart form post as a browser sends the upload form. */
async function upload(b: Browser, file: Buffer | undefined, name = 'qr.png') {
  const token = await b.csrf('/verify');
  const boundary = '----verify';
  const field = (k: string, v: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  const parts: Buffer[] = [Buffer.from(field('_csrf', token) + field('method', 'upload'))];
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      file,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.app.server.inject({
    method: 'POST',
    url: '/verify',
    headers: {
      cookie: b.cookieHeader,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
}

const statusOf = (html: string) => /data-status="(\w+)"/.exec(html)?.[1];

describe('/verify', () => {
  it('offers camera, upload and paste to anyone, with the scan script from its own origin', async () => {
    const res = await new Browser(app).get('/verify?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="verify-scan"');
    expect(res.body).toMatch(/<section id="verify-scan"[^>]*hidden/);
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toContain('name="credential"');
    const script = /<script src="(\/verify\/assets\/verify-scan\.js\?v=\w+)"/.exec(res.body)![1]!;
    const js = await app.app.server.inject(script);
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toContain('immutable');
    const jsqr = /data-jsqr="([^"]+)"/.exec(res.body)![1]!;
    expect((await app.app.server.inject(jsqr)).body).toContain('jsQR');
    expect((await app.app.server.inject('/verify/assets/..%2Findex.ts')).statusCode).toBe(404);
    expect((await app.app.server.inject('/verify/assets/package.json')).statusCode).toBe(404);
  });

  it('never verifies from the address: a credential in the query goes back to the bare form', async () => {
    const b = new Browser(app);
    const res = await b.get(`/verify?credential=${encodeURIComponent(credential)}&lang=en`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/verify?lang=en');
    expect(res.body).not.toContain(credential.slice(0, 40));
    expect((await b.get(`/verify?credential=x`)).headers.location).toBe('/verify');
  });

  it('shows a pasted credential as valid with its disclosed facts, in the reader language', async () => {
    const b = new Browser(app);
    await b.get('/verify?lang=uk');
    // Line breaks from a wrapped paste do not matter.
    const pasted = credential.replace(/(.{64})/g, '$1\r\n');
    const res = await b.post('/verify', { method: 'paste', credential: pasted });
    expect(res.statusCode).toBe(200);
    expect(statusOf(res.body)).toBe('valid');
    expect(res.body).toContain('Дійсний');
    expect(res.body).toContain('OLENA');
    expect(res.body).toMatch(
      /<img class="vartai-verdict__photo" src="\/credentials\/photos\/[\w-]+"/,
    );
  });

  it('shows only the facts a presentation discloses', async () => {
    const parts = credential.split('~');
    const names = parts
      .slice(1, -1)
      .map((d) => JSON.parse(Buffer.from(d, 'base64url').toString())[1] as string);
    const keep = parts.slice(1, -1).filter((_, i) => names[i] === 'given_name');
    const b = new Browser(app);
    await b.get('/verify?lang=en');
    const res = await b.post('/verify', {
      method: 'paste',
      credential: `${parts[0]}~${keep.join('~')}~`,
    });
    expect(statusOf(res.body)).toBe('valid');
    expect(res.body).toContain('OLENA');
    expect(res.body).not.toContain('KOVALENKO');
    expect(res.body).not.toContain('1990');
    expect(res.body).not.toContain('<img class="vartai-verdict__photo"');
  });

  it('says why a changed credential is invalid and shows none of its facts', async () => {
    const b = new Browser(app);
    await b.get('/verify?lang=en');
    const [h, p, s] = credential.split('~')[0]!.split('.');
    const flipped = `${p!.slice(0, 30)}${p![30] === 'A' ? 'B' : 'A'}${p!.slice(31)}`;
    const tampered = credential.replace(`${h}.${p}.${s}`, `${h}.${flipped}.${s}`);
    const res = await b.post('/verify', { method: 'paste', credential: tampered });
    expect(res.statusCode).toBe(200);
    expect(statusOf(res.body)).toBe('invalid');
    expect(res.body).toContain('data-testid="verify-reason"');
    expect(res.body).not.toContain('OLENA');
  });

  it('reads the QR code of an uploaded PNG or JPEG', async () => {
    const png = await QRCode.toBuffer(credential, { errorCorrectionLevel: 'M', scale: 4 });
    const b = new Browser(app);
    await b.get('/verify?lang=en');
    const res = await upload(b, png);
    expect(res.statusCode).toBe(200);
    expect(statusOf(res.body)).toBe('valid');
    const px = PNG.sync.read(png);
    const jpg = jpeg.encode({ width: px.width, height: px.height, data: px.data }, 95).data;
    expect(statusOf((await upload(b, jpg, 'qr.jpg')).body)).toBe('valid');
  });

  it('asks again, in the reader language, when there is nothing to check', async () => {
    const b = new Browser(app);
    await b.get('/verify?lang=lt');
    const none = await upload(b, undefined);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Pasirinkite QR kodo vaizdą');
    const blank = new PNG({ width: 80, height: 80 });
    blank.data.fill(255);
    const noQr = await upload(b, PNG.sync.write(blank));
    expect(noQr.statusCode).toBe(400);
    expect(noQr.body).toContain('Vaizde nepavyko perskaityti QR kodo');
    expect(noQr.body).toContain('href="#image"');
    const text = await upload(b, Buffer.from('hello'), 'notes.txt');
    expect(text.body).toContain('Failas turi būti PNG arba JPEG vaizdas');
    const empty = await b.post('/verify', { method: 'paste', credential: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#credential"');
    const long = await b.post('/verify', { method: 'paste', credential: 'a'.repeat(20_000) });
    expect(long.statusCode).toBe(400);
    expect(long.body).not.toContain('a'.repeat(100));
  });

  it('refuses a post without the form token', async () => {
    const res = await new Browser(app).postRaw('/verify', { method: 'paste', credential });
    expect(res.statusCode).toBe(403);
  });

  it('shows revoked once the permit is revoked', async () => {
    await app.ctx.database.db
      .transaction()
      .execute((trx) => app.app.modules.permits.service.revokeForApplication(applicationId, trx));
    const b = new Browser(app);
    await b.get('/verify?lang=ru');
    const res = await b.post('/verify', { method: 'paste', credential });
    expect(statusOf(res.body)).toBe('revoked');
    expect(res.body).toContain('Аннулировано');
  });
});

describe('POST /api/v1/credentials/verify', () => {
  const verify = (payload: unknown) =>
    app.app.server.inject({
      method: 'POST',
      url: '/api/v1/credentials/verify',
      payload: payload as object,
    });

  it('answers every verdict with 200 and the result schema', async () => {
    const [h, p, s] = credential.split('~')[0]!.split('.');
    const res = await verify({ credential: `${h}.${p}.${s}x~` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ valid: false, status: 'invalid', claims: {} });
    const garbage = await verify({ credential: 'garbage' });
    expect(garbage.json()).toMatchObject({ valid: false, status: 'invalid', reason: 'malformed' });
    const revoked = await verify({ credential });
    expect(revoked.statusCode).toBe(200);
    expect(Object.keys(revoked.json()).sort()).toEqual([
      'claims',
      'credentialType',
      'expiresAt',
      'issuedAt',
      'issuer',
      'reason',
      'status',
      'valid',
    ]);
  });

  it('answers 400 problem+json for a malformed body only', async () => {
    for (const body of [
      {},
      { credential: 5 },
      { credential: 'x', extra: 1 },
      { credential: 'a'.repeat(16_385) },
    ]) {
      const res = await verify(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.app.server.inject('/api/v1/openapi.json')).json();
    const op = doc.paths['/api/v1/credentials/verify'].post;
    expect(op.requestBody.content['application/json'].schema.properties.credential.maxLength).toBe(
      16_384,
    );
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '429']));
    // What the contract test asks of every operation: a description and working examples.
    expect(op.description).toMatch(/Token Status List/);
    const example = op.requestBody.content['application/json'].example;
    expect(Object.keys(example)).toEqual(['credential']);
    expect((await verify(example)).json()).toMatchObject({ status: 'invalid' });
    const ok = op.responses['200'].content['application/json'].example;
    expect(Object.keys(ok).sort()).toEqual([
      'claims',
      'credentialType',
      'expiresAt',
      'issuedAt',
      'issuer',
      'status',
      'valid',
    ]);
  });
});

describe('/verify/offline', () => {
  it('explains the offline verifier and hands out the file with the keys inside', async () => {
    const page = await new Browser(app).get('/verify/offline?lang=en');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/verify/offline/vartai-verifier.html?lang=en"');
    const res = await app.app.server.inject('/verify/offline/vartai-verifier.html?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="vartai-verifier.html"');
    expect(res.headers['content-security-policy']).toContain("connect-src 'none'");
    const kid = app.app.modules.permits.service.jwks().keys[0]!.kid!;
    expect(res.body).toContain(`"kid":"${kid}"`);
    expect(res.body).toContain('"statusLists":{"1":"ey');
    expect(res.body).toContain('id="verify-button"');
  });
});
