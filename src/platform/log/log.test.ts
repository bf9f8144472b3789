import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './index';

describe('logger', () => {
  it('never prints secrets: passwords, tokens, keys, cookies, API keys', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      {
        body: { password: 'hunter2-hunter2', token: 'tok-123', webhookSecret: 'whsec-9' },
        req: {
          headers: {
            authorization: 'Bearer vrt_abc',
            cookie: 'vartai_session=s',
            'x-api-key': 'vrt_xyz',
          },
        },
        DOCUMENT_KEY: 'a2V5',
        PAYMENT_CALLBACK_SECRET: 'cbsecret',
      },
      'request',
    );
    const out = lines.join('');
    for (const secret of [
      'hunter2',
      'tok-123',
      'whsec-9',
      'vrt_abc',
      'vartai_session=s',
      'vrt_xyz',
      'a2V5',
      'cbsecret',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
  });
});
