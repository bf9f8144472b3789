import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { registriesErrors } from './errors';
import { REGISTRY_IDS, type RegistryId } from './registries.types';

const Texts = z.strictObject({
  lt: z.string().min(1),
  en: z.string().min(1),
  ru: z.string().min(1),
  uk: z.string().min(1),
});

const Slug = z.string().regex(/^[a-z][a-z0-9-]*$/);

/** One register as the pack describes it (content/lt/registries/registries.yaml). */
const RegistryEntrySchema = z
  .strictObject({
    id: z.enum(REGISTRY_IDS),
    /** screening: looks for something against the person; confirming: confirms a fact. */
    kind: z.enum(['screening', 'confirming']),
    name: Texts,
    owner: Texts,
    checks: Texts,
    legalBasis: z.string().min(1),
    sources: z.array(z.url({ protocol: /^https?$/ })).min(1),
    asynchronous: z.boolean(),
    typicalAnswer: z.union([
      z.strictObject({ minutes: z.number().int().positive() }),
      z.strictObject({
        workingDaysMin: z.number().int().positive(),
        workingDaysMax: z.number().int().positive(),
      }),
    ]),
    uncertain: z.boolean().optional(),
    note: z.string().min(1).optional(),
    neededFor: z.array(z.strictObject({ service: Slug, grounds: z.array(Slug).min(1).optional() })),
  })
  // An uncertain fact keeps the note saying what is uncertain (house rule on country facts).
  .refine((r) => !r.uncertain || r.note, { message: 'uncertain needs a note', path: ['note'] });

export const RegistriesPack = z
  .strictObject({ registries: z.array(RegistryEntrySchema).min(1) })
  .refine((p) => new Set(p.registries.map((r) => r.id)).size === p.registries.length, {
    message: 'a registry is listed twice',
    path: ['registries'],
  });
export type RegistriesPack = z.infer<typeof RegistriesPack>;
export type RegistryEntry = z.infer<typeof RegistryEntrySchema>;

export const DEFAULT_REGISTRIES_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../content/lt/registries/registries.yaml',
);

/** Reads and validates the pack; a broken pack stops start-up (REGISTRIES_PACK_INVALID). */
export function loadRegistriesPack(file: string = DEFAULT_REGISTRIES_FILE): RegistriesPack {
  let raw: unknown;
  try {
    raw = parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw registriesErrors.packInvalid(file, [(e as Error).message]);
  }
  return parsePack(raw, file);
}

export function parsePack(raw: unknown, file = '(pack)'): RegistriesPack {
  const result = RegistriesPack.safeParse(raw);
  if (!result.success) {
    throw registriesErrors.packInvalid(
      file,
      result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
    );
  }
  return result.data;
}

/** The registers a service (and ground) needs, in the pack's order. */
export function registriesNeeded(
  pack: RegistriesPack,
  serviceId: string,
  groundId: string | null,
): RegistryId[] {
  return pack.registries
    .filter((r) =>
      r.neededFor.some(
        (n) =>
          n.service === serviceId &&
          (!n.grounds || (groundId !== null && n.grounds.includes(groundId))),
      ),
    )
    .map((r) => r.id);
}
