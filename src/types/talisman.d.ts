/**
 * Type declarations for the parts of talisman (MIT, CommonJS, ships no .d.ts) that the identity
 * matcher uses: Daitch–Mokotoff Soundex for phonetic codes of Slavic and Baltic names, and
 * Jaro–Winkler as the reference the matcher's own allocation-free version is tested against.
 */
declare module 'talisman/phonetics/daitch-mokotoff' {
  /** Every Daitch–Mokotoff code of a name (several where a letter group reads two ways). */
  export default function daitchMokotoff(name: string): string[];
}

declare module 'talisman/phonetics/double-metaphone' {
  /** The primary and alternate Double Metaphone codes of a word. */
  export default function doubleMetaphone(word: string): [string, string];
}

declare module 'talisman/metrics/jaro-winkler' {
  /** Jaro–Winkler similarity, 0 (nothing alike) to 1 (equal). */
  export default function jaroWinkler(a: string, b: string): number;
}
