import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../log';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Language of the message, written into Content-Language. */
  lang?: string;
}

export interface MailPort {
  send(message: MailMessage): Promise<{ messageId: string; file?: string }>;
}

export interface MailOptions {
  smtpUrl?: string | undefined;
  from: string;
  /** Where the development transport writes `.eml` files when no SMTP server is configured. */
  outboxDir: string;
  logger: Logger;
}

/**
 * SMTP through nodemailer when SMTP_URL is set; otherwise a transport that renders the real MIME
 * message and writes it to DATA_DIR/outbox, so development and tests read exactly what would be
 * sent.
 */
export function createMail(opts: MailOptions): MailPort {
  if (opts.smtpUrl) {
    const transport: Transporter = nodemailer.createTransport(opts.smtpUrl);
    return {
      async send(m) {
        const info = await transport.sendMail(toNodemailer(opts.from, m));
        return { messageId: String(info.messageId) };
      },
    };
  }
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    async send(m) {
      const info = await transport.sendMail(toNodemailer(opts.from, m));
      await fs.mkdir(opts.outboxDir, { recursive: true });
      const safeTo = m.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
      const file = path.join(
        opts.outboxDir,
        `${Date.now()}-${safeTo}-${String(info.messageId)
          .replace(/[^a-zA-Z0-9]/g, '')
          .slice(0, 16)}.eml`,
      );
      await fs.writeFile(file, info.message as Buffer);
      opts.logger.info({ file }, 'mail written to the development outbox');
      return { messageId: String(info.messageId), file };
    },
  };
}

function toNodemailer(from: string, m: MailMessage) {
  return {
    from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    ...(m.html ? { html: m.html } : {}),
    headers: m.lang ? { 'Content-Language': m.lang } : {},
  };
}
