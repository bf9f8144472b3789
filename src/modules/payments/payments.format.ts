/** An amount in the payer's language, e.g. `12,00 €` in Lithuanian and `€12.00` in English. */
export function formatMoney(cents: number, currency: string, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(cents / 100);
}
