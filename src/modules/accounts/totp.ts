import { generate, generateSecret, generateURI, verify } from 'otplib';

export const TOTP_ISSUER = 'Vartai';

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

export async function totpCode(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/**
 * Checks a code allowing one step of clock drift either way; refuses any step at or before the
 * last one accepted, so an observed code cannot be replayed.
 */
export async function checkTotp(
  secret: string,
  code: string,
  at: Date,
  lastStep: number | null,
): Promise<{ ok: true; step: number } | { ok: false }> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(at.getTime() / 1000),
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid
    ? { ok: true, step: (result as unknown as { timeStep: number }).timeStep }
    : { ok: false };
}
