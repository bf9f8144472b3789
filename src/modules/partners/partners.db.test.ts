import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { registerErrorHandlers } from '../../app/error-handler';
import { randomIds, systemClock } from '../../platform/clock';
import { loadConfig } from '../../platform/config';
import { AppError } from '../../platform/errors';
import { openDatabase, type Database } from '../../platform/db';
import { accessPlugin, databaseRateLimitStore, type Principal } from '../../platform/http';
import { createJobQueue, type JobQueue } from '../../platform/jobs';
import { createLogger } from '../../platform/log';
import { createTestDatabase, type TestDatabase } from '../../platform/testing';
import { createAuditModule } from '../audit';
import { createPartnersModule, PARTNER_ACCESS, requirePartner, type PartnersModule } from './index';
import { createPartnersRepository } from './partners.repository';
import { createPartnersService, KEY_CACHE_MS } from './partners.service';

/**
 * The partner plugins on a test-only Fastify instance (no partner route exists in production
 * code yet): the same plugin order as build-app — access table, a session principal, partner
 * authentication, idempotency, the rate limiter, the central error handler.
 */
interface Harness {
  server: FastifyInstance;
  module: PartnersModule;
  jobs: JobQueue;
  executions: { count: number };
  gate: { wait: Promise<void> | null };
}

async function buildServer(
  database: Database,
  executions = { count: 0 },
  partnerLimit = '1000',
): Promise<Harness> {
  const config = loadConfig({ LOG_LEVEL: 'silent', PARTNER_RATE_LIMIT_PER_MINUTE: partnerLimit });
  const jobs = createJobQueue(database, createLogger('silent'));
  const audit = createAuditModule({ db: database.db, clock: systemClock });
  const module = createPartnersModule({
    config,
    database,
    clock: systemClock,
    ids: randomIds,
    jobs,
    audit,
  });
  await jobs.start({ work: false });
  const gate: Harness['gate'] = { wait: null };
  const server = Fastify({ logger: false });
  server.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_r, b, done) =>
    done(null, b),
  );
  await server.register(accessPlugin, { table: [] });
  server.decorateRequest('principal', null as never);
  // Stands in for the session: a cookie that would make the caller an applicant elsewhere.
  server.addHook('onRequest', async (req) => {
    req.principal = (
      req.headers.cookie === 'session=applicant'
        ? { kind: 'applicant', accountId: 'a', email: 'a@x', displayName: 'A' }
        : { kind: 'anonymous' }
    ) satisfies Principal;
  });
  await server.register(module.plugin);
  await server.register(rateLimit, {
    global: true,
    max: module.rateLimitMax,
    keyGenerator: module.rateLimitKey,
    timeWindow: 60_000,
    hook: 'onRequest',
    store: databaseRateLimitStore(database.db) as never,
  });
  registerErrorHandlers(server, { isApi: (u) => u.startsWith('/api/') });
  server.get('/api/v1/test/whoami', { config: { access: PARTNER_ACCESS } }, async (req) => {
    const p = requirePartner(req);
    return { partnerId: p.partnerId, name: p.name, services: p.services };
  });
  server.get('/api/v1/test/public', { config: { access: { who: 'public' } } }, async (req) => ({
    kind: req.principal.kind,
  }));
  server.get('/api/v1/test/applicant', { config: { access: { who: 'applicant' } } }, async () => ({
    ok: true,
  }));
  server.post('/api/v1/test/things', { config: { access: PARTNER_ACCESS } }, async (req, reply) => {
    executions.count++;
    const body = req.body as { fail?: boolean; reject?: boolean; name?: string };
    if (gate.wait) await gate.wait;
    if (body.fail) throw new Error('boom');
    if (body.reject) throw new AppError('THING_REJECTED', 'validation', 'Rejected');
    const id = randomIds.uuid();
    return reply
      .code(201)
      .header('location', `/api/v1/test/things/${id}`)
      .send({ id, name: body.name, n: executions.count });
  });
  server.post('/api/v1/test/upload', { config: { access: PARTNER_ACCESS } }, async (req) => ({
    bytes: (req.body as Buffer).length,
    n: ++executions.count,
  }));
  await server.ready();
  return { server, module, jobs, executions, gate };
}

let db: TestDatabase;
let second: Database | null = null;
let a: Harness;
let b: Harness;
let key: string;
let otherKey: string;
let partnerId: string;

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  const executions = { count: 0 };
  a = await buildServer(db, executions);
  // A second app instance on the same database: its own pool on PostgreSQL.
  second = db.url ? await openDatabase({ url: db.url, poolMax: 3 }) : null;
  b = await buildServer(second ?? db, executions);
  const created = await a.module.service.create({
    name: 'Visa Centre Minsk',
    services: ['temporary-residence-permit'],
    countries: ['BLR'],
  });
  key = created.apiKey;
  partnerId = created.partner.id;
  otherKey = (await a.module.service.create({ name: 'Other partner' })).apiKey;
});
afterAll(async () => {
  for (const h of [a, b]) {
    await h?.server.close();
    await h?.jobs.stop();
  }
  await second?.close();
  await db?.close();
});

const auth = (k = key) => ({ authorization: `Bearer ${k}` });
let n = 0;
const post = (
  h: Harness,
  body: object,
  headers: Record<string, string> = {},
  url = '/api/v1/test/things',
) =>
  h.server.inject({
    method: 'POST',
    url,
    headers: { ...auth(), ...headers },
    payload: body as Record<string, unknown>,
  });

describe('partner authentication', () => {
  it('accepts a valid key in Authorization: Bearer or X-Api-Key', async () => {
    const r1 = await a.server.inject({ url: '/api/v1/test/whoami', headers: auth() });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toEqual({
      partnerId,
      name: 'Visa Centre Minsk',
      services: ['temporary-residence-permit'],
    });
    const r2 = await a.server.inject({ url: '/api/v1/test/whoami', headers: { 'x-api-key': key } });
    expect(r2.statusCode).toBe(200);
  });

  it('refuses a wrong or malformed key with 401 PARTNER_KEY_INVALID as problem+json', async () => {
    const wrong = `${key.slice(0, 12)}${key.slice(12).split('').reverse().join('')}`;
    for (const k of [wrong, 'vrt_short', 'not-a-key', `${key}x`]) {
      const r = await a.server.inject({ url: '/api/v1/test/whoami', headers: auth(k) });
      expect(r.statusCode, k).toBe(401);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json().code).toBe('PARTNER_KEY_INVALID');
    }
    // A presented bad key is refused on public API routes too, rather than silently ignored.
    const pub = await a.server.inject({ url: '/api/v1/test/public', headers: auth('vrt_x') });
    expect(pub.json().code).toBe('PARTNER_KEY_INVALID');
  });

  it('answers 401 AUTH_REQUIRED without a key, and ignores session cookies on the API', async () => {
    const r = await a.server.inject({ url: '/api/v1/test/whoami' });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('AUTH_REQUIRED');
    const withCookie = await a.server.inject({
      url: '/api/v1/test/applicant',
      headers: { cookie: 'session=applicant' },
    });
    expect(withCookie.statusCode).toBe(401);
    const pub = await a.server.inject({
      url: '/api/v1/test/public',
      headers: { cookie: 'session=applicant' },
    });
    expect(pub.json()).toEqual({ kind: 'anonymous' });
  });

  it('never lets a partner onto applicant routes', async () => {
    const r = await a.server.inject({ url: '/api/v1/test/applicant', headers: auth() });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('FORBIDDEN');
  });

  it('refuses a revoked key at once', async () => {
    const c = await a.module.service.create({ name: 'Short-lived' });
    expect(
      (await a.server.inject({ url: '/api/v1/test/whoami', headers: auth(c.apiKey) })).statusCode,
    ).toBe(200);
    await a.module.service.revoke(c.partner.id);
    const r = await a.server.inject({ url: '/api/v1/test/whoami', headers: auth(c.apiKey) });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('PARTNER_KEY_INVALID');
  });

  it('trusts a key lookup for at most KEY_CACHE_MS on a node that did not revoke it', async () => {
    let t = 0;
    const nodeOf = () =>
      createPartnersService({
        repo: createPartnersRepository(db.db),
        clock: systemClock,
        ids: randomIds,
        jobs: a.jobs,
        audit: createAuditModule({ db: db.db, clock: systemClock }),
        monotonicMs: () => t,
      });
    const [here, elsewhere] = [nodeOf(), nodeOf()];
    const c = await here.create({ name: 'Cached' });
    expect(await here.authenticate(c.apiKey)).toMatchObject({ partnerId: c.partner.id });
    await elsewhere.revoke(c.partner.id);
    t = KEY_CACHE_MS - 1;
    expect(await here.authenticate(c.apiKey)).not.toBeNull();
    t = KEY_CACHE_MS + 1;
    expect(await here.authenticate(c.apiKey)).toBeNull();
  });

  it('rate-limits per partner key, not per address', async () => {
    const limited = await buildServer(db, { count: 0 }, '5');
    try {
      const c = await a.module.service.create({ name: 'Busy partner' });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await limited.server.inject({
          url: '/api/v1/test/whoami',
          headers: auth(c.apiKey),
        });
        statuses.push(r.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      // Same address, another partner: its own bucket.
      const other = await limited.server.inject({
        url: '/api/v1/test/whoami',
        headers: auth(otherKey),
      });
      expect(other.statusCode).toBe(200);
    } finally {
      await limited.server.close();
      await limited.jobs.stop();
    }
  });
});

describe('idempotency of partner POSTs', () => {
  it('requires the Idempotency-Key header (400) and checks its form', async () => {
    const r = await post(a, { name: 'x' });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    for (const bad of ['a'.repeat(256), 'has space', 'ключ']) {
      const r2 = await post(a, { name: 'x' }, { 'idempotency-key': bad });
      expect(r2.statusCode, bad).toBe(400);
      expect(r2.json().code).toBe('IDEMPOTENCY_KEY_INVALID');
    }
  });

  it('replays the first response exactly on a repeat, without running the handler again', async () => {
    const k = `k-${++n}`;
    const before = a.executions.count;
    const first = await post(a, { name: 'Ona', extra: { b: 1, a: 2 } }, { 'idempotency-key': k });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same body with keys in another order is the same request; the other instance answers.
    const again = await post(b, { extra: { a: 2, b: 1 }, name: 'Ona' }, { 'idempotency-key': k });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(a.executions.count).toBe(before + 1);
  });

  it('refuses the same key for a different body or path with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const k = `k-${++n}`;
    expect((await post(a, { name: 'Jonas' }, { 'idempotency-key': k })).statusCode).toBe(201);
    const r = await post(a, { name: 'Petras' }, { 'idempotency-key': k });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const other = await post(a, { name: 'Jonas' }, { 'idempotency-key': k }, '/api/v1/test/upload');
    expect(other.statusCode).toBe(422);
  });

  it('scopes keys per partner', async () => {
    const k = `k-${++n}`;
    const mine = await post(a, { name: 'A' }, { 'idempotency-key': k });
    const theirs = await post(a, { name: 'A' }, { 'idempotency-key': k, ...auth(otherKey) });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.json().id);
  });

  it('answers 409 IDEMPOTENCY_REQUEST_IN_PROGRESS while the first request runs', async () => {
    const k = `k-${++n}`;
    let open!: () => void;
    a.gate.wait = new Promise((r) => (open = r));
    const first = post(a, { name: 'Slow' }, { 'idempotency-key': k });
    // Wait until the first request holds the claim.
    for (let i = 0; i < 200 && !(await keyState(k)); i++) await sleep(10);
    const second = await post(b, { name: 'Slow' }, { 'idempotency-key': k });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
    open();
    a.gate.wait = null;
    const done = await first;
    expect(done.statusCode).toBe(201);
    const third = await post(b, { name: 'Slow' }, { 'idempotency-key': k });
    expect(third.body).toBe(done.body);
  });

  it('runs the handler once when two instances race with one key', async () => {
    for (let round = 0; round < 5; round++) {
      const k = `race-${round}-${++n}`;
      const before = a.executions.count;
      const [r1, r2] = await Promise.all([
        post(a, { name: 'Race' }, { 'idempotency-key': k }),
        post(b, { name: 'Race' }, { 'idempotency-key': k }),
      ]);
      expect(a.executions.count - before).toBe(1);
      const statuses = [r1.statusCode, r2.statusCode].sort();
      // The loser either saw the claim (409) or, if the winner had finished, its replay (201).
      expect([
        [201, 409],
        [201, 201],
      ]).toContainEqual(statuses);
      if (statuses[1] === 201) expect(r1.body).toBe(r2.body);
    }
  });

  it('releases the key after a 5xx so a retry runs', async () => {
    const k = `k-${++n}`;
    const failed = await post(a, { name: 'Err', fail: true }, { 'idempotency-key': k });
    expect(failed.statusCode).toBe(500);
    expect(await keyState(k)).toBeUndefined();
    const before = a.executions.count;
    const retry = await post(a, { name: 'Err', fail: true }, { 'idempotency-key': k });
    expect(retry.statusCode).toBe(500);
    expect(a.executions.count).toBe(before + 1);
  });

  it('stores 4xx answers of the handler and replays them too', async () => {
    const k = `k-${++n}`;
    const before = a.executions.count;
    const r1 = await post(a, { reject: true }, { 'idempotency-key': k });
    expect(r1.statusCode).toBe(400);
    expect(await keyState(k)).toBe('completed');
    const r2 = await post(a, { reject: true }, { 'idempotency-key': k });
    expect(r2.statusCode).toBe(400);
    expect(r2.body).toBe(r1.body);
    expect(r2.headers['idempotent-replayed']).toBe('true');
    expect(a.executions.count).toBe(before + 1);
  });

  it('hashes raw bytes of binary bodies', async () => {
    const k = `k-${++n}`;
    const send = (bytes: Buffer) =>
      a.server.inject({
        method: 'POST',
        url: '/api/v1/test/upload',
        headers: { ...auth(), 'content-type': 'application/octet-stream', 'idempotency-key': k },
        payload: bytes,
      });
    const first = await send(Buffer.from([1, 2, 3, 4]));
    expect(first.statusCode).toBe(200);
    const same = await send(Buffer.from([1, 2, 3, 4]));
    expect(same.headers['idempotent-replayed']).toBe('true');
    expect(same.body).toBe(first.body);
    expect((await send(Buffer.from([1, 2, 3, 5]))).statusCode).toBe(422);
  });

  it('forgets keys after 24 hours (the sweep job and the claim both honour expiry)', async () => {
    const k = `k-${++n}`;
    expect((await post(a, { name: 'Old' }, { 'idempotency-key': k })).statusCode).toBe(201);
    await db.executeSql(
      `update idempotency_keys set created_at = now() - interval '25 hours' where key = $1`,
      [k],
    );
    const fresh = await post(a, { name: 'Other body now' }, { 'idempotency-key': k });
    expect(fresh.statusCode).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('partner:create and partner:revoke commands', () => {
  it('prints a key once that authenticates, and revoking it stops it', async () => {
    const lines: string[] = [];
    const code = await a.module.cli.create(
      [
        '--name',
        'HR system',
        '--service',
        'S01',
        '--country',
        'ltu',
        '--webhook',
        'https://hr.example/hook',
      ],
      (l) => lines.push(l),
    );
    expect(code).toBe(0);
    const printed = lines.join('\n');
    const k = /API key[^:]*: (vrt_[A-Za-z0-9_-]{43})$/m.exec(printed)?.[1];
    expect(k).toBeDefined();
    expect(printed).toMatch(/Webhook signing secret \(shown once\): whsec_/);
    const who = await a.server.inject({ url: '/api/v1/test/whoami', headers: auth(k) });
    expect(who.statusCode).toBe(200);
    const id = who.json().partnerId as string;
    // Only the hash is stored.
    const { rows } = await db.executeSql('select * from partners where id = $1', [id]);
    expect(JSON.stringify(rows)).not.toContain(k!);
    expect((rows[0] as { countries: string[] }).countries).toEqual(['LTU']);
    expect(await a.module.cli.revoke(['--id', id], () => {})).toBe(0);
    expect(
      (await a.server.inject({ url: '/api/v1/test/whoami', headers: auth(k) })).statusCode,
    ).toBe(401);
  });

  it('refuses a webhook on a link-local or metadata address, and bad input', async () => {
    const out: string[] = [];
    for (const url of ['http://169.254.169.254/latest', 'ftp://x.example/', 'http://[fe80::1]/']) {
      expect(await a.module.cli.create(['--name', 'X', '--webhook', url], (l) => out.push(l))).toBe(
        2,
      );
    }
    expect(await a.module.cli.create(['--name', 'X', '--country', 'LT'], (l) => out.push(l))).toBe(
      2,
    );
    expect(out.join('\n')).toMatch(/link-local/);
    expect(await a.module.cli.create([], (l) => out.push(l))).toBe(2);
  });
});

async function keyState(k: string): Promise<string | undefined> {
  const { rows } = await db.executeSql('select state from idempotency_keys where key = $1', [k]);
  return (rows[0] as { state: string } | undefined)?.state;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
