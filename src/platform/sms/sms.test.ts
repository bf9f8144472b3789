import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { createSms } from './index';

const NUMBER = '+37060012345';
const TEXT = 'Migracijos departamentas: gavome jūsų prašymą VRT-2027-0000001-8.';

/** A logger whose lines the test can read. */
function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A small SMS gateway on a free local port; answers with `status` and `body`. */
async function gateway(status: number, body: string) {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += String(c)));
    req.on('end', () => {
      received.push({ headers: req.headers, body: data });
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, received };
}

describe('the development SMS transport', () => {
  it('writes each message to a file and logs the file name only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-'));
    const { logger, lines } = capturedLogger();
    const sms = createSms({ outboxDir: path.join(dir, 'sms-outbox'), logger });
    const sent = await sms.send({ to: NUMBER, text: TEXT, lang: 'lt' });
    const files = fs.readdirSync(path.join(dir, 'sms-outbox'));
    expect(files).toHaveLength(1);
    expect(files[0]).not.toContain('370');
    expect(sent.file).toBe(path.join(dir, 'sms-outbox', files[0]!));
    expect(JSON.parse(fs.readFileSync(sent.file!, 'utf8'))).toEqual({
      to: NUMBER,
      lang: 'lt',
      text: TEXT,
    });
    const log = lines.join('');
    expect(log).toContain(files[0]);
    expect(log).not.toContain('60012345');
    expect(log).not.toContain('prašymą');
  });
});

describe('the HTTP SMS transport (SMS_URL)', () => {
  it('POSTs JSON to the gateway, with URL credentials as Basic authentication', async () => {
    const gw = await gateway(202, '{"id":"gw-1"}');
    const { logger, lines } = capturedLogger();
    const sms = createSms({
      url: `http://vartai:s%3Acret@127.0.0.1:${gw.port}/send`,
      outboxDir: '/nonexistent',
      logger,
    });
    expect(await sms.send({ to: NUMBER, text: TEXT, lang: 'lt' })).toEqual({ messageId: 'gw-1' });
    expect(gw.received).toHaveLength(1);
    expect(JSON.parse(gw.received[0]!.body)).toEqual({ to: NUMBER, text: TEXT, lang: 'lt' });
    expect(gw.received[0]!.headers['content-type']).toBe('application/json');
    expect(gw.received[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('vartai:s:cret').toString('base64')}`,
    );
    expect(lines.join('')).not.toContain('60012345');
  });

  it('fails on an error answer without repeating the number, so the job retries', async () => {
    const gw = await gateway(503, `{"error":"unreachable ${NUMBER}"}`);
    const { logger } = capturedLogger();
    const sms = createSms({ url: `http://127.0.0.1:${gw.port}/`, outboxDir: '/x', logger });
    const failure = await sms.send({ to: NUMBER, text: TEXT, lang: 'lt' }).catch((e) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('SMS gateway answered 503');
  });
});
