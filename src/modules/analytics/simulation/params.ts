/**
 * The parameters of the simulated Department (content/lt/analytics/simulation.yaml), checked with
 * Zod at load: every figure names a source or says it is an assumption, weights are non-negative
 * and not all zero, and cross-references (groups, sources) resolve. The holidays come from the
 * country pack so that simulated legal deadlines count working days as the cases module does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DEFAULT_PACK_ROOT, type HolidayRules } from '../../catalogue';
import { simulationErrors } from './errors';

export const DEFAULT_SIMULATION_FILE = path.join(DEFAULT_PACK_ROOT, 'analytics', 'simulation.yaml');
export const DEFAULT_HOLIDAYS_FILE = path.join(DEFAULT_PACK_ROOT, 'reference', 'holidays.yaml');

export const CHANNELS = ['portal', 'partner', 'branch'] as const;
export type SimChannel = (typeof CHANNELS)[number];

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id');
const Year = z.string().regex(/^\d{4}$/, 'must be a year');
/** Where a figure comes from: a listed source, `service` (its content/lt/services file), or a guess. */
const Provenance = {
  source: z.string().min(1).optional(),
  assumption: z.literal(true).optional(),
  uncertain: z.literal(true).optional(),
  note: z.string().min(1).optional(),
};
const sourced = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ ...shape, ...Provenance }).refine(
    (o) => {
      const p = o as { source?: string; assumption?: true };
      return p.source !== undefined || p.assumption === true;
    },
    { message: 'needs a source or assumption: true' },
  );
const Share = z.number().min(0).max(1);
const Weights = z
  .record(z.string(), z.number().min(0))
  .refine((w) => Object.values(w).some((v) => v > 0), 'weights must not all be zero');
const Range = z
  .tuple([z.number().int().min(0), z.number().int().min(0)])
  .refine(([a, b]) => a <= b, 'range must be [min, max]');
const Months = z.array(z.number().min(0)).length(12);
const Term = sourced({
  amount: z.number().int().min(0),
  unit: z.enum(['days', 'working-days', 'months']),
  startsAt: z.enum(['submission', 'application-accepted']).optional(),
});

const Stream = z.strictObject({
  id: Slug,
  /** The catalogue service (content/lt/services/<service>.yaml). */
  service: Slug,
  kind: z.enum(['first', 'renewal', 'replacement', 'report']),
  volume: z.strictObject({
    /** Applications in a calendar year; other years follow `growth` from the nearest listed one. */
    years: z.record(Year, sourced({ count: z.number().int().min(0) })),
    /** No applications before this year (e.g. temporary protection from 2022). */
    startYear: z.number().int().optional(),
  }),
  growth: sourced({ value: z.number().min(-0.9).max(5) }).optional(),
  monthly: sourced({ weights: Months }),
  monthlyByYear: z.record(Year, sourced({ weights: Months })).optional(),
  grounds: sourced({ weights: Weights }),
  nationality: sourced({ weights: Weights }),
  channels: sourced({ weights: Weights }),
  branches: sourced({ weights: Weights }).optional(),
  visit: sourced({ required: z.boolean(), lagDays: Range.optional() }),
  term: Term,
  termByGround: z.record(Slug, Term).optional(),
  decision: sourced({
    /** Fewest calendar days from the term's start to a decision. */
    minDays: z.number().int().min(0),
    /** Median decision time as a share of the legal term, among decisions within it. */
    medianShareOfTerm: z.number().gt(0).lt(1),
    withinTermShare: Share,
    /** Mean calendar days past the deadline of the late decisions (exponential tail). */
    tailMeanDays: z.number().gt(0),
  }),
  informationRequestShare: sourced({ value: Share }),
  refusalShare: sourced({ value: Share }),
  /** A document to make and hand over after a grant; absent when the decision is the outcome. */
  production: sourced({ workingDays: Range, collectDays: Range }).optional(),
});

export const SimulationFile = z.strictObject({
  sources: z.array(
    z.strictObject({
      id: Slug,
      url: z.string().min(1),
      date: z.string().min(1),
      note: z.string().optional(),
    }),
  ),
  growth: sourced({ value: z.number().min(-0.9).max(5) }),
  groups: z.array(z.string().min(1)).min(1),
  dayOfWeek: sourced({ weights: z.array(z.number().min(0)).length(7) }),
  holidayWeight: sourced({ value: z.number().min(0) }),
  branches: sourced({ weights: Weights }),
  visits: z.strictObject({
    noShowRate: sourced({ value: Share }),
    rebookDays: sourced({ range: Range }),
  }),
  informationRequests: z.strictObject({ answerDays: sourced({ range: Range }) }),
  officers: sourced({ decisionsPerDay: z.record(z.string(), z.number().positive()) }),
  streams: z.array(Stream).min(1),
});
export type SimulationFile = z.infer<typeof SimulationFile>;
export type SimStreamParams = SimulationFile['streams'][number];

/** The parameters a simulation runs on: the file plus the public holidays of the country pack. */
export interface SimulationParams extends SimulationFile {
  holidays: HolidayRules;
}

const Holidays = z.object({
  fixed: z.array(z.string().regex(/^\d{2}-\d{2}$/)),
  easterOffsets: z.array(z.number().int()),
});

function readYaml(file: string): unknown {
  try {
    return parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw simulationErrors.paramsInvalid('', (e as Error).message);
  }
}

/** Cross-references Zod cannot see: sources, groups, channels and duplicate ids. */
function checkReferences(p: SimulationFile): void {
  const invalid = simulationErrors.paramsInvalid;
  const sources = new Set(['service', ...p.sources.map((s) => s.id)]);
  const groups = new Set(p.groups);
  const visit = (value: unknown, at: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${at}.${i}`));
    if (value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      if (k === 'source' && typeof v === 'string' && !sources.has(v))
        throw invalid(`${at}.source`, `unknown source ${v}`);
      visit(v, at ? `${at}.${k}` : k);
    }
  };
  visit({ ...p, sources: undefined }, '');
  const ids = new Set<string>();
  p.streams.forEach((s, i) => {
    if (ids.has(s.id)) throw invalid(`streams.${i}.id`, `duplicate ${s.id}`);
    ids.add(s.id);
    for (const g of Object.keys(s.nationality.weights))
      if (!groups.has(g)) throw invalid(`streams.${i}.nationality`, `unknown group ${g}`);
    for (const c of Object.keys(s.channels.weights))
      if (!(CHANNELS as readonly string[]).includes(c))
        throw invalid(`streams.${i}.channels`, `unknown channel ${c}`);
    for (const g of Object.keys(s.termByGround ?? {}))
      if (!(g in s.grounds.weights))
        throw invalid(`streams.${i}.termByGround`, `unknown ground ${g}`);
    if (s.visit.required && !s.visit.lagDays)
      throw invalid(`streams.${i}.visit.lagDays`, 'a required visit needs lagDays');
    if (Object.keys(s.volume.years).length === 0)
      throw invalid(`streams.${i}.volume.years`, 'needs at least one year');
  });
}

/** Reads and checks the simulation parameters (and the pack's holidays). */
export function loadSimulationParams(
  file: string = DEFAULT_SIMULATION_FILE,
  holidaysFile: string = DEFAULT_HOLIDAYS_FILE,
): SimulationParams {
  const r = SimulationFile.safeParse(readYaml(file));
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw simulationErrors.paramsInvalid(issue.path.map(String).join('.'), issue.message);
  }
  checkReferences(r.data);
  const h = Holidays.safeParse(readYaml(holidaysFile));
  if (!h.success) throw simulationErrors.paramsInvalid('holidays', h.error.issues[0]!.message);
  return { ...r.data, holidays: h.data };
}
