import { AppError } from '../../platform/errors';

/** Stable codes of the appointments module (docs/errors.md). */
export const appointmentsErrors = {
  packInvalid: (field: string, problem: string) =>
    new AppError(
      'APPOINTMENTS_PACK_INVALID',
      'internal',
      `Country pack file branches.yaml: ${field || '(file)'}: ${problem}`,
      { file: 'branches.yaml', field, problem },
    ),
  /** The branch desk (desk.service.ts): an unknown branch, visit or one of another branch. */
  deskNotFound: () =>
    new AppError(
      'APPOINTMENTS_DESK_NOT_FOUND',
      'not_found',
      'No such branch desk, appointment or desk visit that you may see',
    ),
  walkInsNotAllowed: (branch: string) =>
    new AppError(
      'APPOINTMENTS_WALK_INS_NOT_ALLOWED',
      'conflict',
      `Branch ${branch} serves booked visits only`,
      { branch },
    ),
  /** The partner API's refusals of a booking, move or cancellation (visit.api.ts). */
  taken: () =>
    new AppError(
      'APPOINTMENT_TAKEN',
      'conflict',
      'That time is no longer free (or is not one this application may book); choose another',
    ),
  alreadyBooked: () =>
    new AppError(
      'APPOINTMENT_ALREADY_BOOKED',
      'conflict',
      'The application got a visit booked by another request meanwhile; read it and move it instead',
    ),
  changeBlocked: (until: Date) =>
    new AppError(
      'APPOINTMENT_CHANGE_BLOCKED',
      'conflict',
      `The visit was changed too often: booking is blocked until ${until.toISOString()}`,
      { until: until.toISOString() },
    ),
  confirmBlock: () =>
    new AppError(
      'APPOINTMENT_CONFIRM_BLOCK',
      'conflict',
      'This change would block booking for this application for a while; repeat the request with acceptBlock true to make it',
    ),
  notEligible: (reason: 'not-submitted' | 'no-visit' | 'window-closed') =>
    new AppError(
      'APPOINTMENT_NOT_ELIGIBLE',
      'unprocessable',
      reason === 'not-submitted'
        ? 'The application is not submitted'
        : reason === 'no-visit'
          ? 'The service of the application does not need a visit'
          : 'The window for the visit has closed',
      { reason },
    ),
  notFound: () =>
    new AppError(
      'APPOINTMENT_NOT_FOUND',
      'not_found',
      'The application has no booked visit that the caller holds',
    ),
  /** The partner API's refusals on the waitlist and held offers (visit.api.ts). */
  alreadyWaiting: () =>
    new AppError(
      'APPOINTMENT_ALREADY_WAITING',
      'conflict',
      'The application has a booked visit or is already in the waitlist; move the visit, or read its place in line',
    ),
  waitlistInvalid: (field: 'branches' | 'fromDay' | 'toDay') => {
    const message =
      field === 'branches'
        ? 'Choose at least one known branch'
        : field === 'fromDay'
          ? 'The first day must be today or later and before the end of the visit window'
          : 'The last day must not be before the first day';
    return new AppError('APPOINTMENT_WAITLIST_INVALID', 'validation', message, {
      fields: [{ field, message }],
    });
  },
  offerNotFound: () =>
    new AppError(
      'APPOINTMENT_OFFER_NOT_FOUND',
      'not_found',
      'No time is held for the application that the caller may answer',
    ),
  offerExpired: () =>
    new AppError(
      'APPOINTMENT_OFFER_EXPIRED',
      'conflict',
      'The time held for the application ran out and goes to the next in line',
    ),
  /** The booking reports page (abuse.pages.ts): no report with that id. */
  reportNotFound: () =>
    new AppError(
      'BOOKING_REPORT_NOT_FOUND',
      'not_found',
      'There is no booking report with that id',
    ),
};
