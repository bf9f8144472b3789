import { z } from 'zod';

/** Booleans in the environment are words, not JavaScript truthiness ("false" must mean false). */
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every environment variable Vartai reads. `docs/configuration.md` documents each key;
 * `config.test.ts` keeps the two in step.
 */
export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    TRUST_PROXY: flag.default(false),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
    WORKERS_IN_PROCESS: z.enum(['auto', 'true', 'false']).default('auto'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 7)
      .default(12),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
    RATE_LIMIT_FORMS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    PARTNER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_BOOKING_PER_ACCOUNT_PER_HOUR: z.coerce.number().int().min(1).default(20),
    RATE_LIMIT_BOOKING_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(60),
    BOOKING_ABUSE_ACCOUNTS_PER_SOURCE_PER_DAY: z.coerce.number().int().min(2).default(10),
    BOOKING_ABUSE_CANCEL_CYCLES_PER_WEEK: z.coerce.number().int().min(1).default(3),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Vartai <no-reply@vartai.localhost>'),
    SMS_URL: z.url({ protocol: /^https?$/ }).optional(),
    STORAGE_DIR: z.string().min(1).optional(),
    SEED_DEMO: flag.optional(),
    SEED_DEMO_CASES: flag.optional(),
    METRICS_TOKEN: z.string().min(16).optional(),
    PAYMENT_PROVIDER: z.enum(['simulator']).optional(),
    PAYMENT_CALLBACK_SECRET: z.string().min(32).optional(),
    PAYMENT_RECONCILE_AFTER_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
    PAYMENT_SIMULATOR_DELIVERY: z.enum(['once', 'twice-out-of-order']).default('once'),
    CARD_PRODUCER_SIMULATOR_DAYS: z.coerce.number().min(0).max(60).default(5),
    CARD_PRODUCER_SIMULATOR_FAILURE_PERCENT: z.coerce.number().min(0).max(100).default(5),
    COURIER_SIMULATOR_DAYS: z.coerce.number().min(0).max(30).default(2),
    UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(10_485_760),
    DOCUMENT_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be base64 of 32 bytes')
      .optional(),
    DOCUMENT_KEYS_OLD: z
      .string()
      .refine(
        (v) => v.split(',').every((k) => Buffer.from(k.trim(), 'base64').length === 32),
        'must be a comma-separated list of base64 keys of 32 bytes each',
      )
      .optional(),
    CLAMAV_URL: z
      .string()
      .regex(/^tcp:\/\/[^:/]+:\d+$/, 'must be tcp://host:port')
      .optional(),
    SHARE_CODE_CHECKS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    ASSISTANT_QUESTIONS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    ASSISTANT_QUESTIONS_PER_ACCOUNT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    CREDENTIAL_KEYS: z.string().min(2).optional(),
    CREDENTIAL_KEYS_DIR: z.string().min(1).optional(),
    CREDENTIAL_ACTIVE_KID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, . _ -')
      .optional(),
    PERSONS_MATCH_AUTO_LINK: z.coerce.number().gt(0).max(1).default(0.999),
    PERSONS_MATCH_REVIEW: z.coerce.number().gt(0).lt(1).default(0.2),
    REGISTRIES_SIM_SEED: z.string().min(1).default('vartai-registries'),
    REGISTRIES_SIM_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(20),
    REGISTRIES_SIM_ERROR_RATE: z.coerce.number().min(0).max(1).default(0),
    REGISTRIES_SIM_TIMEOUT_RATE: z.coerce.number().min(0).max(1).default(0),
    REGISTRIES_OUTAGE: z
      .string()
      .regex(
        /^\s*((residents|sis|wanted|vsd|employment|sodra|education)\s*(,\s*|$))*$/,
        'must be a comma-separated list of residents, sis, wanted, vsd, employment, sodra, education',
      )
      .default(''),
    REGISTRIES_TIMEOUT_MS: z.coerce.number().int().min(10).max(120_000).default(10_000),
    REGISTRIES_BREAKER_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    REGISTRIES_BREAKER_HALF_OPEN_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    REGISTRIES_RETRY_CAP_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
  })
  .strict()
  // The grey band lies between the two: a review threshold at or above auto-link leaves none.
  .refine((c) => c.PERSONS_MATCH_REVIEW < c.PERSONS_MATCH_AUTO_LINK, {
    message: 'must be below PERSONS_MATCH_AUTO_LINK',
    path: ['PERSONS_MATCH_REVIEW'],
  });

export type Config = z.infer<typeof ConfigSchema> & {
  /** Derived: where users reach the service; decides Secure cookies and HSTS. */
  publicUrl: string;
  secure: boolean;
  engine: 'pglite' | 'postgres';
  storageDir: string;
  seedDemo: boolean;
  /** Demo applications and their cases, with the demo data (off in tests: they make their own). */
  seedDemoCases: boolean;
  workersInProcess: boolean;
};
