import net from 'node:net';
import { documentsErrors } from './errors';

export type ScanResult = { clean: true } | { clean: false; signature: string };

/** A virus scanner. `name` is recorded with each stored file. */
export interface ScannerPort {
  readonly name: string;
  scan(bytes: Uint8Array): Promise<ScanResult>;
}

/**
 * No scanning at all: declares every file clean and is recorded as scanner `none`, so the files
 * it let through can be found and scanned once a real scanner is configured.
 */
export const noScanner: ScannerPort = {
  name: 'none',
  scan: async () => ({ clean: true }),
};

const CHUNK = 64 * 1024;

/**
 * ClamAV's clamd over TCP with the INSTREAM command: `zINSTREAM\0`, then chunks each prefixed by
 * its length (4 bytes, big-endian), then a zero length; clamd answers one NUL-terminated line,
 * `stream: OK` or `stream: <signature> FOUND` (or an error such as a size limit). Anything but a
 * clear verdict throws DOCUMENT_SCANNER_UNAVAILABLE, so an unscanned file is never stored.
 */
export function clamavScanner(url: string, opts: { timeoutMs?: number } = {}): ScannerPort {
  const { hostname, port } = new URL(url);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return {
    name: 'clamav',
    scan: (bytes) =>
      new Promise<ScanResult>((resolve, reject) => {
        const socket = net.connect({ host: hostname, port: Number(port) });
        const chunks: Buffer[] = [];
        let settled = false;
        const finish = (fn: () => void) => {
          if (settled) return;
          settled = true;
          socket.destroy();
          fn();
        };
        socket.setTimeout(timeoutMs, () =>
          finish(() => reject(documentsErrors.scannerUnavailable('timed out'))),
        );
        socket.on('error', (e) =>
          finish(() => reject(documentsErrors.scannerUnavailable(e.message))),
        );
        socket.on('connect', () => {
          socket.write('zINSTREAM\0');
          for (let i = 0; i < bytes.length; i += CHUNK) {
            const part = bytes.subarray(i, i + CHUNK);
            const size = Buffer.alloc(4);
            size.writeUInt32BE(part.length, 0);
            socket.write(size);
            socket.write(part);
          }
          socket.write(Buffer.alloc(4));
        });
        socket.on('data', (d) => {
          chunks.push(d);
          if (d.includes(0)) socket.end();
        });
        socket.on('close', () =>
          finish(() => {
            const reply = Buffer.concat(chunks)
              .toString('utf8')
              .replace(/\0[\s\S]*$/, '')
              .trim();
            const verdict = parseReply(reply);
            if (verdict) resolve(verdict);
            else
              reject(
                documentsErrors.scannerUnavailable(`unexpected answer: ${reply.slice(0, 200)}`),
              );
          }),
        );
      }),
  };
}

function parseReply(reply: string): ScanResult | undefined {
  if (/^stream: OK$/.test(reply)) return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(reply);
  return found ? { clean: false, signature: found[1]! } : undefined;
}
