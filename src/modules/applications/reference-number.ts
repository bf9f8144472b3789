/**
 * Reference numbers people read out on the phone: VRT-<year>-<7 digits>-<check digit>. The check
 * digit (Luhn over the digits) catches a mistyped or swapped digit before a lookup is made.
 */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function formatReference(year: number, running: number): string {
  const number = String(running).padStart(7, '0');
  return `VRT-${year}-${number}-${luhnDigit(`${year}${number}`)}`;
}

const PATTERN = /^VRT-(\d{4})-(\d{7})-(\d)$/;

export function isValidReference(text: string): boolean {
  const m = PATTERN.exec(text.trim().toUpperCase());
  return Boolean(m && luhnDigit(`${m[1]}${m[2]}`) === Number(m[3]));
}
