import { generateKeyPairSync } from 'node:crypto';
import { loadConfig, type Config } from '../src/platform/config';

// An issuer key made per benchmark process: production refuses to start without one.
const BENCH_CREDENTIAL_KEY = JSON.stringify([
  {
    ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
    kid: 'bench-1',
  },
]);

/**
 * Production settings for a throwaway benchmark app: cached templates, no request logs, rate
 * limits raised out of the way (their database store still counts every request), and fixed
 * values for the secrets production refuses to start without. Never use these outside a bench.
 */
export function benchConfig(dataDir: string, extra: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: String(1e9),
    PARTNER_RATE_LIMIT_PER_MINUTE: String(1e9),
    DOCUMENT_KEY: Buffer.alloc(32, 7).toString('base64'),
    PAYMENT_PROVIDER: 'simulator',
    PAYMENT_CALLBACK_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
    CREDENTIAL_KEYS: BENCH_CREDENTIAL_KEY,
    SHARE_CODE_CHECKS_PER_MINUTE: String(1e9),
    ...extra,
  });
}
