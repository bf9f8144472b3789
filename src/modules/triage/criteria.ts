import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { triageErrors } from './errors';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Texts = z.strictObject({
  lt: z.string().min(1),
  en: z.string().min(1),
  ru: z.string().min(1),
  uk: z.string().min(1),
});
export type TriageTexts = z.infer<typeof Texts>;

/**
 * The signals a criterion may name. They are a closed list read by code from `TriageFeatures`,
 * so pack data chooses which signals count and how much, but can never reach an input the
 * schema does not have.
 */
export const FLAG_SIGNALS = [
  'registry-hit',
  'registry-not-confirmed',
  'identity-review-pending',
  'inconsistency',
  'travel-document-unreadable',
] as const;
export const WEIGHT_SIGNALS = [
  'complete',
  'eligibility-all-met',
  'eligibility-not-met',
  'eligibility-cannot-tell',
  'registry-waiting',
  'identity-linked',
  'identity-new-person',
  'identity-not-matched',
  'travel-document-valid-for-permit',
  'travel-document-not-valid-for-permit',
] as const;
/** What routine needs besides "no flag"; each unmet one is decisive for `standard`. */
export const ROUTINE_CONDITIONS = [
  'complete',
  'eligibility-all-met',
  'registries-answered',
  'registries-clear',
  'points-threshold',
] as const;
export type FlagSignal = (typeof FLAG_SIGNALS)[number];
export type WeightSignal = (typeof WEIGHT_SIGNALS)[number];
export type RoutineCondition = (typeof ROUTINE_CONDITIONS)[number];

const Id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens');

const Flag = z.strictObject({
  id: Id,
  signal: z.enum(FLAG_SIGNALS),
  /** registry-not-confirmed: the registries that confirm facts (a "not confirmed" from them). */
  registries: z.array(z.string().min(1)).optional(),
  name: Texts,
  explain: Texts,
});
const Weight = z.strictObject({
  id: Id,
  signal: z.enum(WEIGHT_SIGNALS),
  /** Points when the signal holds; counted signals give this many points per count. */
  points: z.number().int().min(-20).max(20),
  name: Texts,
  explain: Texts,
});

export const TriageCriteria = z
  .strictObject({
    version: Day,
    effectiveFrom: Day,
    /** Where the reasoning behind these criteria is written down. */
    sources: z.array(z.strictObject({ title: z.string().min(1), url: z.url() })).min(1),
    routine: z.strictObject({
      threshold: z.number().int(),
      conditions: z.record(
        z.enum(ROUTINE_CONDITIONS),
        z.strictObject({ name: Texts, explain: Texts }),
      ),
    }),
    flags: z.array(Flag).min(1),
    weights: z.array(Weight),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    for (const [i, x] of [...c.flags, ...c.weights].entries()) {
      if (seen.has(x.id))
        ctx.addIssue({ code: 'custom', path: ['criteria', i], message: `criterion ${x.id} twice` });
      seen.add(x.id);
    }
    for (const k of ROUTINE_CONDITIONS) {
      if (!c.routine.conditions[k])
        ctx.addIssue({ code: 'custom', path: ['routine', 'conditions', k], message: 'missing' });
    }
    for (const [i, f] of c.flags.entries()) {
      if (f.signal === 'registry-not-confirmed' && !f.registries?.length)
        ctx.addIssue({
          code: 'custom',
          path: ['flags', i, 'registries'],
          message: 'name the registries that confirm facts',
        });
    }
  });
export type TriageCriteria = z.infer<typeof TriageCriteria>;

export const DEFAULT_CRITERIA_DIR = join(
  import.meta.dirname,
  '../../../content/lt/triage/criteria',
);

/** Reads one criteria version from YAML text; errors name the file and field. */
export function parseCriteria(text: string, name: string): TriageCriteria {
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    throw triageErrors.criteriaInvalid(name, '', `not YAML: ${(e as Error).message}`);
  }
  const parsed = TriageCriteria.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw triageErrors.criteriaInvalid(name, issue.path.join('.'), issue.message);
  }
  if (`${parsed.data.version}.yaml` !== name.split('/').pop() && name.endsWith('.yaml'))
    throw triageErrors.criteriaInvalid(name, 'version', 'differs from the file name');
  return parsed.data;
}

/** Every criteria version in the folder, oldest first (validated at start-up). */
export function loadCriteria(dir: string = DEFAULT_CRITERIA_DIR): TriageCriteria[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const all = files.map((f) => parseCriteria(readFileSync(join(dir, f), 'utf8'), f));
  if (all.length === 0) throw triageErrors.criteriaInvalid(dir, '', 'no criteria version');
  return all.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

/** The version in force on a day (YYYY-MM-DD): the latest whose effectiveFrom is not after it. */
export function criteriaInForce(all: readonly TriageCriteria[], day: string): TriageCriteria {
  let found: TriageCriteria | undefined;
  for (const c of all)
    if (c.effectiveFrom <= day && (!found || c.effectiveFrom >= found.effectiveFrom)) found = c;
  if (!found) throw triageErrors.noCriteriaInForce(day);
  return found;
}

/** A version by its name (replay uses the version the run logged). */
export function criteriaVersion(all: readonly TriageCriteria[], version: string): TriageCriteria {
  const found = all.find((c) => c.version === version);
  if (!found) throw triageErrors.unknownVersion(version);
  return found;
}
