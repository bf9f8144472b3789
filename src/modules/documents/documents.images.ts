import zlib from 'node:zlib';

type ImageVerdict = 'corrupt' | 'polyglot' | undefined;

/**
 * Signatures of other formats. Long ones (six bytes or more) are looked for in the whole file:
 * compressed pixel data matches them by chance practically never. Short ones would match random
 * pixel data now and then, so they are looked for only where polyglots hide payloads: PNG chunks
 * other than pixel data, JPEG segments other than the entropy-coded scan.
 */
const LONG_SIGNATURES = [
  '<script',
  '<html',
  '<!doctype',
  '<?php',
  '<iframe',
  '<object',
  'this program cannot be run',
  'javascript:',
];
const SHORT_SIGNATURES = [
  '%pdf-',
  'pk\x03\x04',
  'pk\x05\x06',
  'pk\x01\x02',
  '\x7felf',
  'mz\x90\x00',
  '<svg',
  '<body',
  '<?xml-stylesheet',
];

const text = (b: Uint8Array) =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1').toLowerCase();
const hasAny = (haystack: string, needles: string[]) => needles.some((n) => haystack.includes(n));

export function inspectImage(bytes: Uint8Array, type: 'image/jpeg' | 'image/png'): ImageVerdict {
  const walk = type === 'image/png' ? walkPng(bytes) : walkJpeg(bytes);
  if (walk.verdict) return walk.verdict;
  if (hasAny(text(bytes), LONG_SIGNATURES)) return 'polyglot';
  for (const segment of walk.metadata) {
    const t = text(segment);
    if (hasAny(t, SHORT_SIGNATURES) || hasAny(t, LONG_SIGNATURES)) return 'polyglot';
  }
  return undefined;
}

interface Walk {
  verdict: ImageVerdict;
  /** Parts of the file that are not compressed image data. */
  metadata: Uint8Array[];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Signature, then chunks (length, type, data, CRC-32) from IHDR to IEND and nothing after. */
function walkPng(b: Uint8Array): Walk {
  const metadata: Uint8Array[] = [];
  const fail = (verdict: ImageVerdict): Walk => ({ verdict, metadata });
  if (b.length < 8 || PNG_SIGNATURE.some((v, i) => b[i] !== v)) return fail('corrupt');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let pos = 8;
  let first = true;
  while (pos + 12 <= b.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...b.subarray(pos + 4, pos + 8));
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) return fail('corrupt');
    const end = pos + 12 + length;
    if (end > b.length) return fail('corrupt');
    if (first && type !== 'IHDR') return fail('corrupt');
    first = false;
    const crc = view.getUint32(pos + 8 + length);
    if (zlib.crc32(b.subarray(pos + 4, pos + 8 + length)) !== crc) return fail('corrupt');
    if (type !== 'IDAT') metadata.push(b.subarray(pos + 8, pos + 8 + length));
    if (type === 'zTXt' || type === 'iTXt') {
      // Compressed text can hide a script too; look at it inflated (bounded).
      try {
        metadata.push(
          zlib.inflateSync(b.subarray(pos + 8 + textHeader(b, pos + 8, length), pos + 8 + length), {
            maxOutputLength: 1 << 20,
          }),
        );
      } catch {
        // Uncompressed iTXt or an oversized text: the raw bytes were already scanned.
      }
    }
    pos = end;
    if (type === 'IEND') return fail(pos === b.length ? undefined : 'polyglot');
  }
  return fail('corrupt');
}

/** Offset of the compressed text inside zTXt/iTXt: after the keyword's NUL and method bytes. */
function textHeader(b: Uint8Array, start: number, length: number): number {
  const nul = b.subarray(start, start + length).indexOf(0);
  return nul < 0 ? length : nul + 2;
}

/**
 * Markers from SOI to EOI: segments with a length, standalone markers, and entropy-coded data
 * after each SOS up to the next real marker. Anything after EOI is a second file.
 */
function walkJpeg(b: Uint8Array): Walk {
  const metadata: Uint8Array[] = [];
  const fail = (verdict: ImageVerdict): Walk => ({ verdict, metadata });
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return fail('corrupt');
  let pos = 2;
  for (;;) {
    if (pos >= b.length || b[pos] !== 0xff) return fail('corrupt');
    while (pos < b.length && b[pos] === 0xff) pos++; // fill bytes
    if (pos >= b.length) return fail('corrupt');
    const marker = b[pos]!;
    pos++;
    if (marker === 0xd9) return fail(pos === b.length ? undefined : 'polyglot');
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    if (marker === 0xd8 || marker === 0x00) return fail('corrupt');
    if (pos + 2 > b.length) return fail('corrupt');
    const length = (b[pos]! << 8) | b[pos + 1]!;
    if (length < 2 || pos + length > b.length) return fail('corrupt');
    if (marker !== 0xda) metadata.push(b.subarray(pos + 2, pos + length));
    pos += length;
    if (marker === 0xda) {
      // Entropy-coded data: 0xFF is followed by 0x00 (stuffing) or RSTn inside it.
      while (pos + 1 < b.length) {
        if (b[pos] === 0xff) {
          const next = b[pos + 1]!;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        pos++;
      }
      if (pos + 1 >= b.length) return fail('corrupt');
    }
  }
}
