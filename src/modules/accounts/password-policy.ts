import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

export type PasswordProblem = 'too-short' | 'too-long' | 'common' | 'contains-email' | 'guessable';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary },
  graphs: common.adjacencyGraphs,
});
const commonPasswords = new Set(
  ((common.dictionary as Record<string, string[]>).passwords ?? []).map((p) => p.toLowerCase()),
);

/**
 * Pure password policy (ASVS V6.2): length 12–128, any characters; refuses passwords from the
 * breach-derived common list shipped with zxcvbn, passwords built around the e-mail address, and
 * passwords zxcvbn estimates as guessable. Nothing leaves the process.
 */
export function checkPassword(
  password: string,
  context: { email?: string; name?: string } = {},
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push('too-short');
  if (length > MAX_PASSWORD_LENGTH) problems.push('too-long');
  if (problems.length > 0) return problems;
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return ['common'];
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) problems.push('contains-email');
  const userInputs = [context.email, context.name, local].filter((x): x is string => Boolean(x));
  const result = zxcvbn.check(password, userInputs);
  if (result.score < 3)
    problems.push(result.sequence.some((s) => s.pattern === 'dictionary') ? 'common' : 'guessable');
  return [...new Set(problems)];
}
