/**
 * Type declarations for the parts of the @nlpjs language packages (MIT, CommonJS, ship no .d.ts)
 * that the assistant's understanding step uses: the Snowball-style stemmers for Lithuanian,
 * English, Russian and Ukrainian. Each stemmer works on one lower-case word at a time.
 */
interface NlpjsStemmer {
  /** The stem of one lower-case word (may return the word itself). */
  stemWord(word: string): string;
}
type NlpjsStemmerClass = new () => NlpjsStemmer;

declare module '@nlpjs/lang-lt' {
  export const StemmerLt: NlpjsStemmerClass;
}
declare module '@nlpjs/lang-en-min' {
  export const StemmerEn: NlpjsStemmerClass;
}
declare module '@nlpjs/lang-ru' {
  export const StemmerRu: NlpjsStemmerClass;
}
declare module '@nlpjs/lang-uk' {
  export const StemmerUk: NlpjsStemmerClass;
}
