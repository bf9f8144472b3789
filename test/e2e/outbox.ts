import fs from 'node:fs';
import path from 'node:path';

/** One message from the development outbox (`<DATA_DIR>/outbox/*.eml`), decoded enough for tests. */
export interface Email {
  file: string;
  to: string;
  subject: string;
  text: string;
  /** The first verify-email or password-reset link in the text, if any. */
  link: string | undefined;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function parsePart(raw: string): Part {
  const normalised = raw.replace(/\r\n/g, '\n');
  const split = normalised.indexOf('\n\n');
  const head = split === -1 ? normalised : normalised.slice(0, split);
  const body = split === -1 ? '' : normalised.slice(split + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeQuotedPrintable(s: string): Buffer {
  const soft = s.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body).toString('utf8');
  if (encoding === 'base64')
    return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return part.body;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=` / `=?UTF-8?B?...?=`), as nodemailer writes subjects. */
export function decodeHeader(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_m, _charset: string, kind: string, text: string) =>
        kind.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : decodeQuotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
    );
}

/** The text/plain content of a message (the first text part of a multipart message). */
function plainText(part: Part): string {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const parts = part.body
      .split(`--${boundary}`)
      .slice(1)
      .filter((p) => !p.startsWith('--'))
      .map((p) => parsePart(p.replace(/^\n/, '')));
    const texts = parts.map(plainText);
    return (
      texts.find((t, i) =>
        (parts[i]!.headers.get('content-type') ?? '').startsWith('text/plain'),
      ) ?? texts.join('\n')
    );
  }
  return decodeBody(part);
}

const LINK = /https?:\/\/[^\s<>"]+\/(?:verify-email|password\/reset)\?token=[^\s<>"]+/;

export function parseEmail(file: string, raw: string): Email {
  const message = parsePart(raw);
  const text = plainText(message);
  return {
    file,
    to: decodeHeader(message.headers.get('to') ?? ''),
    subject: decodeHeader(message.headers.get('subject') ?? ''),
    text,
    link: LINK.exec(text)?.[0],
  };
}

/**
 * Waits for the next message to `to` (optionally with a subject containing `subjectContains`) that
 * this reader has not returned before. The mail job runs in pg-boss, which polls about once a second.
 */
export function outboxReader(outboxDir: string) {
  const seen = new Set<string>();
  return async function waitForEmail(
    to: string,
    subjectContains?: string,
    timeoutMs = 20_000,
  ): Promise<Email> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const files = fs.existsSync(outboxDir)
        ? fs
            .readdirSync(outboxDir)
            .filter((f) => f.endsWith('.eml'))
            .sort()
        : [];
      for (const name of files) {
        const file = path.join(outboxDir, name);
        if (seen.has(file)) continue;
        const email = parseEmail(file, fs.readFileSync(file, 'utf8'));
        if (!email.to.toLowerCase().includes(to.toLowerCase())) continue;
        if (subjectContains && !email.subject.includes(subjectContains)) continue;
        seen.add(file);
        return email;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `No e-mail to ${to}${subjectContains ? ` about "${subjectContains}"` : ''} within ${timeoutMs} ms; outbox holds: ${files.join(', ') || '(nothing)'}`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };
}
