/**
 * Nationality groups (content/lt/analytics/nationality-groups.yaml, ADR 0015): analytics keeps a
 * group, never a nationality, so its facts identify nobody by a rare citizenship. Validated with
 * Zod at start-up; a broken file, or a code in two groups, stops start-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Language } from '../../platform/i18n';
import { nationalityGroupsErrors as errors } from './nationality-groups.errors';

export const DEFAULT_NATIONALITY_GROUPS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../content/lt/analytics/nationality-groups.yaml',
);

/** Any well-formed code not listed in a group; counted, never dropped. */
export const OTHER_GROUP = 'other';
/** No nationality answer at all. */
export const UNKNOWN_GROUP = 'unknown';

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id');
/** The simulation's ids: `UA`, `EU` … and lower-case `other`, `unknown`. */
const GroupId = z
  .string()
  .regex(/^([A-Z]{2}|[a-z]+)$/, 'must be two capitals or a lower-case word');
/** ISO 3166-1 alpha-3, upper case, as the application's `country` answer is stored. */
const Alpha3 = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 code, e.g. UKR');
const Names = z.strictObject({
  lt: z.string().min(1),
  en: z.string().min(1),
  ru: z.string().min(1),
  uk: z.string().min(1),
});
const Group = z.strictObject({
  id: GroupId,
  names: Names,
  codes: z.array(Alpha3),
  source: Slug.optional(),
  note: z.string().min(1).optional(),
});
const File = z.strictObject({
  sources: z.array(z.strictObject({ id: Slug, url: z.url(), date: z.string().min(1) })).min(1),
  groups: z.array(Group).min(1),
});
export type NationalityGroup = z.infer<typeof Group>;

export interface NationalityGroups {
  /** Group ids in the file's order, which is the order the dashboards show them in. */
  readonly ids: readonly string[];
  readonly groups: readonly NationalityGroup[];
  /** The group of an ISO 3166 alpha-3 code: `other` when listed nowhere, `unknown` when absent. */
  groupOf(alpha3: string | null | undefined): string;
  /** The group's name in `lang`; an id no longer in the file (old facts) shows as itself. */
  name(id: string, lang: Language): string;
}

/** Checks a parsed file; throws `ANALYTICS_NATIONALITY_*` naming the first fault. */
export function parseNationalityGroups(raw: unknown): NationalityGroups {
  const result = File.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw errors.invalid(issue.path.map(String).join('.'), issue.message);
  }
  const { sources, groups } = result.data;
  const byId = new Map<string, NationalityGroup>();
  const byCode = new Map<string, string>();
  groups.forEach((g, i) => {
    if (byId.has(g.id)) throw errors.invalid(`groups.${i}.id`, `group ${g.id} is listed twice`);
    byId.set(g.id, g);
    if (g.source && !sources.some((s) => s.id === g.source))
      throw errors.invalid(`groups.${i}.source`, `unknown source ${g.source}`);
    const catchAll = g.id === OTHER_GROUP || g.id === UNKNOWN_GROUP;
    // `other` and `unknown` are defined by what is not listed; a code there would be ambiguous.
    if (catchAll && g.codes.length > 0)
      throw errors.invalid(`groups.${i}.codes`, `${g.id} must list no codes`);
    // A group without codes could never be chosen, so its facts would always be empty.
    if (!catchAll && g.codes.length === 0)
      throw errors.invalid(`groups.${i}.codes`, `${g.id} lists no codes`);
    for (const code of g.codes) {
      const first = byCode.get(code);
      if (first === g.id)
        throw errors.invalid(`groups.${i}.codes`, `${code} is listed twice in ${g.id}`);
      if (first !== undefined) throw errors.codeInTwoGroups(code, [first, g.id]);
      byCode.set(code, g.id);
    }
  });
  for (const required of [OTHER_GROUP, UNKNOWN_GROUP])
    if (!byId.has(required)) throw errors.invalid('groups', `group ${required} is missing`);

  return {
    ids: groups.map((g) => g.id),
    groups,
    groupOf(alpha3) {
      const code = (alpha3 ?? '').trim().toUpperCase();
      if (code === '') return UNKNOWN_GROUP;
      return byCode.get(code) ?? OTHER_GROUP;
    },
    name: (id, lang) => byId.get(id)?.names[lang] ?? id,
  };
}

/** Reads and checks the file; a missing or unparsable file is `ANALYTICS_NATIONALITY_GROUPS_INVALID`. */
export function loadNationalityGroups(file = DEFAULT_NATIONALITY_GROUPS_FILE): NationalityGroups {
  let raw: unknown;
  try {
    raw = parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw errors.invalid('', `${path.basename(file)}: ${(e as Error).message}`);
  }
  return parseNationalityGroups(raw);
}
