import { AppError } from '../../../platform/errors';

/** Stable codes of the assistant's knowledge sources (the FAQ pack). */
export const knowledgeErrors = {
  /** A FAQ file is not valid YAML, breaks the FAQ schema, or repeats an entry id; start-up stops. */
  faqInvalid: (file: string, entry: string, field: string, problem: string) =>
    new AppError(
      'ASSISTANT_FAQ_INVALID',
      'internal',
      `FAQ file ${file}: entry ${entry || '(file)'}: ${field || '(entry)'}: ${problem}`,
      { file, entry, field, problem },
    ),
};
