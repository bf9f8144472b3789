import { randomBytes } from 'node:crypto';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { MESSAGES_DIR } from '../../app/context';
import { createI18n, type Language } from '../../platform/i18n';
import type { PermitView } from './permits.model';
import { SAMPLE_PERMIT_VIEW } from './test-support';
import { permitQrPng, permitRows, renderPermitPdf, type PermitPdfInput } from './permit-pdf';

const i18n = createI18n(MESSAGES_DIR);
const b64 = (n: number) => randomBytes(n).toString('base64url');

/** About the length of a full SD-JWT VC: a signed JWT and ten disclosures. */
const credential = `${b64(30)}.${b64(700)}.${b64(64)}~${Array.from({ length: 10 }, () => b64(60)).join('~')}~`;

const view: PermitView = { ...SAMPLE_PERMIT_VIEW, documentNumber: 'LT-TP-1234567' };

const input = (lang: Language): PermitPdfInput => ({
  view,
  credential,
  lang,
  t: i18n.translator(lang),
  typeName: (l) => (l === 'lt' ? 'Laikinoji apsauga' : `temporary protection (${l})`),
  verifyUrl: 'https://vartai.example/verify',
});

function decode(png: Buffer): string | undefined {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data;
}

describe('the printed permit', () => {
  it('is a PDF', async () => {
    const pdf = await renderPermitPdf({ ...input('uk'), photo: { bytes: await permitQrPng('x') } });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    // One A4 page: the photo, the facts and the QR code fit without spilling over.
    expect(pdf.toString('latin1').match(/\/Count (\d+)/)?.[1]).toBe('1');
  });

  it('carries a QR code that reads back as the credential', async () => {
    expect(credential.length).toBeGreaterThan(1500);
    expect(decode(await permitQrPng(credential))).toBe(credential);
  });

  it('prints the facts in the holder language', () => {
    const rows = permitRows(input('en'));
    expect(rows).toContainEqual(['Permit number', 'LT-TP-1234567']);
    expect(rows).toContainEqual(['Right to work', 'Yes']);
    expect(rows).toContainEqual(['Date of birth', 'May 17, 1990']);
    expect(permitRows(input('lt'))).toContainEqual(['Pavardė', 'KOVALENKO']);
  });
});
