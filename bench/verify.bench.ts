import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app/build-app';
import { createContext } from '../src/app/context';
import { DEMO_PERMIT_HOLDER } from '../src/modules/permits';
import { benchConfig } from './app-config';
import { checkMetrics, progress, ratio, type Benchmark, type Metrics } from './bench';
import { openBenchDatabase } from './database';
import { listen } from './http.bench';

const CONNECTIONS = 10;

/**
 * POSTs one JSON body under autocannon (a worker thread) after a dropped warm-up; any non-2xx
 * answer fails the benchmark, and `expect` must be in every answer sampled before the run.
 */
async function load(label: string, url: string, body: object, seconds: number): Promise<Metrics> {
  const opts = {
    url,
    method: 'POST' as const,
    connections: CONNECTIONS,
    workers: 1,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
  progress(`${label}: warm-up`);
  await autocannon({ ...opts, duration: Math.max(1, Math.round(seconds / 4)) });
  progress(`${label}: ${seconds} s against ${new URL(url).pathname}`);
  const r = await autocannon({ ...opts, duration: seconds });
  const failures = r.non2xx + r.errors + r.timeouts;
  if (failures > 0 || r.requests.total === 0)
    throw new Error(`${label}: ${r.non2xx} non-2xx, ${r.errors} errors of ${r.requests.total}`);
  return {
    [`${label}_per_s`]: r.requests.average,
    [`${label}_p50_ms`]: r.latency.p50,
    [`${label}_p99_ms`]: r.latency.p99,
  };
}

async function expectAnswer(url: string, body: object, check: (json: unknown) => boolean) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as unknown;
  if (!res.ok || !check(json))
    throw new Error(`${new URL(url).pathname} answered ${res.status}: ${JSON.stringify(json)}`);
}

/**
 * Credential verifications per second online (signature, digests, expiry and the status entry
 * read from the database) through `POST /api/v1/credentials/verify`, and share-code checks per
 * second through `POST /api/v1/share-codes/check` (each a lookup, the permit, a check row and an
 * audit entry), beside a bare Fastify JSON route in the same run; plus in-process verifications
 * (no HTTP) to show what the cryptography costs.
 */
export const verifyBenchmark: Benchmark = {
  async run({ engine, quick, env }) {
    const seconds = quick ? 2 : 10;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-bench-verify-'));
    const database = await openBenchDatabase(engine, env);
    const bare = Fastify({ logger: false });
    bare.post('/bare', async (req) => ({ ok: true, size: JSON.stringify(req.body).length }));
    let app: Awaited<ReturnType<typeof buildApp>> | undefined;
    try {
      progress('building the app');
      app = await buildApp(await createContext(benchConfig(dataDir), { database }));
      await app.modules.accounts.seedDemo();
      const accountIdOf = async (email: string) =>
        (await app!.modules.accounts.repo.findByEmail(email))?.id;
      const credential = await app.modules.permits.demoCredential(accountIdOf);
      if (!credential) throw new Error('no demo permit to verify');
      const holderId = (await accountIdOf(DEMO_PERMIT_HOLDER.email))!;
      const holder = {
        kind: 'applicant' as const,
        accountId: holderId,
        email: DEMO_PERMIT_HOLDER.email,
        displayName: 'Oleksandr Kovalenko',
      };
      const [permit] = await app.modules.permits.service.listForHolder(holder);
      const { code } = await app.modules.permits.shareCodes.create(permit!.id, holder, {
        purpose: 'work',
        days: 30,
      });

      progress('in-process verifications');
      const inProcessMs = quick ? 500 : 3000;
      let n = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < inProcessMs) {
        const r = await app.modules.permits.service.verify(credential, { channel: 'cli' });
        if (!r.valid) throw new Error(`demo credential not valid: ${r.reason}`);
        n++;
      }
      const inProcess = (n * 1000) / (performance.now() - t0);

      const base = await listen(app.server);
      const bareBase = await listen(bare);
      const verifyBody = { credential };
      const checkBody = { code, dateOfBirth: DEMO_PERMIT_HOLDER.birthdate, verifier: 'Bench UAB' };
      await expectAnswer(
        `${base}/api/v1/credentials/verify`,
        verifyBody,
        (j) => (j as { valid: boolean }).valid,
      );
      await expectAnswer(
        `${base}/api/v1/share-codes/check`,
        checkBody,
        (j) => (j as { match: boolean }).match,
      );
      const metrics: Metrics = {
        ...(await load('bare', `${bareBase}/bare`, verifyBody, seconds)),
        ...(await load('verify', `${base}/api/v1/credentials/verify`, verifyBody, seconds)),
        ...(await load('share_code_check', `${base}/api/v1/share-codes/check`, checkBody, seconds)),
        verify_in_process_per_s: inProcess,
      };
      metrics.verify_vs_bare_ratio = ratio(metrics.verify_per_s!, metrics.bare_per_s!);
      metrics.share_code_check_vs_bare_ratio = ratio(
        metrics.share_code_check_per_s!,
        metrics.bare_per_s!,
      );
      return {
        name: 'verify',
        engine,
        params: {
          seconds,
          connections: CONNECTIONS,
          credential_chars: credential.length,
          node_env: 'production',
        },
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
