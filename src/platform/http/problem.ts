import { z } from 'zod';
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, isAppError, statusForKind } from '../errors';

/** RFC 9457 problem details, with our stable `code` and, for bad input, the fields at fault. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

/** Turns anything thrown into an AppError, so status and code are decided in one place. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const e = error as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const fields = e.validation.map((v) => {
      const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      const keys = (v.params as { keys?: unknown }).keys;
      // Unknown keys are named one by one so the caller knows exactly what to remove.
      if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
        return keys.map((k) => ({
          field: base ? `${base}.${String(k)}` : String(k),
          message: 'Unknown field',
        }));
      }
      return [{ field: base || e.validationContext || 'body', message: v.message ?? 'Invalid' }];
    });
    return new AppError('REQUEST_INVALID', 'validation', 'The request is not valid', {
      fields: fields.flat(),
    });
  }
  if (e.statusCode === 429)
    return new AppError('RATE_LIMITED', 'rate_limited', 'Too many requests');
  if (e.statusCode === 404) return new AppError('NOT_FOUND', 'not_found', 'Not found');
  if (e.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'validation', e.message);
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError(e.code ?? 'BAD_REQUEST', 'validation', e.message);
  }
  return new AppError('INTERNAL', 'internal', 'Internal error', undefined, { cause: error });
}

export function problemOf(err: AppError, instance?: string): Problem {
  const status = statusForKind[err.kind];
  const fields = err.details?.fields as { field: string; message: string }[] | undefined;
  return {
    type: `https://vartai.dev/problems/${err.code.toLowerCase().replace(/_/g, '-')}`,
    title: err.kind === 'internal' ? 'Internal error' : err.message,
    status,
    code: err.code,
    ...(instance ? { instance } : {}),
    ...(fields ? { errors: fields } : {}),
  };
}

/** The problem document as a response schema for OpenAPI (every member the handler may send). */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string().describe('Stable error code (docs/errors.md)'),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details with a stable `code`');
