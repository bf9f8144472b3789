/**
 * The permits part of the country pack (content/lt/permits/credentials.yaml): which granted
 * service gives a digital permit, its credential type, term and right to work, and the type
 * names in four languages. Validated with Zod at start-up; a broken file stops start-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { CREDENTIAL_TYPES, CredentialType } from './permits.model';

export const DEFAULT_PERMITS_PACK = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../content/lt/permits/credentials.yaml',
);

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const Names = z.strictObject({
  lt: z.string().min(1),
  en: z.string().min(1),
  ru: z.string().min(1),
  uk: z.string().min(1),
});
const Permit = z
  .strictObject({
    service: Slug,
    type: CredentialType,
    validity: z.union([
      z.strictObject({ years: z.number().int().min(1).max(30) }),
      z.strictObject({ until: Day }),
    ]),
    rightToWork: z.boolean(),
    source: Slug,
    uncertain: z.literal(true).optional(),
    note: z.string().min(1).optional(),
  })
  .refine((d) => !d.uncertain || d.note, 'an uncertain fact needs a note');
const File = z
  .strictObject({
    sources: z.array(z.strictObject({ id: Slug, url: z.url(), date: z.string().min(1) })).min(1),
    types: z.record(CredentialType, Names),
    permits: z.array(Permit).min(1),
  })
  .refine(
    (f) => f.permits.every((d) => f.sources.some((s) => s.id === d.source)),
    'every source must be listed under sources',
  )
  .refine((f) => CREDENTIAL_TYPES.every((t) => f.types[t]), 'every credential type needs names');
export type PermitEntry = z.infer<typeof Permit>;
export type PermitsPack = ReturnType<typeof loadPermitsPack>;

/** Reads and checks the pack file; throws naming the file and the first bad field. */
export function loadPermitsPack(file = DEFAULT_PERMITS_PACK) {
  const result = File.safeParse(parse(fs.readFileSync(file, 'utf8')));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(
      `Country pack file ${path.basename(file)}: ${issue.path.map(String).join('.')}: ${issue.message}`,
    );
  }
  const { permits, types } = result.data;
  return {
    permits,
    /** The permit a granted service gives; undefined when it gives none. */
    find: (serviceId: string) => permits.find((p) => p.service === serviceId),
    typeName: (type: CredentialType, lang: string) =>
      types[type]![(lang in types[type]! ? lang : 'lt') as keyof z.infer<typeof Names>],
    /** The last valid day of a permit valid from `from` (YYYY-MM-DD): `years` later less a day. */
    validUntil(p: PermitEntry, from: string): string {
      if ('until' in p.validity) return p.validity.until;
      const [y, m, d] = from.split('-').map(Number) as [number, number, number];
      const end = new Date(Date.UTC(y + p.validity.years, m - 1, d));
      end.setUTCDate(end.getUTCDate() - 1);
      return end.toISOString().slice(0, 10);
    },
  };
}
