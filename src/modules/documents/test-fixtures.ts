import net from 'node:net';
import zlib from 'node:zlib';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';

/**
 * Small files built in code for tests (and for other modules' tests through index.ts), so no
 * binary fixture has to be trusted or kept in the repository.
 */

const u8 = (...parts: (Uint8Array | string | number[])[]) =>
  new Uint8Array(
    Buffer.concat(
      parts.map((p) =>
        typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p as Uint8Array),
      ),
    ),
  );

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(u8(head.subarray(4), data)), 0);
  return u8(head, data, crc);
}

/** A valid PNG (red square, 8-bit RGB), with optional extra chunks before the pixel data. */
export function makePng(opts: { size?: number; extraChunks?: [string, string][] } = {}) {
  const size = opts.size ?? 4;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = [0, ...Array.from({ length: size }, () => [220, 30, 30]).flat()];
  const raw = Buffer.from(Array.from({ length: size }, () => row).flat());
  return u8(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    pngChunk('IHDR', ihdr),
    ...(opts.extraChunks ?? []).map(([t, d]) => pngChunk(t, u8(d))),
    pngChunk('IDAT', zlib.deflateSync(raw)),
    pngChunk('IEND', new Uint8Array()),
  );
}

/**
 * A valid baseline JPEG: an 8×8 mid-grey image, one component, Huffman tables with a single
 * one-bit code each, so the whole scan is two zero bits padded with ones (0x3F).
 */
export function makeJpeg(opts: { comment?: string } = {}) {
  const table = [0x01, ...new Array(15).fill(0), 0x00];
  const com = opts.comment
    ? [0xff, 0xfe, ...be16(opts.comment.length + 2), ...Buffer.from(opts.comment, 'latin1')]
    : [];
  // prettier-ignore
  return u8([
    0xff, 0xd8,
    // APP0 JFIF 1.1, no thumbnail
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    ...com,
    // DQT: table 0, all ones
    0xff, 0xdb, 0x00, 0x43, 0x00, ...new Array(64).fill(1),
    // SOF0: 8-bit, 8×8, one component (id 1, 1×1 sampling, table 0)
    0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00,
    // DHT: DC table 0 and AC table 0, one code of length 1 for symbol 0
    0xff, 0xc4, 0x00, 0x14, 0x00, ...table,
    0xff, 0xc4, 0x00, 0x14, 0x10, ...table,
    // SOS, then the scan: DC difference 0, end of block
    0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00,
    0x3f,
    0xff, 0xd9,
  ]);
}

function be16(n: number) {
  return [(n >> 8) & 0xff, n & 0xff];
}

/** A valid one-page PDF made with pdf-lib (objects compressed in object streams by default). */
export async function makePdf(opts: { objectStreams?: boolean } = {}) {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 100]);
  page.drawText('Vartai test', {
    x: 10,
    y: 50,
    size: 12,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  return doc.save({ useObjectStreams: opts.objectStreams ?? true });
}

/** A PDF whose catalogue runs JavaScript on opening, hidden in a compressed object stream. */
export async function makePdfWithJavaScript() {
  const doc = await PDFDocument.create();
  doc.addPage([200, 100]);
  const action = doc.context.obj({
    Type: 'Action',
    S: 'JavaScript',
    JS: PDFString.of('app.alert("hello")'),
  });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
  return doc.save({ useObjectStreams: true });
}

/** A hand-written PDF with the given extra catalogue entries and trailer entries. */
export function handWrittenPdf(catalogExtra = '', trailerExtra = '', objects: string[] = []) {
  const body = [
    `1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>\nendobj\n`,
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>\nendobj\n',
    ...objects.map((o, i) => `${i + 4} 0 obj\n${o}\nendobj\n`),
  ];
  let text = '%PDF-1.7\n';
  const offsets: number[] = [];
  for (const b of body) {
    offsets.push(text.length);
    text += b;
  }
  const xref = text.length;
  text += `xref\n0 ${body.length + 1}\n0000000000 65535 f \n`;
  text += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  text += `trailer\n<< /Size ${body.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return u8(text);
}

/** What a Windows program looks like from the outside: an MZ header pointing to a PE header. */
export function makeExe() {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('This program cannot be run in DOS mode.', 0x40, 'latin1');
  b.write('PE\0\0', 0x80, 'latin1');
  return new Uint8Array(b);
}

/** A minimal ZIP archive (one stored file), to append to other files for polyglots. */
export function makeZip() {
  const name = 'a.txt';
  const data = Buffer.from('hello');
  const crc = zlib.crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const localSize = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(localSize, 16);
  return u8(local, name, data, central, name, end);
}

export const concatBytes = u8;

/**
 * A tiny clamd for tests: reads one INSTREAM request, reassembles the chunks, and answers with
 * `answer(file)` like the real daemon (`stream: OK`, `stream: <name> FOUND`), or hangs up when
 * it returns null. Listens on 127.0.0.1 at a free port; `url` is ready for CLAMAV_URL.
 */
export async function startFakeClamd(answer: (file: Buffer) => string | null) {
  const received: Buffer[] = [];
  const server = net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      const cmd = 'zINSTREAM\0';
      if (buf.length < cmd.length) return;
      if (buf.subarray(0, cmd.length).toString('latin1') !== cmd) return void socket.destroy();
      let pos = cmd.length;
      const parts: Buffer[] = [];
      for (;;) {
        if (buf.length < pos + 4) return;
        const n = buf.readUInt32BE(pos);
        if (n === 0) break;
        if (buf.length < pos + 4 + n) return;
        parts.push(buf.subarray(pos + 4, pos + 4 + n));
        pos += 4 + n;
      }
      const file = Buffer.concat(parts);
      received.push(file);
      const reply = answer(file);
      if (reply === null) socket.destroy();
      else socket.end(`${reply}\0`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `tcp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
