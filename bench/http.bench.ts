import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/app/build-app';
import { createContext } from '../src/app/context';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../src/modules/accounts';
import { checkMetrics, progress, ratio, type Metrics } from './bench';
import type { Benchmark } from './bench';
import { benchConfig } from './app-config';
import { openBenchDatabase } from './database';

const CONNECTIONS = 10;

/** Listens on a free loopback port and returns the base URL. */
export async function listen(server: FastifyInstance): Promise<string> {
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Load from a worker thread (the server keeps the main thread to itself), after a warm-up run
 * whose figures are dropped. Any non-2xx answer or socket error fails the benchmark: a fast
 * stream of 401s or 429s would measure the wrong thing.
 */
async function load(
  label: string,
  url: string,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<Metrics> {
  const opts = { url, connections: CONNECTIONS, headers, workers: 1 };
  progress(`${label}: warm-up`);
  await autocannon({ ...opts, duration: Math.max(1, Math.round(seconds / 4)) });
  progress(`${label}: ${seconds} s against ${new URL(url).pathname}`);
  const r = await autocannon({ ...opts, duration: seconds });
  const failures = r.non2xx + r.errors + r.timeouts;
  if (failures > 0 || r.requests.total === 0) {
    throw new Error(
      `${label}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts of ${r.requests.total}`,
    );
  }
  return {
    [`${label}_req_per_s`]: r.requests.average,
    [`${label}_p50_ms`]: r.latency.p50,
    [`${label}_p99_ms`]: r.latency.p99,
  };
}

type Injectable = Pick<FastifyInstance, 'inject'>;

/** Signs in through the real form (GET for the CSRF token, then POST) and returns the page and cookie. */
async function signIn(
  server: Injectable,
  email: string,
  password: string,
): Promise<{ page: string; cookie: string }> {
  const form = await server.inject({ method: 'GET', url: '/sign-in' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  const anonymous = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  if (form.statusCode !== 200 || !csrf || !anonymous)
    throw new Error(`GET /sign-in gave ${form.statusCode} without a form token or cookie`);
  const posted = await server.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie: anonymous, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  const page = posted.headers.location;
  const cookie = posted.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  if (posted.statusCode !== 302 || typeof page !== 'string' || !cookie) {
    throw new Error(
      `POST /sign-in gave ${posted.statusCode} (expected a redirect with a new session cookie)`,
    );
  }
  const check = await server.inject({ method: 'GET', url: page, headers: { cookie } });
  if (check.statusCode !== 200)
    throw new Error(`GET ${page} after sign-in gave ${check.statusCode}`);
  return { page, cookie };
}

/**
 * The real app (production settings: cached templates, no request logs) under autocannon, beside
 * a bare Fastify route measured in the same run. The rate limit is raised out of the way but its
 * database store still runs on every counted request, as in production.
 */
export const httpBenchmark: Benchmark = {
  async run({ engine, quick, env }) {
    const seconds = quick ? 2 : 10;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-bench-http-'));
    const database = await openBenchDatabase(engine, env);
    const config = benchConfig(dataDir, { SEED_DEMO: 'true' });
    const bare = Fastify({ logger: false });
    bare.get('/bare', async () => ({ ok: true }));
    let app: Awaited<ReturnType<typeof buildApp>> | undefined;
    try {
      progress('building the app');
      app = await buildApp(await createContext(config, { database }));
      await app.modules.accounts.seedDemo();
      const applicant = DEMO_APPLICANTS[0];
      if (!applicant) throw new Error('no demo applicant to sign in');
      const { page, cookie } = await signIn(app.server, applicant.email, DEMO_PASSWORD);
      const base = await listen(app.server);
      const bareBase = await listen(bare);

      const metrics: Metrics = {
        ...(await load('bare', `${bareBase}/bare`, seconds)),
        ...(await load('healthz', `${base}/healthz`, seconds)),
        ...(await load('signed_in_page', `${base}${page}`, seconds, { cookie })),
      };
      metrics.healthz_vs_bare_ratio = ratio(metrics.healthz_req_per_s!, metrics.bare_req_per_s!);
      metrics.signed_in_page_vs_bare_ratio = ratio(
        metrics.signed_in_page_req_per_s!,
        metrics.bare_req_per_s!,
      );
      return {
        name: 'http',
        engine,
        params: { seconds, connections: CONNECTIONS, signed_in_page: page, node_env: 'production' },
        metrics: checkMetrics(metrics),
      };
    } finally {
      await bare.close();
      await app?.server.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
