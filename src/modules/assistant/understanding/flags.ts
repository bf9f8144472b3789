/**
 * The flags the answer step acts on before anything else: injection and questions about other
 * people get a refusal with no data, an explicit request for a person gets a handoff, a bare
 * greeting gets a greeting. Lexicon phrases cover the wording in the four languages; patterns
 * here cover what is structural (SQL, markup, names, personal codes).
 */
import type { Token } from './text';

/** SQL, markup and template injection, role prompts. Checked on the text as typed. */
const INJECTION_PATTERNS: RegExp[] = [
  /\bunion\s+(all\s+)?select\b/i,
  /\b(drop|truncate|alter)\s+(table|database|schema)\b/i,
  /\binsert\s+into\b|\bdelete\s+from\b|\bselect\s+[\w*,\s]+\s+from\s+\w+/i,
  /['"]\s*(or|and)\s+['"\d\w]+\s*=\s*['"\d\w]+/i,
  /\bor\s+1\s*=\s*1\b|;\s*--|\/\*[\s\S]*\*\//i,
  /<\s*\/?\s*(script|iframe|img|svg|object|embed|style|link|meta|form|input|body|html|a)\b[^>]*>?/i,
  /javascript\s*:|\bon(error|load|click|mouseover|focus)\s*=/i,
  /\{\{[\s\S]*\}\}|\$\{[\s\S]*\}|<%[\s\S]*%>/,
  /^\s*(system|assistant|developer)\s*:/im,
  /\b(new|updated|real)\s+instructions\s*:/i,
  /\bact\s+as\s+(an?\s+|the\s+|my\s+)?(admin|administrator|developer|system|root|superuser|hacker|dan|unrestricted|jailbroken|evil|gpt|chatgpt|ai|llm|different\s+(ai|assistant|bot)|another\s+(ai|assistant|bot))\b/i,
];

export function looksLikeInjection(text: string): boolean {
  return INJECTION_PATTERNS.some((p) => p.test(text));
}

/** An 11-digit Lithuanian personal code, or "code 3900…" with at least four digits. */
const PERSONAL_CODE =
  /\b[1-6]\d{10}\b|\b(code|kodas|kodu|kodą|kodo|код|кодом|коду|кода)\s*[:#№]?\s*[1-6]\d{3,}/iu;
/** "my code", "mano kodas", "мой код", "мій код" just before: their own code, not someone else's. */
const OWN_CODE =
  /\b(my|mano|мой|мій|свой|свій|savo)\s+(personal\s+|asmens\s+|личный\s+|особистий\s+)?(code|kodas|kodą|код)\b/iu;

export function mentionsOthersPersonalCode(text: string): boolean {
  return PERSONAL_CODE.test(text) && !OWN_CODE.test(text);
}

const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;
const ENGLISH_POSSESSIVE_NAME = /\b(\p{Lu}\p{Ll}+)(?:\s+(\p{Lu}\p{Ll}+))?['’]s\b/gu;

/**
 * A person's name: two capitalised words in a row that the assistant does not know as words
 * (so not "Blue Card", "Migration Department"), not at the start of a sentence; or an English
 * possessive of an unknown capitalised word ("Ivan Petrenko's", "Olena's"). `normal` is the
 * text the tokens' offsets refer to; `asTyped` still has its apostrophes.
 */
export function mentionsNamedPerson(
  asTyped: string,
  normal: string,
  tokens: Token[],
  isKnownWord: (fold: string) => boolean,
): boolean {
  for (const m of asTyped.normalize('NFKC').matchAll(ENGLISH_POSSESSIVE_NAME)) {
    const names = [m[1], m[2]].filter((n): n is string => n !== undefined);
    if (names.some((n) => !isKnownWord(n.toLowerCase()))) return true;
  }
  for (let i = 1; i < tokens.length; i++) {
    const a = tokens[i - 1]!;
    const b = tokens[i]!;
    if (!CAPITALISED.test(a.raw) || !CAPITALISED.test(b.raw)) continue;
    const before = normal.slice(0, a.at).trimEnd();
    if (before === '' || /[.!?:]$/.test(before)) continue;
    if (!isKnownWord(a.fold) && !isKnownWord(b.fold)) return true;
  }
  return false;
}
