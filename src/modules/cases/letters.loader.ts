/**
 * The decision part of the country pack (content/lt/letters/): legal grounds per outcome and the
 * letter templates with how to appeal. Validated with Zod at start-up like the catalogue
 * (src/modules/catalogue/catalogue.loader.ts): a broken file stops start-up, naming file and field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { casesErrors } from './errors';

/** content/lt/letters of this repository. */
export const DEFAULT_LETTERS_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'content',
  'lt',
  'letters',
);

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id');
const Text = z.strictObject({
  lt: z.string().min(1),
  en: z.string().min(1),
  ru: z.string().min(1),
  uk: z.string().min(1),
});
/** Lithuanian is required (the authentic text); other languages where a version exists. */
const PartialText = z.strictObject({
  lt: z.string().min(1),
  en: z.string().min(1).optional(),
  ru: z.string().min(1).optional(),
  uk: z.string().min(1).optional(),
});
const Source = z.strictObject({
  id: Slug,
  url: z.url(),
  date: z.union([z.date().transform((d) => d.toISOString().slice(0, 10)), z.string().min(1)]),
});
/** A fact the research leaves open carries `uncertain: true` and says why. */
const Sourced = {
  source: Slug,
  uncertain: z.literal(true).optional(),
  note: z.string().min(1).optional(),
};

const Ground = z.strictObject({ id: Slug, name: Text, basis: Text, ...Sourced });
export type LegalGround = z.infer<typeof Ground>;

export const GroundsFile = z.strictObject({
  sources: z.array(Source).min(1),
  grounds: z.strictObject({
    grant: z.array(Ground),
    refuse: z.array(Ground).min(1),
    terminate: z.array(Ground).min(1),
    revoke: z.array(Ground).min(1),
  }),
});

const Appeal = z.strictObject({
  services: z.union([z.literal('default'), z.array(Slug).min(1)]),
  body: PartialText,
  term_days: z.number().int().positive(),
  ...Sourced,
});
export type AppealRule = z.infer<typeof Appeal>;
const Letter = z.strictObject({ title: PartialText, body: PartialText });
export type LetterTemplate = z.infer<typeof Letter>;

export const TemplatesFile = z.strictObject({
  sources: z.array(Source).min(1),
  letters: z.strictObject({ grant: Letter, refuse: Letter, terminate: Letter, revoke: Letter }),
  appeals: z.array(Appeal).min(1),
});

export interface LettersPack {
  grounds: z.infer<typeof GroundsFile>['grounds'];
  letters: z.infer<typeof TemplatesFile>['letters'];
  appeals: AppealRule[];
}

type Issue = { path: PropertyKey[]; message: string };

function readFile<T extends z.ZodType>(root: string, rel: string, schema: T): z.infer<T> {
  let data: unknown;
  try {
    data = parse(fs.readFileSync(path.join(root, rel), 'utf8'));
  } catch (e) {
    throw casesErrors.letterPackInvalid(rel, '', (e as Error).message);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0] as Issue;
    throw casesErrors.letterPackInvalid(rel, issue.path.map(String).join('.'), issue.message);
  }
  return result.data;
}

/** Every `source` names an entry of the file's `sources`; ground ids are unique per outcome. */
function checkRefs(
  rel: string,
  sources: { id: string }[],
  items: { at: string; source: string }[],
): void {
  const known = new Set(sources.map((s) => s.id));
  for (const i of items) {
    if (!known.has(i.source))
      throw casesErrors.letterPackInvalid(rel, `${i.at}.source`, `unknown source ${i.source}`);
  }
}

export function loadLettersPack(root = DEFAULT_LETTERS_ROOT): LettersPack {
  const g = readFile(root, 'grounds.yaml', GroundsFile);
  const refs: { at: string; source: string }[] = [];
  for (const [outcome, list] of Object.entries(g.grounds)) {
    const seen = new Set<string>();
    list.forEach((ground, i) => {
      if (seen.has(ground.id))
        throw casesErrors.letterPackInvalid(
          'grounds.yaml',
          `grounds.${outcome}.${i}.id`,
          `duplicate ${ground.id}`,
        );
      seen.add(ground.id);
      refs.push({ at: `grounds.${outcome}.${i}`, source: ground.source });
    });
  }
  checkRefs('grounds.yaml', g.sources, refs);
  const t = readFile(root, 'templates.yaml', TemplatesFile);
  checkRefs(
    'templates.yaml',
    t.sources,
    t.appeals.map((a, i) => ({ at: `appeals.${i}`, source: a.source })),
  );
  if (!t.appeals.some((a) => a.services === 'default'))
    throw casesErrors.letterPackInvalid('templates.yaml', 'appeals', 'needs a default rule');
  return { grounds: g.grounds, letters: t.letters, appeals: t.appeals };
}

/** How to appeal a decision on this service: the first rule naming it, else the default. */
export const appealFor = (pack: LettersPack, serviceId: string): AppealRule =>
  pack.appeals.find((a) => a.services !== 'default' && a.services.includes(serviceId)) ??
  (pack.appeals.find((a) => a.services === 'default') as AppealRule);
