import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../src/app/test-app';

/**
 * The published API description is a contract: every operation says what it does, how it fails,
 * and shows an example that works. The examples are replayed against the running app; their
 * shape (keys) must match what comes back, since ids and times differ run to run.
 */
type Operation = {
  description?: string;
  requestBody?: {
    content: Record<
      string,
      { schema?: { examples?: unknown[]; example?: unknown }; example?: unknown }
    >;
  };
  responses: Record<
    string,
    { content?: Record<string, { schema?: { examples?: unknown[] }; example?: unknown }> }
  >;
};

let app: TestApp;
let doc: { paths: Record<string, Record<string, Operation>> };
let apiKey: string;

const exampleOf = (c?: {
  schema?: { examples?: unknown[]; example?: unknown };
  example?: unknown;
}) => c?.example ?? c?.schema?.examples?.[0] ?? c?.schema?.example;
const okExample = (op: Operation) => {
  const ok = Object.entries(op.responses).find(([s]) => s.startsWith('2'))!;
  return exampleOf(ok[1].content?.['application/json']);
};
const requestExample = (op: Operation) => exampleOf(op.requestBody?.content['application/json']);
const keysOf = (v: unknown) => Object.keys(v as object).sort();

beforeAll(async () => {
  app = await startTestApp();
  doc = (await app.app.server.inject('/api/v1/openapi.json')).json();
  apiKey = (
    await app.app.modules.partners.service.create({
      name: 'Contract test provider',
      services: ['temporary-residence-permit'],
      countries: ['UKR'],
    })
  ).apiKey;
});
afterAll(async () => {
  await app?.close();
});

describe('the OpenAPI document', () => {
  it('describes every operation with its error answers and a success example', () => {
    const ops = Object.entries(doc.paths).flatMap(([p, m]) =>
      Object.entries(m).map(([verb, op]) => ({ name: `${verb} ${p}`, op })),
    );
    expect(ops.length).toBeGreaterThan(5);
    for (const { name, op } of ops) {
      expect(op.description, name).toBeTruthy();
      expect(
        Object.keys(op.responses).some((s) => s.startsWith('4')),
        `${name} documents its errors`,
      ).toBe(true);
      expect(okExample(op), `${name} has a response example`).toBeDefined();
      for (const [type, content] of Object.entries(op.requestBody?.content ?? {}))
        expect(exampleOf(content), `${name} has a ${type} request example`).toBeDefined();
    }
  });

  it('its partner examples work against the running app, in order', async () => {
    const headers = (k: string) => ({ authorization: `Bearer ${apiKey}`, 'idempotency-key': k });
    const create = doc.paths['/api/v1/applications']!.post!;
    const created = await app.app.server.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: headers('c1'),
      payload: requestExample(create) as object,
    });
    expect(created.statusCode).toBe(201);
    expect(keysOf(created.json())).toEqual(keysOf(okExample(create)));
    const id = created.json().id as string;

    const read = doc.paths['/api/v1/applications/{id}']!.get!;
    const got = await app.app.server.inject({
      method: 'GET',
      url: `/api/v1/applications/${id}`,
      headers: headers('unused'),
    });
    expect(keysOf(got.json())).toEqual(keysOf(okExample(read)));

    // The documents the example's ground asks for, then the submit example.
    const pdfDoc = await PDFDocument.create();
    pdfDoc.addPage().drawText('scan');
    const pdf = Buffer.from(await pdfDoc.save());
    for (const m of (got.json().missing as string[]).filter((x) => x.startsWith('document:'))) {
      const boundary = '----contract';
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="documentType"\r\n\r\n${m.slice(9)}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const up = await app.app.server.inject({
        method: 'POST',
        url: `/api/v1/applications/${id}/documents`,
        headers: {
          ...headers(`d-${m}`),
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload,
      });
      expect(up.statusCode, m).toBe(201);
      const upload = doc.paths['/api/v1/applications/{id}/documents']!.post!;
      expect(keysOf(up.json())).toEqual(keysOf(okExample(upload)));
      expect(keysOf(exampleOf(upload.requestBody?.content['multipart/form-data']))).toEqual([
        'documentType',
        'file',
      ]);
    }
    const submit = doc.paths['/api/v1/applications/{id}/submit']!.post!;
    const answers = await app.app.server.inject({
      method: 'GET',
      url: `/api/v1/applications/${id}`,
      headers: headers('x'),
    });
    const stillMissing = (answers.json().missing as string[]).filter((m) =>
      m.startsWith('answer:'),
    );
    if (stillMissing.length === 0) {
      const done = await app.app.server.inject({
        method: 'POST',
        url: `/api/v1/applications/${id}/submit`,
        headers: headers('s1'),
        payload: requestExample(submit) as object,
      });
      expect(done.statusCode).toBe(200);
      expect(keysOf(done.json())).toEqual(keysOf(okExample(submit)));
    } else {
      // The example creates a draft with one answer: submitting it names exactly what is missing.
      const refused = await app.app.server.inject({
        method: 'POST',
        url: `/api/v1/applications/${id}/submit`,
        headers: headers('s1'),
        payload: requestExample(submit) as object,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(
        stillMissing.map((m) => `answers.${m.slice(7)}`),
      );
    }
  });

  it('its public examples work', async () => {
    const check = doc.paths['/api/v1/accounts/password-check']!.post!;
    const res = await app.app.server.inject({
      method: 'POST',
      url: '/api/v1/accounts/password-check?lang=en',
      payload: requestExample(check) as object,
    });
    expect(res.json()).toEqual(okExample(check));
    const branches = doc.paths['/api/v1/branches']!.get!;
    const list = await app.app.server.inject('/api/v1/branches?lang=en');
    expect(keysOf(list.json().branches[0])).toEqual(
      keysOf((okExample(branches) as { branches: object[] }).branches[0]),
    );
  });
});
