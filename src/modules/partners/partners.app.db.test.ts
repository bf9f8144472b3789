import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../app/test-app';
import { verifyWebhookSignature, WEBHOOK_JOB, type WebhookBody } from './index';

/** A partner's webhook receiver on 127.0.0.1: records each post; answers from a script. */
interface Receiver {
  url: string;
  received: { headers: http.IncomingHttpHeaders; body: string }[];
  answers: number[];
  close(): Promise<void>;
}
async function receiver(answers: number[] = []): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/vartai`,
    received,
    answers,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function until<T>(fn: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

let app: TestApp;
const receivers: Receiver[] = [];
beforeAll(async () => {
  app = await startTestApp({}, { workers: true });
});
afterAll(async () => {
  await app?.close();
  for (const r of receivers) await r.close();
});

const partners = () => app.app.modules.partners;

describe('partner webhooks', () => {
  it('posts the event signed with the partner secret, once, through the job queue', async () => {
    const rx = await receiver();
    receivers.push(rx);
    const { partner, webhookSecret } = await partners().service.create({
      name: 'Signed',
      webhookUrl: rx.url,
    });
    const eventId = await app.ctx.database.db.transaction().execute((trx) =>
      partners().notifyPartner(
        partner.id,
        {
          type: 'application.status-changed',
          data: { applicationId: 'a1', status: 'submitted' },
        },
        trx,
      ),
    );
    expect(eventId).toBeTruthy();
    await until(async () => rx.received.length > 0);
    const [post] = rx.received;
    const body = JSON.parse(post!.body) as WebhookBody;
    expect(body).toMatchObject({
      id: eventId,
      type: 'application.status-changed',
      data: { applicationId: 'a1', status: 'submitted' },
    });
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    const signature = String(post!.headers['vartai-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhookSignature(webhookSecret!, post!.body, signature, now)).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', post!.body, signature, now)).toBe(false);
    expect(verifyWebhookSignature(webhookSecret!, `${post!.body} `, signature, now)).toBe(false);

    const d = await until(async () => {
      const row = await partners().findDelivery(eventId!);
      return row?.delivered_at ? row : undefined;
    });
    expect(d.attempts).toBe(1);
    expect(d.last_status).toBe(200);
    // Delivered: a later attempt (a duplicate job, the sweep) sends nothing.
    expect(await partners().deliverWebhook(d.id)).toBe('not-due');
    await partners().sweep();
    await new Promise((r) => setTimeout(r, 1500));
    expect(rx.received).toHaveLength(1);
  });

  it('retries after a 500 with back-off, then delivers, and never again after success', async () => {
    const rx = await receiver([500]);
    receivers.push(rx);
    const { partner } = await partners().service.create({ name: 'Flaky', webhookUrl: rx.url });
    const eventId = (await partners().notifyPartner(partner.id, {
      type: 'application.status-changed',
      data: { applicationId: 'a2', status: 'decided' },
    }))!;
    const failed = await until(async () => {
      const row = await partners().findDelivery(eventId);
      return row && row.attempts === 1 ? row : undefined;
    });
    expect(failed.last_status).toBe(500);
    expect(failed.delivered_at).toBeNull();
    const waitMs = failed.next_attempt_at!.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(20_000); // 30 s after the first failure
    expect(await app.ctx.jobs.count(WEBHOOK_JOB)).toBeGreaterThanOrEqual(1); // the retry waits
    // Not due yet: nothing happens.
    expect(await partners().deliverWebhook(failed.id)).toBe('not-due');
    // Move the due time to now, as if the back-off had passed.
    await app.ctx.database.executeSql(
      "update webhook_deliveries set next_attempt_at = now() - interval '1 second' where id = $1",
      [failed.id],
    );
    expect(await partners().deliverWebhook(failed.id)).toBe('delivered');
    expect(await partners().deliverWebhook(failed.id)).toBe('not-due');
    expect(rx.received).toHaveLength(2);
    const ids = rx.received.map((r) => (JSON.parse(r.body) as WebhookBody).id);
    expect(ids).toEqual([eventId, eventId]);
    const done = (await partners().findDelivery(eventId))!;
    expect(done).toMatchObject({ attempts: 2, last_status: 200, last_error: null });
    expect(done.next_attempt_at).toBeNull();
  });

  it('queues nothing for a revoked partner or one without a webhook', async () => {
    const rx = await receiver();
    receivers.push(rx);
    const noHook = await partners().service.create({ name: 'No hook' });
    const event = { type: 'application.status-changed', data: {} };
    expect(await partners().notifyPartner(noHook.partner.id, event)).toBeNull();
    const revoked = await partners().service.create({ name: 'Gone', webhookUrl: rx.url });
    await partners().service.revoke(revoked.partner.id);
    expect(await partners().notifyPartner(revoked.partner.id, event)).toBeNull();
  });

  it('gives up on an address that resolves to a refused range, recording why', async () => {
    const { partner } = await partners().service.create({
      name: 'Rebinding',
      webhookUrl: 'http://localhost:9/hook',
    });
    const eventId = (await partners().notifyPartner(partner.id, {
      type: 'application.status-changed',
      data: {},
    }))!;
    // Point the stored address at a metadata address after registration (as DNS rebinding would).
    await app.ctx.database.executeSql(
      `update partners set webhook_url = 'http://169.254.169.254/latest/meta-data' where id = $1`,
      [partner.id],
    );
    const row = await until(async () => {
      const r = await partners().findDelivery(eventId);
      return r && r.attempts >= 1 ? r : undefined;
    });
    expect(row.last_error).toMatch(/^gave up: refused/);
    expect(row.delivered_at).toBeNull();
    expect(row.next_attempt_at).toBeNull();
  });
});

describe('the partners sweep', () => {
  it('removes idempotency keys older than 24 hours', async () => {
    const { partner } = await partners().service.create({ name: 'Sweep' });
    await app.ctx.database.executeSql(
      `insert into idempotency_keys (partner_id, key, method, path, request_hash, state, created_at)
       values ($1, 'old', 'POST', '/x', 'h', 'completed', now() - interval '25 hours'),
              ($1, 'new', 'POST', '/x', 'h', 'completed', now())`,
      [partner.id],
    );
    const r = await partners().sweep();
    expect(r.keys).toBeGreaterThanOrEqual(1);
    const { rows } = await app.ctx.database.executeSql(
      'select key from idempotency_keys where partner_id = $1',
      [partner.id],
    );
    expect(rows).toEqual([{ key: 'new' }]);
  });
});

describe('in the real app', () => {
  it('resolves API keys on /api/ only, and refuses bad ones there', async () => {
    const { apiKey } = await partners().service.create({ name: 'Wiring' });
    const get = (url: string, headers: Record<string, string>) =>
      app.app.server.inject({ url, headers });
    expect((await get('/api/v1/branches', { authorization: `Bearer ${apiKey}` })).statusCode).toBe(
      200,
    );
    const bad = await get('/api/v1/branches', { authorization: 'Bearer vrt_nope' });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json()).toMatchObject({ code: 'PARTNER_KEY_INVALID', status: 401 });
    // Other schemes are not partner keys; pages never take a key.
    expect((await get('/api/v1/branches', { authorization: 'Basic YTpi' })).statusCode).toBe(200);
    const page = await get('/account', { authorization: `Bearer ${apiKey}` });
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toMatch(/^\/sign-in/);
  });

  it('keeps every partner route under /api/v1/, where keys are read', () => {
    for (const r of app.app.routes.filter((x) => x.access.who === 'partner'))
      expect(r.url, `${r.method} ${r.url}`).toMatch(/^\/api\/v1\//);
  });
});
