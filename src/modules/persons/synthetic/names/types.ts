/**
 * A nationality's names as its own documents write them (original script), most common first:
 * the generator draws by rank with Zipf-like weights. Surnames are in the masculine form; the
 * nationality's rules derive the feminine one (Іванов → Іванова). Places of birth list each
 * place's spellings, the first as the source country writes it, the rest as others do
 * (Київ, Kiev), so that "place of birth written differently" is realistic.
 */
export interface NameList {
  male: readonly string[];
  female: readonly string[];
  surnames: readonly string[];
  places: readonly (readonly string[])[];
}

/** A list written as words separated by white space (names here have no spaces in them). */
export function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}
