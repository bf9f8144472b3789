/**
 * A unique constraint refused the write (SQLSTATE 23505). Both engines report it the same way:
 * `pg`'s DatabaseError and PGlite's error carry the SQLSTATE in `code`. Callers use it where the
 * database, not a prior read, decides a race (e.g. one active appointment per application).
 */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}
