import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, totpCode } from '../modules/accounts';
import { loadConfig } from '../platform/config';
import type { Clock } from '../platform/clock';
import type { JobQueue } from '../platform/jobs';
import type { MailMessage, MailPort } from '../platform/mail';
import { createTestDatabase } from '../platform/testing';
import { MIGRATIONS_DIR } from './context';
import { startApplication, type Running } from './lifecycle';

/** A mail port that keeps what it would send, for tests. */
export function captureMail(): MailPort & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(m) {
      sent.push(m);
      return { messageId: String(sent.length) };
    },
  };
}

export interface TestApp extends Running {
  mail: ReturnType<typeof captureMail>;
  dataDir: string;
}

/** The real application on a fresh migrated database (PGlite, or TEST_DATABASE_URL). */
export async function startTestApp(
  env: Record<string, string> = {},
  opts: { clock?: Clock; workers?: boolean; jobs?: JobQueue } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    SEED_DEMO_CASES: 'false',
    // Tests sign in many times from one address; the limiter has its own test.
    RATE_LIMIT_FORMS_PER_MINUTE: '1000',
    // Likewise the booking limits (per account and per address): booking-limits.db.test.ts sets its own.
    RATE_LIMIT_BOOKING_PER_ACCOUNT_PER_HOUR: '1000',
    RATE_LIMIT_BOOKING_PER_ADDRESS_PER_HOUR: '1000',
    WORKERS_IN_PROCESS: opts.workers ? 'true' : 'false',
    // The card producer simulator refuses 5 % of orders by default: a test that needs a refusal
    // drives the simulator itself (card-producer.test.ts), the rest must not fail by chance.
    CARD_PRODUCER_SIMULATOR_FAILURE_PERCENT: '0',
    ...env,
  });
  const mail = captureMail();
  const database = await createTestDatabase(MIGRATIONS_DIR);
  const running = await startApplication(config, {
    database,
    mail,
    ...(opts.clock ? { clock: opts.clock } : {}),
    // A job queue the test drives itself (processing.test-support.ts), instead of pg-boss.
    ...(opts.jobs ? { jobs: opts.jobs } : {}),
  });
  return {
    ...running,
    mail,
    dataDir,
    close: async () => {
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A cookie jar over `inject`, like a browser: keeps cookies, reads the CSRF token of forms. */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly app: TestApp) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (
        c.value === '' ||
        (c.maxAge !== undefined && c.maxAge <= 0) ||
        (c.expires && c.expires.getTime() < Date.now())
      )
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.app.server.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader, ...headers },
    });
    this.remember(res);
    return res;
  }

  async csrf(url: string): Promise<string> {
    const res = await this.get(url);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (!m) throw new Error(`No CSRF token on ${url} (status ${res.statusCode})`);
    return m[1]!;
  }

  /** Posts a form as a browser would, with the token from `formUrl` (default: same URL). */
  async post(url: string, fields: Record<string, string>, formUrl = url) {
    const token = await this.csrf(formUrl);
    return this.postRaw(url, { _csrf: token, ...fields });
  }

  async postRaw(url: string, fields: Record<string, string>) {
    const res = await this.app.app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
    this.remember(res);
    return res;
  }
}

/** A browser signed in as a demo applicant (the published demo password). */
export async function signedIn(app: TestApp, email: string): Promise<Browser> {
  const b = new Browser(app);
  await b.post('/sign-in', { email, password: DEMO_PASSWORD });
  return b;
}

/** A browser signed in as demo staff through both steps: password, then the demo TOTP code. */
export async function signedInStaff(
  app: TestApp,
  email: string,
  at = new Date(),
): Promise<Browser> {
  const b = await signedIn(app, email);
  await b.post('/sign-in/mfa', { code: await totpCode(DEMO_TOTP_SECRET, at) });
  return b;
}
