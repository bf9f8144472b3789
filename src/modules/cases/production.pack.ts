/**
 * The production part of the country pack (content/lt/production/documents.yaml): which held
 * document a service produces and how long it is valid. Validated with Zod at start-up; a broken
 * file stops start-up, naming file and field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const DEFAULT_PRODUCTION_PACK = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../content/lt/production/documents.yaml',
);

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id');
const Kind = z.enum([
  'residence-permit',
  'permanent-residence-permit',
  'eu-residence-card',
  'passport',
  'identity-card',
]);
const Step = z.strictObject({
  underAge: z.number().int().positive().optional(),
  years: z.number().int().positive(),
});
const Document = z
  .strictObject({
    service: Slug,
    ground: Slug.optional(),
    kind: Kind,
    /** In order; the first step whose `underAge` the holder is under applies; the last has none. */
    validity: z.array(Step).min(1),
    source: Slug,
    uncertain: z.literal(true).optional(),
    note: z.string().min(1).optional(),
  })
  .refine(
    (d) => d.validity.at(-1)?.underAge === undefined,
    'the last validity step has no underAge',
  )
  .refine((d) => !d.uncertain || d.note, 'an uncertain fact needs a note');
const File = z
  .strictObject({
    sources: z.array(z.strictObject({ id: Slug, url: z.url(), date: z.string().min(1) })).min(1),
    documents: z.array(Document).min(1),
  })
  .refine(
    (f) => f.documents.every((d) => f.sources.some((s) => s.id === d.source)),
    'every source must be listed under sources',
  );
export type ProducedDocument = z.infer<typeof Document>;

/** Reads and checks the pack file; throws naming the file and the first bad field. */
export function loadProductionPack(file = DEFAULT_PRODUCTION_PACK) {
  const result = File.safeParse(parse(fs.readFileSync(file, 'utf8')));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(
      `Country pack file ${path.basename(file)}: ${issue.path.map(String).join('.')}: ${issue.message}`,
    );
  }
  const documents = result.data.documents;
  const find = (serviceId: string, groundId: string | null) =>
    documents.find((d) => d.service === serviceId && (!d.ground || d.ground === groundId));
  return {
    documents,
    /** The document a service (and ground) produces; undefined when it produces none. */
    find,
    /**
     * The last valid day (YYYY-MM-DD) of a document issued on `issuedOn` to a holder born on
     * `dateOfBirth`: the same calendar day `years` later, minus one day.
     */
    expiresOn(d: ProducedDocument, issuedOn: string, dateOfBirth: string): string {
      const age = wholeYears(dateOfBirth, issuedOn);
      const step = d.validity.find((s) => s.underAge === undefined || age < s.underAge)!;
      const [y, m, day] = issuedOn.split('-').map(Number) as [number, number, number];
      const end = new Date(Date.UTC(y + step.years, m - 1, day));
      end.setUTCDate(end.getUTCDate() - 1);
      return end.toISOString().slice(0, 10);
    },
  };
}
export type ProductionPack = ReturnType<typeof loadProductionPack>;

function wholeYears(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}
