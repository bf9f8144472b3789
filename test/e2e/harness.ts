import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
} from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/app/context';
import { startApplication, type Running } from '../../src/app/lifecycle';
import { loadConfig } from '../../src/platform/config';
import type { Language, MessageValues } from '../../src/platform/i18n';
import { createTestDatabase } from '../../src/platform/testing';
import { outboxReader, type Email } from './outbox';

const CANDIDATE = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const REQUIRED = process.env.REQUIRE_BROWSER === '1';
const USE_SERVER = Boolean(process.env.TEST_DATABASE_URL);

/** Chromium's path, or undefined when there is none (the suite is then skipped, loudly). */
export const chromiumPath: string | undefined = (() => {
  try {
    fs.accessSync(CANDIDATE, fs.constants.X_OK);
    return CANDIDATE;
  } catch {
    return undefined;
  }
})();

if (!chromiumPath) {
  const lines = [
    `BROWSER SUITE SKIPPED: no Chromium executable at ${CANDIDATE}`,
    'Set CHROMIUM_PATH or install chromium (Debian: apt-get install chromium).',
    'REQUIRE_BROWSER=1 makes this fatal (CI sets it).',
  ];
  if (REQUIRED) throw new Error(lines.join('\n'));
  const width = Math.max(...lines.map((l) => l.length));
  const bar = `+${'-'.repeat(width + 2)}+`;
  process.stderr.write(
    `\n${bar}\n${lines.map((l) => `| ${l.padEnd(width)} |`).join('\n')}\n${bar}\n\n`,
  );
}

/** `describe`, skipped (with the warning above) when there is no Chromium. */
export const describeBrowser = describe.skipIf(!chromiumPath);

export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  baseUrl: string;
  browser: Browser;
  running: Running;
  dataDir: string;
  /** A new browser context; CSP is bypassed unless asked (axe is injected as an inline script). */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A message from the catalogue, failing when the language lacks it (no silent fallback). */
  t(lang: Language, key: string, values?: MessageValues): string;
  waitForEmail(to: string, subjectContains?: string, timeoutMs?: number): Promise<Email>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The real application in-process (fresh database: PGlite, or a new database on the server in
 * TEST_DATABASE_URL), listening on a free port that PUBLIC_URL names, so links in e-mails work,
 * plus a headless Chromium.
 */
/** `env`: configuration for this file's app on top of the harness's own (e.g. simulator speeds). */
export async function startHarness(
  env: Record<string, string> = {},
): Promise<{ harness: Harness; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    SEED_DEMO_CASES: 'false',
    WORKERS_IN_PROCESS: 'true',
    // No chance refusals by the card producer simulator (5 % by default) in page tests.
    CARD_PRODUCER_SIMULATOR_FAILURE_PERCENT: '0',
    ...env,
  });
  // PostgreSQL: a fresh database on the test server (dropped on close). PGlite: the app opens its
  // own data directory under DATA_DIR, exactly as `npm start` does.
  let running: Running;
  try {
    const overrides = USE_SERVER ? { database: await createTestDatabase(MIGRATIONS_DIR) } : {};
    running = await startApplication(config, overrides);
  } catch (e) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const contexts: BrowserContext[] = [];
  let browser: Browser | undefined;
  const stop = async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await running.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await running.app.server.listen({ port, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: chromiumPath!,
      headless: true,
      args: LAUNCH_ARGS,
    });
  } catch (e) {
    await stop();
    throw e;
  }
  const i18n = running.ctx.i18n;
  const harness: Harness = {
    baseUrl,
    browser,
    running,
    dataDir,
    async newContext(options = {}) {
      const context = await browser!.newContext({ baseURL: baseUrl, bypassCSP: true, ...options });
      context.setDefaultTimeout(10_000);
      context.setDefaultNavigationTimeout(15_000);
      contexts.push(context);
      return context;
    },
    t(lang, key, values) {
      if (!i18n.has(lang, key))
        throw new Error(`The ${lang} catalogue has no ${key} (translation pending?)`);
      return i18n.t(lang, key, values);
    },
    waitForEmail: outboxReader(path.join(dataDir, 'outbox')),
  };
  return { harness, stop };
}

/** Starts the harness before the tests of a file and stops it after; returns a getter. */
export function useHarness(env: Record<string, string> = {}): () => Harness {
  let started: Awaited<ReturnType<typeof startHarness>> | undefined;
  beforeAll(async () => {
    started = await startHarness(env);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return () => {
    if (!started) throw new Error('The browser harness did not start');
    return started.harness;
  };
}
