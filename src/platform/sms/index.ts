import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log';

export interface SmsMessage {
  /** The mobile number in E.164 form (+37060000000). */
  to: string;
  text: string;
  /** Language of the text; gateways use it to pick the encoding (GSM 7-bit or UCS-2). */
  lang: string;
}

export interface SmsPort {
  send(message: SmsMessage): Promise<{ messageId: string; file?: string }>;
}

export interface SmsOptions {
  /** An HTTP(S) SMS gateway; unset: the development transport (files in `outboxDir`). */
  url?: string | undefined;
  /** Where the development transport writes one `.json` file per message. */
  outboxDir: string;
  logger: Logger;
  /** How long to wait for the gateway before the send fails (and the job retries). */
  timeoutMs?: number;
}

/**
 * An HTTP gateway when SMS_URL is set; otherwise a transport that writes each message to
 * DATA_DIR/sms-outbox, so development and tests read exactly what would be sent. Neither logs the
 * number or the text: they are personal data, and logs are kept longer and read by more people.
 */
export function createSms(opts: SmsOptions): SmsPort {
  return opts.url ? httpSms(opts.url, opts) : fileSms(opts);
}

function fileSms(opts: SmsOptions): SmsPort {
  return {
    async send(m) {
      await fs.mkdir(opts.outboxDir, { recursive: true });
      const messageId = randomUUID();
      // The name carries no number: the file list may be shown where the contents are not.
      const name = `${Date.now()}-${messageId.slice(0, 8)}.json`;
      const file = path.join(opts.outboxDir, name);
      // Written under a hidden name and renamed: a reader polling the outbox (a developer's tool,
      // the browser tests) never sees a half-written message.
      const partial = path.join(opts.outboxDir, `.${name}.partial`);
      await fs.writeFile(partial, `${JSON.stringify({ to: m.to, lang: m.lang, text: m.text })}\n`);
      await fs.rename(partial, file);
      opts.logger.info({ file: name }, 'SMS written to the development outbox');
      return { messageId, file };
    },
  };
}

/**
 * POSTs `{ "to", "text", "lang" }` as JSON; any 2xx is accepted, and a JSON answer's `id` (or
 * `messageId`) is kept. Credentials in the URL (`https://user:pass@host/…`) are sent as HTTP Basic
 * authentication, because fetch refuses URLs that carry them.
 */
function httpSms(url: string, opts: SmsOptions): SmsPort {
  const target = new URL(url);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username);
    const pass = decodeURIComponent(target.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  const endpoint = target.toString();
  return {
    async send(m) {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: m.to, text: m.text, lang: m.lang }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      const body = await res.text();
      // The error names the status only: the gateway's answer may echo the number back.
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
      const messageId = idFrom(body) ?? randomUUID();
      opts.logger.info({ messageId }, 'SMS handed to the gateway');
      return { messageId };
    },
  };
}

function idFrom(body: string): string | undefined {
  try {
    const data = JSON.parse(body) as Record<string, unknown>;
    const id = data.id ?? data.messageId;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  } catch {
    return undefined;
  }
}
