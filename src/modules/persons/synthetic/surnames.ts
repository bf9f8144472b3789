import type { Nationality } from './nationalities';
import {
  BELARUSIAN_ROOTS,
  RUSSIAN_ROOTS,
  TURKISH_PREFIXES,
  TURKISH_SUFFIXES,
  UKRAINIAN_ROOTS,
} from './names/surname-roots';
import { zipfSampler, type Random } from './random';
import type { SyntheticVariant } from './variants';

/**
 * Surnames (masculine form) of a nationality for one variant: the listed common surnames with
 * a flattened Zipf head, and a long tail built from roots, drawn uniformly. Each variant uses
 * the even or odd half of every list and of the roots, and any tail surname that the other
 * variant could also make is dropped from both, so the two variants share no surname.
 */
interface Tail {
  roots: (n: Nationality) => readonly string[];
  make: (root: string) => string[];
  /** Share of persons whose surname is one of the listed common ones. */
  headShare: number;
}

/** Ukrainian: -юк after a consonant that softens, -ук after the others. */
function ukrainian(root: string): string[] {
  const soft = /[тднлсцрз]$/.test(root);
  return [
    `${root}енко`,
    `${root}${soft ? 'юк' : 'ук'}`,
    `${root}ишин`,
    `${root}ович`,
    `${root}ів`,
    `${root}ик`,
    `${root}ко`,
    `${root}ак`,
  ];
}

/** A Latin given name as the root of a surname: Iurie → Iur, Petru → Petr, Giga → Gig. */
const stem = (name: string) =>
  /ie$/.test(name) ? name.slice(0, -2) : name.replace(/[aeiouy]$/, '');

/** The Azerbaijani -li by vowel harmony: Həsənli, Nicatlı, Rauflu, Şükürlü. */
function azerbaijaniLi(root: string): string {
  const vowels = root.match(/[aıoueəiöü]/g) ?? ['e'];
  const last = vowels[vowels.length - 1]!;
  const suffix = 'aı'.includes(last)
    ? 'lı'
    : 'ou'.includes(last)
      ? 'lu'
      : 'öü'.includes(last)
        ? 'lü'
        : 'li';
  return root + suffix;
}

/** Russian -ков and -цев, except after a root that already ends in such a sound (Волк, Сыч). */
function russian(root: string): string[] {
  return [
    `${root}ов`,
    `${root}ин`,
    `${root}аев`,
    `${root}ский`,
    ...(/[кгх]$/.test(root) ? [] : [`${root}ков`]),
    ...(/[цчшщж]$/.test(root) ? [] : [`${root}цев`]),
  ];
}

/** Given names that end in a hard consonant serve as roots as they are (Іван → Іваненко). */
const endsHard = (name: string) => /[бгджзклмнпрстфхцчшщ]$/.test(name);

const TAILS: Record<string, Tail> = {
  UKR: {
    roots: (n) => [...UKRAINIAN_ROOTS, ...n.names.male.filter(endsHard)],
    make: ukrainian,
    headShare: 0.12,
  },
  RUS: {
    roots: (n) => [...RUSSIAN_ROOTS, ...n.names.male.filter(endsHard)],
    make: russian,
    headShare: 0.12,
  },
  BLR: {
    roots: () => BELARUSIAN_ROOTS,
    make: (r) => [`${r}евіч`, `${r}ук`, `${r}ік`, `${r}ка`, `${r}онак`, `${r}ко`, `${r}овіч`],
    headShare: 0.12,
  },
  KAZ: {
    roots: (n) => n.names.male,
    make: (r) => [/[аеиоуы]$/.test(r) ? `${r}ев` : `${r}ов`, `${r}баев`, `${r}беков`, `${r}кулов`],
    headShare: 0.3,
  },
  KGZ: {
    roots: (n) => n.names.male,
    make: (r) => [
      /[аеиоуы]$/.test(r) ? `${r}ев` : `${r}ов`,
      ...(r.endsWith('бек') ? [] : [`${r}беков`]),
      `${r}кулов`,
      `${r}алиев`,
    ],
    headShare: 0.3,
  },
  TJK: {
    roots: (n) => n.names.male,
    make: (r) => [/[аеиоуы]$/.test(r) ? `${r}ев` : `${r}ов`, `${r}зода`, `${r}и`, `${r}пур`],
    headShare: 0.3,
  },
  UZB: {
    roots: (n) => n.names.male,
    make: (r) => [/[aeiou]$/.test(r) ? `${r}yev` : `${r}ov`, `${r}jonov`, `${r}qulov`, `${r}boyev`],
    headShare: 0.3,
  },
  AZE: {
    roots: (n) => n.names.male,
    make: (r) => [/[aeiouə]$/.test(r) ? `${r}yev` : `${r}ov`, azerbaijaniLi(r), `${r}zadə`],
    headShare: 0.3,
  },
  GEO: {
    roots: (n) => n.names.male,
    make: (r) => [
      `${stem(r)}ashvili`,
      `${stem(r)}adze`,
      `${stem(r)}ava`,
      `${stem(r)}uri`,
      `${stem(r)}eli`,
    ],
    headShare: 0.3,
  },
  MDA: {
    roots: (n) => n.names.male,
    make: (r) => [`${stem(r)}escu`, `${stem(r)}eanu`, `${stem(r)}aș`],
    headShare: 0.35,
  },
  TUR: {
    roots: () => TURKISH_PREFIXES,
    make: (r) => TURKISH_SUFFIXES.map((s) => r + s),
    headShare: 0.3,
  },
};

const half = <T>(items: readonly T[], variant: SyntheticVariant) =>
  items.filter((_, i) => i % 2 === (variant === 'standard' ? 0 : 1));

function tailOf(n: Nationality, variant: SyntheticVariant): string[] {
  const tail = TAILS[n.code];
  if (!tail) return [];
  const made = (v: SyntheticVariant) => new Set(half(tail.roots(n), v).flatMap(tail.make));
  const other: SyntheticVariant = variant === 'standard' ? 'independent' : 'standard';
  const theirs = new Set([...made(other), ...n.names.surnames]);
  const ours = new Set(half(n.names.surnames, variant));
  return [...made(variant)].filter((s) => !theirs.has(s) && !ours.has(s));
}

export function surnameSampler(n: Nationality, variant: SyntheticVariant): (r: Random) => string {
  const head = zipfSampler(half(n.names.surnames, variant), 12);
  const tail = tailOf(n, variant);
  const headShare = TAILS[n.code]?.headShare ?? 1;
  if (tail.length === 0) return head;
  return (random) => (random.chance(headShare) ? head(random) : random.pick(tail));
}
