import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Paths pino must never print. Passwords, tokens, cookies and one-time codes reach request
 * bodies and headers; the list is shared by the Fastify logger and background workers.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.newPassword',
  '*.passwordConfirm',
  '*.token',
  '*.totpSecret',
  '*.secret',
  '*.apiKey',
  'password',
  'token',
  'secret',
  'databaseUrl',
  'DATABASE_URL',
  'SMTP_URL',
  'SMS_URL',
  'METRICS_TOKEN',
  'DOCUMENT_KEY',
  'DOCUMENT_KEYS_OLD',
  'PAYMENT_CALLBACK_SECRET',
  '*.webhookSecret',
  '*.webhook_secret',
  '*.key_hash',
  'req.headers["x-api-key"]',
  'headers["x-api-key"]',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'vartai' },
  };
}

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
