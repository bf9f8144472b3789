import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config';
import { callbackSecret, createPaymentsModule, type PaymentsDeps } from './index';

describe('payment configuration', () => {
  it('derives a development notification secret from the public address', () => {
    const a = callbackSecret(loadConfig({ PUBLIC_URL: 'http://localhost:3000' }));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(callbackSecret(loadConfig({ PUBLIC_URL: 'http://localhost:3000' }))).toBe(a);
    expect(callbackSecret(loadConfig({ PUBLIC_URL: 'http://localhost:4000' }))).not.toBe(a);
    const set = 's'.repeat(40);
    expect(callbackSecret(loadConfig({ PAYMENT_CALLBACK_SECRET: set }))).toBe(set);
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(() => loadConfig({ PAYMENT_CALLBACK_SECRET: 'short' })).toThrow(ConfigError);
  });

  it('in production stops start-up without a secret or an explicitly chosen provider', () => {
    const deps = (env: Record<string, string>) =>
      ({ config: loadConfig({ NODE_ENV: 'production', ...env }) }) as unknown as PaymentsDeps;
    expect(() => callbackSecret(deps({}).config)).toThrow(/PAYMENT_CALLBACK_SECRET/);
    expect(() => createPaymentsModule(deps({ PAYMENT_CALLBACK_SECRET: 's'.repeat(40) }))).toThrow(
      /PAYMENT_PROVIDER/,
    );
    expect(() => createPaymentsModule(deps({ PAYMENT_PROVIDER: 'simulator' }))).toThrow(
      /PAYMENT_CALLBACK_SECRET/,
    );
  });
});
