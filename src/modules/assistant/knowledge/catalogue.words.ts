/**
 * Finding a ground or a branch named in a question, without the understanding step's lexicon:
 * the names come from the pack in four languages, and people inflect them ("Vilniuje",
 * "в Каунасе", "darbo"), so words match on a shared beginning rather than exactly.
 */

/** Lower case, no diacritics (people often type Lithuanian without them), letters only. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

// Short function words shared by many names; matching them would pick a ground at random.
const STOP = new Set([
  'under',
  'with',
  'from',
  'your',
  'other',
  'pagal',
  'arba',
  'kitais',
  'kiti',
  'если',
  'или',
  'для',
  'через',
  'другие',
  'або',
  'якщо',
  'have',
  'because',
  'when',
  'that',
  'this',
  'kuris',
  'kurie',
  'когда',
  'потому',
  'коли',
  'тому',
  'інші',
]);

// "Lithuania(n)" is in many questions about everything ("leidimas gyventi Lietuvoje"), so it names
// no ground (the Lithuanian-descent ground is found by "descent", "kilmė", "происхождение").
const COUNTRY = /^(lietuv|lithuan|литв|литов)/;
/** A number in a name ("5 years of residence") is as telling as a word, and matched exactly. */
const NUMBER = /^\d+$/;

/** Name words worth matching: long enough and not a function word. */
export function nameWords(names: string[]): string[] {
  return [...new Set(names.flatMap(words))].filter(
    (w) => NUMBER.test(w) || (w.length >= 4 && !STOP.has(w) && !COUNTRY.test(w)),
  );
}

const sharedStart = (a: string, b: string) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/**
 * Whether a word of the question is a form of a name word: they share a beginning of at least 4
 * letters and differ only in an ending of up to `ending` letters.
 */
export function sameWord(name: string, asked: string, ending: number): boolean {
  if (NUMBER.test(name) || NUMBER.test(asked)) return name === asked;
  const shared = sharedStart(name, asked);
  return shared >= 4 && shared >= Math.min(name.length, asked.length) - ending;
}

const HEAD_WORD = 0.01;

/**
 * The candidate best named in the question: the share of its name words the question uses, the
 * best language counting; undefined when none is named or two are named equally well.
 */
export function bestNamed<T>(
  asked: string[],
  candidates: { item: T; names: string[][] }[],
  ending: number,
  options: { minShare?: number; ignore?: string[] } = {},
): T | undefined {
  // Words of the whole (the service's own name) say nothing about which part is meant.
  const ignore = nameWords(options.ignore ?? []);
  const minShare = options.minShare ?? 0;
  let best: { item: T; share: number } | undefined;
  let tie = false;
  for (const c of candidates) {
    let share = 0;
    for (const name of c.names) {
      const all = nameWords(name);
      const own = all.filter((w) => !ignore.some((i) => sameWord(i, w, ending)));
      // A part named just like the whole ("Passport" of "Identity card and passport") keeps it.
      const ws = own.length > 0 ? own : all;
      if (ws.length === 0) continue;
      const used = (w: string) => asked.some((a) => sameWord(w, a, ending));
      const hit = ws.filter(used).length;
      // Between names matched equally, the one whose head word matched ("Work under a contract"
      // rather than "Research work") is what a person naming just that word means.
      share = Math.max(share, hit / ws.length + (hit > 0 && used(ws[0]!) ? HEAD_WORD : 0));
    }
    if (share === 0 || share < minShare) continue;
    if (!best || share > best.share) {
      best = { item: c.item, share };
      tie = false;
    } else if (share === best.share) tie = true;
  }
  return tie ? undefined : best?.item;
}
