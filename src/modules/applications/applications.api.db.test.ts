import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../app/test-app';
import { SAMPLE_RENEWAL } from './test-data';

/**
 * The partner API end to end on the real app: create, upload, submit, status; idempotency on
 * every POST; another partner's ids answer 404; upload refusals name the reason.
 */
let app: TestApp;
let keyA: string;
let keyB: string;

const { service: SERVICE, answers: ANSWERS } = SAMPLE_RENEWAL;

async function pdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText('Vartai test document');
  return Buffer.from(await doc.save());
}

function multipart(
  fields: Record<string, string>,
  file: { name: string; bytes: Buffer; type: string },
) {
  const boundary = `----vartai${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
  );
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

let counter = 0;
const key = () => `test-${Date.now()}-${counter++}`;

async function call(
  method: 'GET' | 'POST',
  url: string,
  apiKey: string,
  body?: unknown,
  idem: string | null = key(),
) {
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (idem && method === 'POST') headers['idempotency-key'] = idem;
  return app.app.server.inject({
    method,
    url,
    headers,
    ...(body !== undefined ? { payload: body as object } : {}),
  });
}

async function upload(
  id: string,
  documentType: string,
  bytes: Buffer,
  name = 'scan.pdf',
  apiKey = keyA,
) {
  const m = multipart({ documentType }, { name, bytes, type: 'application/pdf' });
  return app.app.server.inject({
    method: 'POST',
    url: `/api/v1/applications/${id}/documents`,
    headers: {
      authorization: `Bearer ${apiKey}`,
      'idempotency-key': key(),
      'content-type': m.contentType,
    },
    payload: m.payload,
  });
}

beforeAll(async () => {
  app = await startTestApp();
  const partners = app.app.modules.partners.service;
  keyA = (
    await partners.create({
      name: 'VFS Kyiv',
      services: [SERVICE],
      countries: ['UKR'],
      webhookUrl: 'http://127.0.0.1:9/vartai-events',
    })
  ).apiKey;
  keyB = (
    await partners.create({ name: 'Other provider', services: [SERVICE], countries: ['IND'] })
  ).apiKey;
});
afterAll(async () => {
  await app?.close();
});

describe('partner intake', () => {
  let id = '';

  it('creates, uploads the required documents, submits once and shows the timeline', async () => {
    const created = await call('POST', '/api/v1/applications', keyA, {
      service: SERVICE,
      ground: 'lithuanian-descent',
      answers: ANSWERS,
    });
    expect(created.statusCode).toBe(201);
    id = created.json().id;
    const docs = (created.json().missing as string[])
      .filter((m) => m.startsWith('document:'))
      .map((m) => m.slice(9));
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect((await upload(id, doc, await pdf())).statusCode).toBe(201);
    const submitKey = key();
    const submitted = await call(
      'POST',
      `/api/v1/applications/${id}/submit`,
      keyA,
      { feeReceipt: 'VFS-KBP-0001' },
      submitKey,
    );
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().reference).toMatch(/^VRT-\d{4}-\d{7}-\d$/);
    const replay = await call(
      'POST',
      `/api/v1/applications/${id}/submit`,
      keyA,
      { feeReceipt: 'VFS-KBP-0001' },
      submitKey,
    );
    expect(replay.json().reference).toBe(submitted.json().reference);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const { rows } = await app.ctx.database.executeSql(
      "select count(*)::int as n from webhook_deliveries where event_type = 'application.submitted'",
    );
    expect((rows[0] as { n: number }).n).toBe(1);
    // The submission opened exactly one case (cases module), with its first action.
    const opened = await app.ctx.database.executeSql(
      'select c.status, count(a.seq)::int as actions from cases c join case_actions a on a.case_id = c.id where c.application_id = $1 group by c.id, c.status',
      [id],
    );
    expect(opened.rows).toEqual([{ status: 'submitted', actions: 1 }]);
    const status = await call('GET', `/api/v1/applications/${id}`, keyA);
    expect(status.json().state).toBe('submitted');
    expect(status.json().timeline.map((e: { action: string }) => e.action)).toContain('submitted');
  });

  it('answers another partner with 404 for the same id', async () => {
    expect((await call('GET', `/api/v1/applications/${id}`, keyB)).statusCode).toBe(404);
    expect((await upload(id, 'travel-document', await pdf(), 'x.pdf', keyB)).statusCode).toBe(404);
  });

  it('needs an idempotency key, refuses its reuse for another body', async () => {
    expect(
      (await call('POST', '/api/v1/applications', keyA, { service: SERVICE, ground: 'work' }, null))
        .statusCode,
    ).toBe(400);
    const k = key();
    expect(
      (await call('POST', '/api/v1/applications', keyA, { service: SERVICE, ground: 'work' }, k))
        .statusCode,
    ).toBe(201);
    const reused = await call(
      'POST',
      '/api/v1/applications',
      keyA,
      { service: SERVICE, ground: 'studies' },
      k,
    );
    expect(reused.statusCode).toBe(422);
  });

  it('refuses bad answers naming the question, and an incomplete submission naming what is missing', async () => {
    const bad = await call('POST', '/api/v1/applications', keyA, {
      service: SERVICE,
      ground: 'work',
      answers: { 'date-of-birth': '1990-02-31' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toContainEqual(
      expect.objectContaining({ field: 'answers.date-of-birth' }),
    );
    const draft = await call('POST', '/api/v1/applications', keyA, {
      service: SERVICE,
      ground: 'work',
    });
    const incomplete = await call(
      'POST',
      `/api/v1/applications/${draft.json().id}/submit`,
      keyA,
      {},
    );
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().code).toBe('APPLICATION_INCOMPLETE');
  });

  it('refuses uploads by their bytes: an .exe named .pdf, a PDF with JavaScript', async () => {
    const draft = await call('POST', '/api/v1/applications', keyA, {
      service: SERVICE,
      ground: 'lithuanian-descent',
      answers: ANSWERS,
    });
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
    const r1 = await upload(draft.json().id, 'travel-document', exe, 'passport.pdf');
    expect(r1.statusCode).toBe(422);
    const js = await PDFDocument.create();
    js.addPage();
    js.addJavaScript('hello', 'app.alert("hi")');
    const r2 = await upload(
      draft.json().id,
      'travel-document',
      Buffer.from(await js.save()),
      'passport.pdf',
    );
    expect(r2.statusCode).toBe(422);
    expect(r2.json().errors[0].message).toBe('pdf-active-content');
  });

  it('refuses a service the partner may not file', async () => {
    const res = await call('POST', '/api/v1/applications', keyA, {
      service: 'national-visa',
      ground: 'work',
    });
    expect(res.statusCode).toBe(403);
  });
});
