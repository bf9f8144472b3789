import { randomBytes } from 'node:crypto';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQrImage, imageKind, QR_IMAGE_MAX_BYTES } from './qr-image';

/** About the size of a full-disclosure SD-JWT: a JWS and ten disclosures, `~`-separated. */
function sdJwtLike(): string {
  const part = (n: number) => randomBytes(n).toString('base64url');
  const disclosures = Array.from({ length: 10 }, () => part(50));
  return `${part(30)}.${part(500)}.${part(64)}~${disclosures.join('~')}~`;
}

const qrPng = (text: string) => QRCode.toBuffer(text, { errorCorrectionLevel: 'M', scale: 4 });

describe('decodeQrImage', () => {
  it('reads a credential back from a QR code PNG', async () => {
    const text = sdJwtLike();
    expect(text.length).toBeGreaterThan(1400);
    const png = await qrPng(text);
    expect(imageKind(png)).toBe('png');
    expect(decodeQrImage(png)).toBe(text);
  });

  it('reads the same code from a JPEG photo of it', async () => {
    const text = sdJwtLike();
    const pixels = PNG.sync.read(await qrPng(text));
    const jpg = jpeg.encode(
      { width: pixels.width, height: pixels.height, data: pixels.data },
      95,
    ).data;
    expect(imageKind(jpg)).toBe('jpeg');
    expect(decodeQrImage(jpg)).toBe(text);
  });

  it('reads a code drawn on a transparent background', async () => {
    const text = 'vartai transparent';
    const png = await QRCode.toBuffer(text, { color: { dark: '#000000ff', light: '#00000000' } });
    expect(decodeQrImage(png)).toBe(text);
  });

  it('finds nothing in an image without a code', () => {
    const blank = new PNG({ width: 64, height: 64 });
    blank.data.fill(255);
    expect(decodeQrImage(PNG.sync.write(blank))).toBeUndefined();
  });

  it('refuses what is not a PNG or JPEG, a broken image and an oversized one', async () => {
    expect(decodeQrImage(randomBytes(2048))).toBeUndefined();
    expect(decodeQrImage(Buffer.from('%PDF-1.7\n'))).toBeUndefined();
    const png = await qrPng('cut short');
    expect(decodeQrImage(png.subarray(0, png.length - 40))).toBeUndefined();
    // A header claiming 100 000 × 100 000 pixels is refused before anything is inflated.
    const huge = Buffer.from(png);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    expect(decodeQrImage(huge)).toBeUndefined();
    const big = Buffer.concat([png, Buffer.alloc(QR_IMAGE_MAX_BYTES)]);
    expect(decodeQrImage(big)).toBeUndefined();
    const jpgHeader = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    expect(decodeQrImage(Buffer.concat([jpgHeader, randomBytes(500)]))).toBeUndefined();
  });
});
