import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying the simulator's notification signature: `t=<unix seconds>,v1=<hex>`. */
export const SIGNATURE_HEADER = 'x-payment-signature';
/** Older (or further in the future) timestamps are refused, so a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_S = 300;

const mac = (secret: string, t: number, body: Buffer | string) =>
  createHmac('sha256', secret)
    .update(`${t}.`)
    .update(typeof body === 'string' ? Buffer.from(body) : body)
    .digest('hex');

/** HMAC-SHA256 over `<timestamp>.<raw body>`, as card gateways sign their webhooks. */
export function signatureHeader(secret: string, body: Buffer | string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${mac(secret, t, body)}`;
}

export type SignatureCheck = 'ok' | 'signature-missing' | 'signature-invalid' | 'timestamp-expired';

export function checkSignature(
  secret: string,
  header: string | undefined,
  body: Buffer,
  now: Date,
): SignatureCheck {
  if (!header) return 'signature-missing';
  const parts = new Map(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return 'signature-invalid';
  const expected = Buffer.from(mac(secret, t, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return 'signature-invalid';
  // Checked after the MAC, so an attacker learns nothing about timing from a forged header.
  if (Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_S) return 'timestamp-expired';
  return 'ok';
}
