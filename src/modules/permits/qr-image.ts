/**
 * Reads the QR code in a photo or screenshot a verifier uploads. Only PNG and JPEG are accepted
 * (recognised by their first bytes, not by the name the browser sent), and size limits are
 * checked before any pixel is decoded, so a crafted image cannot exhaust memory.
 */
import jpeg from 'jpeg-js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** A phone photo is 2–8 MB; anything larger is not a QR screenshot. */
export const QR_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
/** Megapixels decoded at most (a 48 MP phone camera is refused; 12 MP is the usual photo). */
const MAX_MEGAPIXELS = 25;
/** jsQR's time grows with the pixel count: larger images are shrunk to about this first. */
const SCAN_PIXELS = 4_000_000;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type ImageKind = 'png' | 'jpeg';

export function imageKind(bytes: Buffer): ImageKind | undefined {
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(PNG_MAGIC)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'jpeg';
  return undefined;
}

interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Uint8Array;
}

function decodePng(bytes: Buffer): Pixels | undefined {
  // Width and height sit in the IHDR chunk right after the signature: check them before inflating.
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width === 0 || height === 0 || width * height > MAX_MEGAPIXELS * 1_000_000) return undefined;
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, data: png.data };
}

function decodeJpeg(bytes: Buffer): Pixels {
  const img = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: MAX_MEGAPIXELS,
    maxMemoryUsageInMB: 512,
  });
  return { width: img.width, height: img.height, data: img.data };
}

/**
 * RGBA over a white background (a QR with a transparent background would otherwise read as
 * black on black), shrunk by a whole factor with box averaging when it is very large.
 */
function prepare(p: Pixels): { width: number; height: number; data: Uint8ClampedArray } {
  const f = Math.max(1, Math.ceil(Math.sqrt((p.width * p.height) / SCAN_PIXELS)));
  const width = Math.floor(p.width / f);
  const height = Math.floor(p.height / f);
  const out = new Uint8ClampedArray(width * height * 4);
  const n = f * f;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < f; dy++) {
        let i = ((y * f + dy) * p.width + x * f) * 4;
        for (let dx = 0; dx < f; dx++, i += 4) {
          const a = p.data[i + 3]! / 255;
          const white = 255 * (1 - a);
          r += p.data[i]! * a + white;
          g += p.data[i + 1]! * a + white;
          b += p.data[i + 2]! * a + white;
        }
      }
      const o = (y * width + x) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** The text of the QR code in a PNG or JPEG image, or undefined (no code, not an image, too big). */
export function decodeQrImage(bytes: Buffer): string | undefined {
  if (bytes.length > QR_IMAGE_MAX_BYTES) return undefined;
  const kind = imageKind(bytes);
  if (!kind) return undefined;
  let pixels: Pixels | undefined;
  try {
    pixels = kind === 'png' ? decodePng(bytes) : decodeJpeg(bytes);
  } catch {
    // A truncated or corrupt file, or one over the decoder's limits: no code found.
    return undefined;
  }
  if (!pixels) return undefined;
  const img = prepare(pixels);
  const code = jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' });
  return code?.data ? code.data : undefined;
}
