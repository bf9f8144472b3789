import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { DATE_LEVELS } from './dates';
import {
  DOCUMENT_LEVELS,
  MATCH_FIELDS,
  NAME_LEVELS,
  SIMPLE_LEVELS,
  type MatchModel,
} from './types';

/**
 * A match model read from JSON (the committed default, or a file a CLI user supplies) is checked
 * here: every field of MATCH_FIELDS with probabilities for levels of that field only.
 */
const ALL_LEVELS = [
  ...new Set([...NAME_LEVELS, ...DATE_LEVELS, ...SIMPLE_LEVELS, ...DOCUMENT_LEVELS]),
] as [string, ...string[]];
const probability = z.number().min(0).max(1);

const modelSchema = z.object({
  version: z.literal(1),
  lambda: z.number().gt(0).lt(1),
  fields: z
    .array(
      z.object({
        field: z.enum(MATCH_FIELDS),
        levels: z.array(
          z.object({
            level: z.enum(ALL_LEVELS),
            m: probability,
            u: probability,
            uSameNationality: probability.optional(),
            mGivenSurname: z.array(probability).length(NAME_LEVELS.length).optional(),
          }),
        ),
      }),
    )
    .refine((fields) => MATCH_FIELDS.every((f) => fields.some((p) => p.field === f)), {
      message: `every field of ${MATCH_FIELDS.join(', ')} is needed`,
    }),
  trainedOn: z.object({
    records: z.number().int().nonnegative(),
    pairs: z.number().int().nonnegative(),
    iterations: z.number().int().nonnegative(),
    converged: z.boolean(),
  }),
});

export function parseMatchModel(json: unknown): MatchModel {
  const parsed = modelSchema.safeParse(json);
  if (!parsed.success)
    throw new AppError('PERSONS_MODEL_INVALID', 'validation', 'not a match model', {
      issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    });
  return parsed.data as MatchModel;
}
