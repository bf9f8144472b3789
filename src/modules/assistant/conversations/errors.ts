import { AppError } from '../../../platform/errors';

/** Stable codes of the assistant's conversations and contact-centre desk (docs/errors.md). */
export const conversationsErrors = {
  /** Also for a conversation that is not the asker's: its existence is not confirmed. */
  notFound: () =>
    new AppError(
      'ASSISTANT_CONVERSATION_NOT_FOUND',
      'not_found',
      'No such conversation, or not yours to see',
    ),
  notWaiting: () =>
    new AppError(
      'ASSISTANT_NOT_WAITING',
      'conflict',
      'The conversation is not in the contact-centre queue (not handed off, or closed)',
    ),
  closed: () =>
    new AppError('ASSISTANT_CONVERSATION_CLOSED', 'conflict', 'The conversation is closed'),
  forbidden: () =>
    new AppError(
      'ASSISTANT_DESK_FORBIDDEN',
      'forbidden',
      'The assistant desk is for the contact centre',
    ),
  invalid: (fields: Record<string, string>) =>
    new AppError('ASSISTANT_INPUT_INVALID', 'validation', 'The input is not valid', {
      fields: Object.entries(fields).map(([field, message]) => ({ field, message })),
    }),
  draftNotFound: () =>
    new AppError('ASSISTANT_FAQ_DRAFT_NOT_FOUND', 'not_found', 'No such FAQ draft'),
  notADraft: () =>
    new AppError('ASSISTANT_FAQ_DRAFT_REVIEWED', 'conflict', 'The FAQ draft was already reviewed'),
  fourEyes: () =>
    new AppError(
      'ASSISTANT_FOUR_EYES',
      'forbidden',
      'An FAQ entry is reviewed by someone other than the agent who proposed it',
    ),
  notAReply: () =>
    new AppError(
      'ASSISTANT_NOT_A_REPLY',
      'conflict',
      'Only an agent reply can be proposed as an FAQ entry',
    ),
};
