/**
 * Jaro–Winkler similarity without allocating: the batch linker compares millions of name pairs,
 * and talisman's version (the reference the tests hold this one to) builds four arrays per call.
 * Same definition as talisman: match window max(⌊longer/2⌋ − 1, 0), transpositions halved and
 * floored, prefix bonus 0.1 per common leading character (at most 4) once Jaro is 0.7 or more.
 */
const MAX = 256;
const matchedInLonger = new Uint8Array(MAX);
const matchedInShorter = new Uint8Array(MAX);

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const longer = a.length >= b.length ? a : b;
  const shorter = a.length >= b.length ? b : a;
  const ll = Math.min(longer.length, MAX);
  const sl = Math.min(shorter.length, MAX);
  if (sl === 0) return 0;
  const range = Math.max(((ll / 2) | 0) - 1, 0);
  matchedInLonger.fill(0, 0, ll);
  matchedInShorter.fill(0, 0, sl);
  let matches = 0;
  for (let i = 0; i < sl; i++) {
    const c = shorter.charCodeAt(i);
    const from = Math.max(i - range, 0);
    const to = Math.min(i + range + 1, ll);
    for (let j = from; j < to; j++) {
      if (matchedInLonger[j] === 0 && longer.charCodeAt(j) === c) {
        matchedInLonger[j] = 1;
        matchedInShorter[i] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < sl; i++) {
    if (matchedInShorter[i] === 0) continue;
    while (matchedInLonger[k] === 0) k++;
    if (shorter.charCodeAt(i) !== longer.charCodeAt(k)) transpositions++;
    k++;
  }
  const t = (transpositions / 2) | 0;
  const jaro = (matches / a.length + matches / b.length + (matches - t) / matches) / 3;
  if (jaro < 0.7) return jaro;
  let prefix = 0;
  const limit = Math.min(a.length, b.length, 4);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
