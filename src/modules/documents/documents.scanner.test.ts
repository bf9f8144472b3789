import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clamavScanner, noScanner } from './documents.scanner';
import { startFakeClamd } from './test-fixtures';

const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
let clamd: Awaited<ReturnType<typeof startFakeClamd>>;
let url = '';

beforeAll(async () => {
  clamd = await startFakeClamd((file) => {
    const text = file.toString();
    if (text === 'garble') return null;
    return text.includes('EICAR') ? 'stream: Eicar-Test-Signature FOUND' : 'stream: OK';
  });
  url = clamd.url;
});
afterAll(() => clamd.close());

describe('ClamAV adapter (INSTREAM)', () => {
  it('reports a clean file, streamed in chunks and received whole', async () => {
    const big = new Uint8Array(200_000).map((_, i) => i % 251);
    expect(await clamavScanner(url).scan(big)).toEqual({ clean: true });
    expect(Buffer.compare(clamd.received.at(-1)!, Buffer.from(big))).toBe(0);
  });

  it('reports the signature of an infected file', async () => {
    expect(await clamavScanner(url).scan(new TextEncoder().encode(EICAR))).toEqual({
      clean: false,
      signature: 'Eicar-Test-Signature',
    });
  });

  it('fails closed when clamd hangs up, is unreachable or too slow', async () => {
    await expect(clamavScanner(url).scan(new TextEncoder().encode('garble'))).rejects.toMatchObject(
      {
        code: 'DOCUMENT_SCANNER_UNAVAILABLE',
      },
    );
    await expect(
      clamavScanner('tcp://127.0.0.1:1').scan(new Uint8Array([1])),
    ).rejects.toMatchObject({
      code: 'DOCUMENT_SCANNER_UNAVAILABLE',
    });
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    await expect(
      clamavScanner(`tcp://127.0.0.1:${port}`, { timeoutMs: 200 }).scan(new Uint8Array([1])),
    ).rejects.toMatchObject({ code: 'DOCUMENT_SCANNER_UNAVAILABLE' });
    silent.close();
  });

  it('the no-op scanner declares everything clean and names itself none', async () => {
    expect(noScanner.name).toBe('none');
    expect(await noScanner.scan(new TextEncoder().encode(EICAR))).toEqual({ clean: true });
  });
});
